package io.tandem.platform.web.input;

/**
 * Which text the API accepts: no C0 control character (PostgreSQL cannot store NUL, and the others have no business
 * in names, ids or messages) and no unpaired surrogate (not a character at all: it cannot be written as UTF-8, so
 * neither PostgreSQL nor Elasticsearch can hold it). Free text in JSON bodies may hold tabs and line breaks; a URL
 * parameter, a header or a file name may not.
 */
public final class CleanText {

    public static final String PROBLEM = "contains a control character or an unpaired surrogate";

    private CleanText() {
    }

    /** Whether {@code text} may hold tabs and line breaks: JSON text may, single-line values may not. */
    public enum Lines {
        ALLOWED, REFUSED
    }

    public static boolean isClean(String text, Lines lines) {
        if (text == null) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20) {
                if (lines == Lines.REFUSED || (c != '\t' && c != '\n' && c != '\r')) {
                    return false;
                }
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
