package io.tandem.launcher;

import java.util.List;

/**
 * The bad inputs the fuzzer tries: JSON literals for body fields (escapes written out, so a lone surrogate or a NUL
 * reaches the server exactly as an attacker would send it), and percent-encoded texts for the URL.
 */
final class FuzzInputs {

    private FuzzInputs() {
    }

    static final List<String> JSON_STRINGS = List.of(
            "\"a\\u0000b\"",
            "\"\\u0000\"",
            "\"x\\u0001\\u0008\\u001b\\u001fy\"",
            "\"\\ud800\"",
            "\"lone low \\udfff\"",
            "\"tab\\tnew\\nline\\r\"",
            "\"\uD83D\uDE00 \\u200b\\u202e\\ufeff \u0301\"",
            "\"" + "a".repeat(20_000) + "\"",
            "\"\"",
            "\"   \"",
            "\"../../etc/passwd\"",
            "\"%00\"",
            "12345",
            "true",
            "[]",
            "{}",
            "null");

    /** Texts every string field gets, whatever else is drawn. */
    static final List<String> JSON_STRINGS_ALWAYS = List.of("\"a\\u0000b\"", "\"x\\u0001\\u0008\\u001b\\u001fy\"",
                                                            "\"\\ud800\"");

    static final List<String> JSON_NUMBERS = List.of(
            "1e309", "-1e309", "99999999999999999999999999", "-9223372036854775809", "9223372036854775807",
            "2147483648", "-2147483649", "-1", "0", "0.000001", "1e-400", "1.5", "\"12\"", "\"a\\u0000\"", "true",
            "[]", "{}", "null", "1" + "0".repeat(2000));

    static final List<String> JSON_BOOLEANS = List.of("\"true\"", "1", "\"a\\u0000\"", "[]", "{}", "null");

    static final List<String> JSON_CONTAINERS = List.of("\"x\"", "1", "null", "[]", "{}", "[null]", "[[[[]]]]",
                                                        "{\"\\u0000\":1}");

    /** Whole bodies for a JSON endpoint. */
    static final List<String> JSON_BODIES = List.of(
            "", "{", "}", "[]", "null", "\"text\"", "12", "{\"a\":", "{\"a\" 1}", "{'a':1}",
            "{\"\\u0000\":\"\\u0000\"}", "[".repeat(5_000) + "]".repeat(5_000),
            "{\"a\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}");

    /** Percent-encoded texts for query parameters and path segments. */
    static final List<String> URL_TEXTS = List.of(
            "%00", "a%00b", "%01%1F", "%7F", "%0A", "%0D%0A", "%ED%A0%80", "%C3%28", "%FF%FE", "%zz", "%",
            "%F0%9F%98%80%E2%80%AE", "..%2F..%2Fetc%2Fpasswd", "%2e%2e", "%5C", "%22%3E%3Cscript%3E", "",
            "a".repeat(3_000));

    static final List<String> URL_NUMBERS = List.of(
            "99999999999999999999", "2147483647", "-2147483648", "2147483648", "-1", "1e3", "0x10", "abc", "",
            "%00", "1.5", "21474837");

    /** Path segments: what the servlet container and the firewall must refuse, and what the handler must. */
    static final List<String> PATH_SEGMENTS = List.of(
            "%00", "a%00b", "%2F", "..%2F..%2Fx", "%2e%2e", "..", "%ED%A0%80", "%C3%28", "%zz", "%0A", "%5C",
            ";x=1", "%3B", "a".repeat(400), "%F0%9F%98%80", "%20");

    /** Multipart file names, raw as they go into the part's header. */
    static final List<String> FILE_NAMES = List.of(
            "../../a\u0000.png", "a\u0001b.png", "..\\..\\a.png", "../../../etc/passwd", "x".repeat(5_000) + ".png",
            "q\\\"uote.png", "\uD83D\uDE00\u202Eevil.png", "", "a\r\nX-Injected: 1.png");
}
