package io.tandem.platform.storage;

/** The bytes are not a JPEG, PNG or GIF image that can be decoded (or one too large to decode safely). */
public class UnreadableImageException extends RuntimeException {

    UnreadableImageException(String message) {
        super(message);
    }

    UnreadableImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
