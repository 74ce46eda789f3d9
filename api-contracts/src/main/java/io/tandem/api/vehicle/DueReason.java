package io.tandem.api.vehicle;

/** What made a maintenance item due: its date came, or the odometer reached its mileage. */
public enum DueReason {
    DATE,
    MILEAGE
}
