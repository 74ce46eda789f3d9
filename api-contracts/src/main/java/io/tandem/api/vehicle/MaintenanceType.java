package io.tandem.api.vehicle;

public enum MaintenanceType {
    OIL_CHANGE,
    TYRES,
    BRAKES,
    INSPECTION,
    REPAIR,
    OTHER;

    /** Lower case with spaces, for notification texts ("oil change"). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
