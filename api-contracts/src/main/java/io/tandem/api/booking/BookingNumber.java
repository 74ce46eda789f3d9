package io.tandem.api.booking;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * The one home of the booking-number format: {@code TD} and ten characters people can read out on the phone,
 * digits and capital letters without 0/O or 1/I. Every side validates against it and the command side issues
 * numbers from it, so a number that passes validation is one that could have been issued.
 */
public final class BookingNumber {

    /** The format as a regular expression, for request validation ({@code @Pattern}). */
    public static final String PATTERN = "TD[2-9A-HJ-NP-Z]{10}";

    private static final char[] ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();
    private static final Pattern FORMAT = Pattern.compile(PATTERN);
    private static final SecureRandom RANDOM = new SecureRandom();

    private BookingNumber() {
    }

    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    /** A new random number: 32^10 of them, so guessing one is hopeless. */
    public static String next() {
        StringBuilder number = new StringBuilder("TD");
        for (int i = 0; i < 10; i++) {
            number.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return number.toString();
    }
}
