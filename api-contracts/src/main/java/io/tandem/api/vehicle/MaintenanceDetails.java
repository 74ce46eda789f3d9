package io.tandem.api.vehicle;

import java.time.LocalDate;
import java.util.List;

/** What was done to a vehicle on one visit to a shop; costs in whole won. {@code shop} may be null. */
public record MaintenanceDetails(LocalDate serviceDate, long mileage, MaintenanceType type, String description,
                                 String shop, List<MaintenancePart> parts, long labourCost) {

    public MaintenanceDetails {
        parts = parts == null ? List.of() : List.copyOf(parts);
    }

    public long partsCost() {
        return parts.stream().mapToLong(MaintenancePart::cost).sum();
    }

    public long totalCost() {
        return partsCost() + labourCost;
    }
}
