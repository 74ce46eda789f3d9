package io.tandem.api.flight;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

public final class FlightCommands {

    private FlightCommands() {
    }

    public record RegisterAirportCommand(@TargetAggregateIdentifier String code, String nameEn, String nameKo,
                                         String cityEn, String cityKo, String country, String timeZone) {
    }

    public record RegisterFlightCommand(@TargetAggregateIdentifier String flightId, String flightNumber,
                                        String airline, String origin, String destination, SeatMap seatMap) {
    }

    public record RemoveFlightCommand(@TargetAggregateIdentifier String flightId) {
    }

    /**
     * Opens a schedule of a registered flight, whose route and seat map it copies. Departure and arrival are
     * instants; the API converts them from the airports' local times. Fares are in won.
     */
    public record ScheduleFlightCommand(@TargetAggregateIdentifier String scheduleId, String flightId,
                                        Instant departureAt, Instant arrivalAt, Map<Cabin, Long> baseFares) {
    }

    public record CancelScheduleCommand(@TargetAggregateIdentifier String scheduleId, String reason) {
    }

    /**
     * A discount applies to schedules departing (local date) within [validFrom, validTo] on one of the routes
     * ({@code "ICN-NRT"}) or flights named, or on every schedule when both lists are empty.
     */
    public record CreateDiscountCommand(@TargetAggregateIdentifier String discountId, String name,
                                        DiscountType type, long amount, LocalDate validFrom, LocalDate validTo,
                                        List<String> routes, List<String> flightIds) {
    }

    public record DeleteDiscountCommand(@TargetAggregateIdentifier String discountId) {
    }

    public record CreatePromotionCommand(@TargetAggregateIdentifier String promotionId, String title,
                                         String description, String origin, String destination,
                                         LocalDate validFrom, LocalDate validTo) {
    }

    public record DeletePromotionCommand(@TargetAggregateIdentifier String promotionId) {
    }
}
