package io.tandem.api.flight;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

/**
 * The pricing rule of a discount, shared by search (fares shown) and booking (price charged), so both always agree.
 * Discounts never stack: a fare gets the single discount that takes the most off it.
 */
public record DiscountRule(String discountId, DiscountType type, long amount, LocalDate validFrom,
                           LocalDate validTo, List<String> routes, List<String> flightIds) {

    public DiscountRule {
        routes = routes == null ? List.of() : List.copyOf(routes);
        flightIds = flightIds == null ? List.of() : List.copyOf(flightIds);
    }

    public static DiscountRule of(FlightEvents.DiscountCreatedEvent event) {
        return new DiscountRule(event.discountId(), event.type(), event.amount(), event.validFrom(), event.validTo(),
                                event.routes(), event.flightIds());
    }

    public static String route(String origin, String destination) {
        return origin + "-" + destination;
    }

    /** Whether it applies to a flight on a route departing on a local date. */
    public boolean appliesTo(String route, String flightId, LocalDate localDepartureDate) {
        boolean inPeriod = !localDepartureDate.isBefore(validFrom) && !localDepartureDate.isAfter(validTo);
        boolean everywhere = routes.isEmpty() && flightIds.isEmpty();
        return inPeriod && (everywhere || routes.contains(route) || flightIds.contains(flightId));
    }

    /** The fare after this discount, in whole won, never negative. */
    public long discounted(long fare) {
        long off = switch (type) {
            case PERCENTAGE -> fare * amount / 100;
            case FIXED -> amount;
        };
        return Math.max(0, fare - off);
    }

    /** The lowest fare any applicable discount gives, or the base fare. */
    public static long bestFare(long baseFare, Collection<DiscountRule> discounts, String route, String flightId,
                                LocalDate localDepartureDate) {
        long best = baseFare;
        for (DiscountRule discount : discounts) {
            if (discount.appliesTo(route, flightId, localDepartureDate)) {
                best = Math.min(best, discount.discounted(baseFare));
            }
        }
        return best;
    }
}
