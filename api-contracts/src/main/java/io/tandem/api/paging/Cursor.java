package io.tandem.api.paging;

import io.tandem.api.Rejection;
import io.tandem.api.RejectedException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Where the next slice of a keyset-ordered list starts: the sort values of the last item handed out. Clients get
 * it as an opaque URL-safe string and send it back unchanged; a string that does not decode is a 400.
 */
public record Cursor(List<String> values) {

    private static final char SEPARATOR = '\u001f';

    public Cursor {
        values = List.copyOf(values);
    }

    public static Cursor of(Object... values) {
        return new Cursor(Arrays.stream(values).map(String::valueOf).toList());
    }

    public String value(int index) {
        return values.get(index);
    }

    public Instant instant(int index) {
        try {
            return Instant.parse(values.get(index));
        } catch (DateTimeParseException e) {
            throw invalid();
        }
    }

    public long number(int index) {
        try {
            return Long.parseLong(values.get(index));
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    public int integer(int index) {
        try {
            return Integer.parseInt(values.get(index));
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    /** A finite decimal, such as a search score. */
    public double decimal(int index) {
        try {
            double value = Double.parseDouble(values.get(index));
            if (!Double.isFinite(value)) {
                throw invalid();
            }
            return value;
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    public LocalDate date(int index) {
        try {
            return LocalDate.parse(values.get(index));
        } catch (DateTimeParseException e) {
            throw invalid();
        }
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                     .encodeToString(String.join(String.valueOf(SEPARATOR), values).getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor that must carry exactly {@code expectedValues} sort values. */
    public static Cursor decode(String encoded, int expectedValues) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
            List<String> values = List.of(text.split(String.valueOf(SEPARATOR), -1));
            if (values.size() != expectedValues) {
                throw invalid();
            }
            return new Cursor(values);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static RejectedException invalid() {
        return new RejectedException(Rejection.invalid("invalid_cursor", "The cursor is not one this API handed out."));
    }
}
