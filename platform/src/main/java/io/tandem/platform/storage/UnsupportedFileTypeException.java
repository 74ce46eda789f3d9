package io.tandem.platform.storage;

/** The content is of a type not accepted here; web code answers 415 Unsupported Media Type. */
public class UnsupportedFileTypeException extends RuntimeException {

    private final String detectedType;

    public UnsupportedFileTypeException(String detectedType) {
        super("Files of type " + detectedType + " are not accepted here");
        this.detectedType = detectedType;
    }

    public String detectedType() {
        return detectedType;
    }
}
