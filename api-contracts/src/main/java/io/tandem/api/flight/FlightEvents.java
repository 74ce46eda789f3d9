package io.tandem.api.flight;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

public final class FlightEvents {

    private FlightEvents() {
    }

    public record AirportRegisteredEvent(String code, String nameEn, String nameKo, String cityEn, String cityKo,
                                         String country, String timeZone) {
    }

    public record FlightRegisteredEvent(String flightId, String flightNumber, String airline, String origin,
                                        String destination, SeatMap seatMap) {
    }

    public record FlightRemovedEvent(String flightId) {
    }

    /** {@code seatsPerCabin} is the inventory the schedule opens with; {@code seatMap} names its seats. */
    public record FlightScheduledEvent(String scheduleId, String flightId, String flightNumber, String airline,
                                       String origin, String destination, Instant departureAt, Instant arrivalAt,
                                       Map<Cabin, Long> baseFares, Map<Cabin, Integer> seatsPerCabin,
                                       SeatMap seatMap) {
    }

    public record ScheduleCancelledEvent(String scheduleId, String flightId, String reason) {
    }

    public record DiscountCreatedEvent(String discountId, String name, DiscountType type, long amount,
                                       LocalDate validFrom, LocalDate validTo, List<String> routes,
                                       List<String> flightIds) {
    }

    public record DiscountDeletedEvent(String discountId) {
    }

    public record PromotionCreatedEvent(String promotionId, String title, String description, String origin,
                                        String destination, LocalDate validFrom, LocalDate validTo) {
    }

    public record PromotionDeletedEvent(String promotionId) {
    }
}
