package io.tandem.platform.web.input;

import java.io.IOException;

/** The body went past its path's limit while it was being read (a chunked body announces no length). */
public class BodyTooLargeException extends IOException {

    public BodyTooLargeException(long limit) {
        super("The request body is larger than " + limit + " bytes.");
    }
}
