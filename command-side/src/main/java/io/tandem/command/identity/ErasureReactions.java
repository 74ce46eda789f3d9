package io.tandem.command.identity;

/**
 * The processing group of every event handler, in any feature, that makes an erasure reach what the feature keeps
 * of the person (their couple, vehicles, files). They share one processor so its dead-letter queue shows at a glance
 * whether every erasure went through.
 */
public final class ErasureReactions {

    public static final String PROCESSING_GROUP = "personal-data-erasure";

    private ErasureReactions() {
    }
}
