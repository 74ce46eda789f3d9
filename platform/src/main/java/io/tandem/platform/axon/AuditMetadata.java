package io.tandem.platform.axon;

/** Metadata keys every message carries, so the audit trail can tell who caused what and why. */
public final class AuditMetadata {

    public static final String USER_ID = "user_id";
    public static final String CORRELATION_ID = "correlation_id";
    public static final String CAUSATION_ID = "causation_id";

    private AuditMetadata() {
    }
}
