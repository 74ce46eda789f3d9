package io.tandem.query.live;

/** Names shared by the features that push to connected clients. */
public final class Live {

    /** The per-node processor whose handlers deliver events to this node's sockets and streams. */
    public static final String PROCESSING_GROUP = "live-delivery";

    private Live() {
    }
}
