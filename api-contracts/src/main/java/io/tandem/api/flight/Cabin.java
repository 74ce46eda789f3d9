package io.tandem.api.flight;

public enum Cabin { ECONOMY, PREMIUM_ECONOMY, BUSINESS, FIRST }
