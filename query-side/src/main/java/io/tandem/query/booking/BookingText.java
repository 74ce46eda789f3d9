package io.tandem.query.booking;

import com.fasterxml.jackson.core.type.TypeReference;
import io.tandem.api.booking.Passenger;
import io.tandem.platform.jdbc.JsonColumns;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** How booking values are normalized for storage and search, the same way when written and when asked for. */
final class BookingText {

    /** A name longer than this (after removing spaces) is not split into parts; real names are far shorter. */
    private static final int MAX_PART_SOURCE = 20;
    private static final Pattern HANGUL_RUN = Pattern.compile("\\p{IsHangul}{2,}");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern PHONE_LIKE = Pattern.compile("\\+?[0-9][0-9\\s().-]*");
    private static final TypeReference<List<Passenger>> PASSENGERS = new TypeReference<>() {
    };

    private BookingText() {
    }

    /** Upper case without spaces ({@code "ke 123"} is {@code KE123}); null stays null. */
    static String flightNumber(String value) {
        return value == null ? null : SPACES.matcher(value).replaceAll("").toUpperCase(Locale.ROOT);
    }

    /**
     * The digits of a phone number, so {@code 010-1234-5678}, {@code 010 1234 5678} and {@code 01012345678} are
     * one number; a Korean number written internationally ({@code +82 10-1234-5678}) also gives its domestic form.
     * Empty for null or a value without digits.
     */
    static Set<String> phoneForms(String phone) {
        Set<String> forms = new LinkedHashSet<>();
        if (phone == null) {
            return forms;
        }
        String digits = phone.replaceAll("\\D", "");
        if (digits.isEmpty()) {
            return forms;
        }
        forms.add(digits);
        if (phone.strip().startsWith("+82") && digits.length() > 2) {
            forms.add("0" + digits.substring(2));
        }
        return forms;
    }

    /** Whether a search text reads as a phone number (digits with the usual separators), not as a name. */
    static boolean looksLikePhone(String text) {
        return PHONE_LIKE.matcher(text).matches() && text.replaceAll("\\D", "").length() >= 3;
    }

    /**
     * Every run of two or more Hangul syllables in the name (spaces removed) and each of its substrings of two or
     * more syllables: {@code 김민지} gives 김민, 민지 and 김민지, so part of a Korean name finds it. The in-JVM search
     * node has no n-gram tokenizer, so the parts are made here and indexed as keywords.
     */
    static Set<String> hangulParts(String name) {
        Set<String> parts = new LinkedHashSet<>();
        if (name == null) {
            return parts;
        }
        String compact = compact(name);
        if (compact.length() > MAX_PART_SOURCE) {
            return parts;
        }
        var runs = HANGUL_RUN.matcher(compact);
        while (runs.find()) {
            String run = runs.group();
            for (int start = 0; start < run.length(); start++) {
                for (int end = start + 2; end <= run.length(); end++) {
                    parts.add(run.substring(start, end));
                }
            }
        }
        return parts;
    }

    /** The name as its Hangul parts are looked up: spaces removed, lower case. */
    static String compact(String text) {
        return SPACES.matcher(text).replaceAll("").toLowerCase(Locale.ROOT);
    }

    static boolean hasHangul(String text) {
        return text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL);
    }

    /** The passengers column holds snake_case JSON ({@code birth_date}), as the API shows passengers. */
    static String writePassengers(List<Passenger> passengers) {
        return JsonColumns.writeSnakeCase(passengers == null ? List.of() : passengers);
    }

    static List<Passenger> readPassengers(String json) {
        return JsonColumns.readSnakeCase(json, PASSENGERS);
    }
}
