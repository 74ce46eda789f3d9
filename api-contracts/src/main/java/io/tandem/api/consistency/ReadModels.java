package io.tandem.api.consistency;

/**
 * The read models a client reads right after its own writes, named by the event processor (processing group) that
 * keeps each one. The projections declare themselves with these names and the write endpoints wait for them, so the
 * name lives here, where both sides see it.
 */
public final class ReadModels {

    public static final String USER_PROFILES = "user-profiles";
    public static final String FILES = "file-metadata";
    public static final String AIRPORTS = "airports";
    public static final String FLIGHT_ADMIN = "flight-admin";
    public static final String FLIGHT_SEARCH = "flight-search";
    /** The command side's copy of the discounts, which prices bookings. */
    public static final String PRICING_DISCOUNTS = "pricing-discounts";
    public static final String BOOKINGS = "bookings";
    public static final String OCCUPIED_SEATS = "occupied-seats";
    public static final String PAYMENT_ORDERS = "payment-orders";
    public static final String COUPLES = "couples";
    public static final String CHAT = "chat";
    public static final String COMMUNITY = "community";
    public static final String COMMUNITY_SEARCH = "community-post-search";
    public static final String NOTIFICATIONS = "notifications";
    public static final String VEHICLES = "vehicles";

    private ReadModels() {
    }
}
