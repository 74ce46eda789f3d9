package io.tandem.api;

/** Thrown by handlers to refuse a request for a reason the caller can act on. */
public class RejectedException extends RuntimeException {

    private final transient Rejection rejection;

    public RejectedException(Rejection rejection) {
        super(rejection.detail(), null, false, false);
        this.rejection = rejection;
    }

    public Rejection rejection() {
        return rejection;
    }
}
