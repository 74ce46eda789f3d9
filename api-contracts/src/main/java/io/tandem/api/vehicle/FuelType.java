package io.tandem.api.vehicle;

public enum FuelType {
    GASOLINE,
    DIESEL,
    LPG,
    HYBRID,
    PLUG_IN_HYBRID,
    ELECTRIC,
    HYDROGEN,
    OTHER
}
