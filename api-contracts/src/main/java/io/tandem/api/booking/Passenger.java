package io.tandem.api.booking;

import java.time.LocalDate;

/** A traveller on a booking; personal data (see docs/personal-data.md). */
public record Passenger(String name, LocalDate birthDate, String phone) {
}
