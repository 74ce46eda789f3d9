package io.tandem.api.vehicle;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * Maintenance dates are calendar dates in Korea, where Tandem's users live: "today" decides whether a service date
 * lies in the future, and an item due on a date becomes due at 09:00 that morning, not at midnight.
 */
public final class MaintenanceCalendar {

    public static final ZoneId ZONE = ZoneId.of("Asia/Seoul");
    private static final LocalTime DUE_TIME = LocalTime.of(9, 0);

    private MaintenanceCalendar() {
    }

    public static LocalDate today() {
        return LocalDate.now(ZONE);
    }

    public static Instant dueAt(LocalDate date) {
        return date.atTime(DUE_TIME).atZone(ZONE).toInstant();
    }
}
