package io.tandem.api.vehicle;

/** A part used in a service; costs in whole won. {@code partNumber} may be null. */
public record MaintenancePart(String name, String partNumber, int quantity, long unitCost) {

    public long cost() {
        return quantity * unitCost;
    }
}
