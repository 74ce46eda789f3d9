package io.tandem.api.booking;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class BookingNumberTest {

    @Test
    void everyIssuedNumberIsValidAndReadable() {
        Set<String> issued = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String number = BookingNumber.next();
            assertThat(BookingNumber.isValid(number)).as(number).isTrue();
            assertThat(number).matches(BookingNumber.PATTERN).doesNotContain("0", "O", "1", "I");
            issued.add(number);
        }
        assertThat(issued).hasSize(2_000);
    }

    @Test
    void anythingElseIsNotABookingNumber() {
        assertThat(BookingNumber.isValid(null)).isFalse();
        assertThat(BookingNumber.isValid("")).isFalse();
        assertThat(BookingNumber.isValid("TD23456789A")).isFalse();
        assertThat(BookingNumber.isValid("TD23456789ABC")).isFalse();
        assertThat(BookingNumber.isValid("td23456789ab")).isFalse();
        assertThat(BookingNumber.isValid("TD0000000000")).as("0 is never issued").isFalse();
        assertThat(BookingNumber.isValid("../../x")).isFalse();
        assertThat(BookingNumber.isValid("TD23456789AB")).isTrue();
    }
}
