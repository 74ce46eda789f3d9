package io.tandem.api.flight;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Flight search's query and what it answers. Serializable because search pages may sit in a shared cache (Redis)
 * that stores them with Java serialization.
 */
public final class FlightSearchResults {

    private FlightSearchResults() {
    }

    /**
     * Schedules from one airport to another departing on a local date (at the departure airport), with at least
     * {@code passengers} seats free in {@code cabin} (any cabin when null), answered with a {@link SchedulePage}.
     * {@code sort} is price, departure (null means this) or duration. {@code GET /api/flights/search} asks the same.
     */
    public record SearchFlightsQuery(String departure, String arrival, LocalDate date, int passengers, Cabin cabin,
                                     String sort, int page, int size) implements Serializable {
    }

    public record Place(String code, String nameEn, String nameKo, String cityEn, String cityKo)
            implements Serializable {
    }

    /** A cabin's fare in won before ({@code baseFare}) and after ({@code fare}) the best discount. */
    public record CabinFare(Cabin cabin, long baseFare, long fare, int availableSeats) implements Serializable {
    }

    /** One schedule as search shows it; local times are at the departure and arrival airports. */
    public record ScheduleCard(String scheduleId, String flightNumber, String airline, Place origin,
                               Place destination, Instant departureAt, Instant arrivalAt,
                               LocalDateTime departureLocal, LocalDateTime arrivalLocal, long durationMinutes,
                               List<CabinFare> cabins) implements Serializable {

        public ScheduleCard {
            cabins = List.copyOf(cabins);
        }
    }

    public record SchedulePage(List<ScheduleCard> schedules, int page, int size, long totalElements)
            implements Serializable {

        public SchedulePage {
            schedules = List.copyOf(schedules);
        }
    }

    /** {@code lowestFare} is the lowest fare among upcoming searchable schedules of the route, null if none. */
    public record PromotionView(String promotionId, String title, String description, String route, Place origin,
                                Place destination, LocalDate validFrom, LocalDate validTo, Long lowestFare)
            implements Serializable {
    }

    public record PromotionList(List<PromotionView> promotions) implements Serializable {

        public PromotionList {
            promotions = List.copyOf(promotions);
        }
    }

    /** The cheapest upcoming schedule of a promoted route. */
    public record FeaturedSchedule(String promotionId, String title, String route, ScheduleCard schedule)
            implements Serializable {
    }

    public record FeaturedList(List<FeaturedSchedule> featured) implements Serializable {

        public FeaturedList {
            featured = List.copyOf(featured);
        }
    }
}
