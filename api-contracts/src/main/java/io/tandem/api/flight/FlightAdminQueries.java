package io.tandem.api.flight;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

public final class FlightAdminQueries {

    private FlightAdminQueries() {
    }

    public record ListFlightsQuery(int page, int size) {
    }

    public record FlightSummary(String flightId, String flightNumber, String airline, String origin,
                                String destination, String aircraft, int seatCount, String status,
                                Instant registeredAt) {
    }

    public record FlightPage(List<FlightSummary> flights, int page, int size, long totalElements) {
    }

    /** Null filters match everything; dates are departure dates in UTC. */
    public record ListSchedulesQuery(String flightId, LocalDate from, LocalDate to, String status, int page,
                                     int size) {
    }

    public record ScheduleSummary(String scheduleId, String flightId, String flightNumber, String origin,
                                  String destination, Instant departureAt, Instant arrivalAt,
                                  Map<Cabin, Long> baseFares, int totalSeats, int bookedSeats, String status,
                                  String cancelReason) {
    }

    public record SchedulePage(List<ScheduleSummary> schedules, int page, int size, long totalElements) {
    }

    /** Answers a {@link FlightRoute}; unknown or removed flights are a NOT_FOUND rejection. */
    public record FlightRouteQuery(String flightId) {
    }

    public record FlightRoute(String flightId, String flightNumber, String origin, String destination) {
    }

    public record ListDiscountsQuery() {
    }

    public record DiscountView(String discountId, String name, DiscountType type, long amount, LocalDate validFrom,
                               LocalDate validTo, List<String> routes, List<String> flightIds, Instant createdAt) {
    }

    public record DiscountList(List<DiscountView> discounts) {
    }
}
