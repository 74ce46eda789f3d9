package io.tandem.api.vehicle;

import java.time.LocalDate;

/**
 * "Oil every 10,000 km or 12 months": one service type of a vehicle's schedule, due when either interval has passed
 * since the latest service of that type. Either interval may be null, not both. Shared by the write side (which
 * notifies) and the read side (which shows the next due items), so both always agree.
 */
public record MaintenanceRule(MaintenanceType type, Long everyKm, Integer everyMonths) {

    /** The next due point after a service (or, before the first one, after the vehicle was registered). */
    public DuePoint nextDue(LocalDate lastDate, long lastMileage) {
        return new DuePoint(type, everyMonths == null ? null : lastDate.plusMonths(everyMonths),
                            everyKm == null ? null : lastMileage + everyKm);
    }

    /** Where a rule falls due; null parts do not apply. */
    public record DuePoint(MaintenanceType type, LocalDate dueDate, Long dueMileage) {

        public boolean dueByDate(LocalDate today) {
            return dueDate != null && !dueDate.isAfter(today);
        }

        public boolean dueByMileage(long mileage) {
            return dueMileage != null && mileage >= dueMileage;
        }
    }
}
