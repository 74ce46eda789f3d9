package io.tandem.command.booking;

import java.security.SecureRandom;

/** Booking numbers people can read out on the phone: {@code TD} and ten characters without 0/O or 1/I. */
final class BookingNumbers {

    private static final char[] ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private BookingNumbers() {
    }

    static String next() {
        StringBuilder number = new StringBuilder("TD");
        for (int i = 0; i < 10; i++) {
            number.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return number.toString();
    }
}
