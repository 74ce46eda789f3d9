package io.tandem.api.vehicle;

import java.util.Locale;

public enum MaintenanceType {
    OIL_CHANGE,
    TYRES,
    BRAKES,
    INSPECTION,
    REPAIR,
    OTHER;

    /** Lower case with spaces, for notification texts ("oil change"). */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
