package io.tandem.api.booking;

import java.time.LocalDate;

/**
 * A traveller on a booking; personal data of the booking's user (see docs/personal-data.md): events carry passengers
 * as one encrypted component of the enclosing event, which names the subject.
 */
public record Passenger(String name, LocalDate birthDate, String phone) {
}
