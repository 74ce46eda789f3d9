package io.tandem.command.vehicle;

import io.tandem.api.vehicle.DueReason;
import io.tandem.api.vehicle.MaintenanceDetails;
import io.tandem.api.vehicle.MaintenanceRule;
import io.tandem.api.vehicle.MaintenanceRule.DuePoint;
import io.tandem.api.vehicle.MaintenanceType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When a {@link Vehicle}'s maintenance falls due. After every change that moves a due point the vehicle checks it at
 * once (a backdated service or a higher odometer reading may already be past it) and otherwise schedules a deadline
 * for its due date. Deadlines are never cancelled, because db-scheduler cancels by scanning every pending deadline; a
 * deadline whose due point has moved on since it was scheduled fires as a no-op. Each due point notifies once.
 * <p>
 * Only decisions live here; the vehicle applies what they call for and keeps the state.
 */
final class MaintenanceDue {

    /** The latest of a type's services: the last by date, and of one day the one at the higher mileage. */
    private static final Comparator<MaintenanceDetails> LATEST =
            Comparator.comparing(MaintenanceDetails::serviceDate).thenComparingLong(MaintenanceDetails::mileage);

    private MaintenanceDue() {
    }

    /** Each rule's next due point, counted from its type's latest service or else from the registration. */
    static Map<MaintenanceType, DuePoint> duePoints(Collection<MaintenanceRule> rules,
                                                    Collection<MaintenanceDetails> records,
                                                    LocalDate registeredOn, long registrationMileage) {
        Map<MaintenanceType, DuePoint> points = new EnumMap<>(MaintenanceType.class);
        for (MaintenanceRule rule : rules) {
            DuePoint point = records.stream()
                                    .filter(record -> record.type() == rule.type())
                                    .max(LATEST)
                                    .map(latest -> rule.nextDue(latest.serviceDate(), latest.mileage()))
                                    .orElseGet(() -> rule.nextDue(registeredOn, registrationMileage));
            points.put(rule.type(), point);
        }
        return points;
    }

    /**
     * What a change calls for, given the due points before and after it: a notice for every point that is reached
     * now and not yet notified, and a deadline for the due date of every other one that moved.
     */
    static Check check(Map<MaintenanceType, DuePoint> before, Map<MaintenanceType, DuePoint> now,
                       Map<MaintenanceType, DuePoint> notified, long mileage, LocalDate today) {
        Map<DuePoint, DueReason> reached = new LinkedHashMap<>();
        List<DuePoint> deadlines = new ArrayList<>();
        for (DuePoint point : now.values()) {
            if (point.equals(notified.get(point.type()))) {
                continue;
            }
            if (point.dueByMileage(mileage)) {
                reached.put(point, DueReason.MILEAGE);
            } else if (point.dueByDate(today)) {
                reached.put(point, DueReason.DATE);
            } else if (point.dueDate() != null && !point.equals(before.get(point.type()))) {
                deadlines.add(point);
            }
        }
        return new Check(reached, deadlines);
    }

    /** A deadline still counts when its due point has not moved since it was scheduled and has not notified yet. */
    static boolean stillDue(DuePoint scheduledFor, Map<MaintenanceType, DuePoint> now,
                            Map<MaintenanceType, DuePoint> notified) {
        DuePoint current = now.get(scheduledFor.type());
        return scheduledFor.equals(current) && !current.equals(notified.get(current.type()));
    }

    /** Due points reached, in rule order, with why; due points whose date needs a deadline. */
    record Check(Map<DuePoint, DueReason> reached, List<DuePoint> deadlines) {
    }
}
