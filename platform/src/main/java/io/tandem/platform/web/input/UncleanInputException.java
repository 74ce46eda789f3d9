package io.tandem.platform.web.input;

/** A request value outside JSON's own mapping (a parameter, a path segment, a file name, a raw body) is unclean. */
public class UncleanInputException extends IllegalArgumentException {

    private final String field;

    public UncleanInputException(String field) {
        super(field + " " + CleanText.PROBLEM);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
