package io.tandem.platform.web;

import io.swagger.v3.core.jackson.TypeNameResolver;

/**
 * Unique schema names in the API document. Request and answer records are nested in their controller or contract
 * class and are often named alike ({@code ScheduleRequest} of a flight and of a vehicle), so a nested type of ours
 * is named after its enclosing class too: {@code AdminFlightController.ScheduleRequest} is
 * {@code AdminFlightScheduleRequest}, {@code BookingController.BookingRequest} stays {@code BookingRequest}.
 * A name given with {@code @Schema(name = ...)} still wins.
 */
public final class SchemaNames extends TypeNameResolver {

    private static final String OURS = "io.tandem.";
    private static final String[] ROLE_SUFFIXES = {"Controller", "Queries", "Results", "Commands", "Events"};

    public SchemaNames() {
    }

    @Override
    protected String getNameOfClass(Class<?> type) {
        return of(type);
    }

    /** The schema name of one of our types. */
    public static String of(Class<?> type) {
        Class<?> enclosing = type.getEnclosingClass();
        if (enclosing == null || !type.getName().startsWith(OURS)) {
            return type.getSimpleName();
        }
        return joined(prefix(enclosing), type.getSimpleName());
    }

    private static String prefix(Class<?> enclosing) {
        String name = enclosing.getSimpleName();
        for (String suffix : ROLE_SUFFIXES) {
            if (name.endsWith(suffix) && name.length() > suffix.length()) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }

    /** Joins without repeating words: AdminFlight + FlightRequest is AdminFlightRequest. */
    private static String joined(String prefix, String name) {
        for (int start = 0; start < prefix.length(); start++) {
            if (Character.isUpperCase(prefix.charAt(start)) && name.startsWith(prefix.substring(start))) {
                return prefix.substring(0, start) + name;
            }
        }
        return prefix + name;
    }
}
