package io.tandem.query.flight.search;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;

/**
 * How far the flight-search projection has made events searchable. It commits its token only after the documents
 * of a batch are searchable (written with refresh=wait_for, or after the alias switch of a rebuild), so its stored
 * token covering an event means search shows that event's effect.
 * <p>
 * On the node that runs the projection the answer comes from memory; other nodes read the projection's tokens from
 * the token table, which every node shares.
 */
@Component
class SearchProgress {

    private static final Logger log = LoggerFactory.getLogger(SearchProgress.class);
    private static final long POLL_MILLIS = 50;

    private final JdbcClient jdbc;
    private final Serializer serializer;
    private final Object progress = new Object();
    private volatile TrackingToken indexedHere;

    SearchProgress(JdbcClient jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** Called by the projection once a batch up to {@code token} is committed and searchable. */
    void indexedThrough(TrackingToken token) {
        if (token == null) {
            return;
        }
        synchronized (progress) {
            indexedHere = token;
            progress.notifyAll();
        }
    }

    /**
     * Waits until search shows the effect of the event at {@code eventToken}, at most {@code atMost}.
     *
     * @return whether it does; false when the projection did not get there in time (stopped, or far behind)
     */
    boolean awaitSearchable(TrackingToken eventToken, Duration atMost) {
        if (eventToken == null) {
            return true;
        }
        long deadline = System.nanoTime() + atMost.toNanos();
        while (true) {
            if (covers(indexedHere, eventToken) || storedTokensCover(eventToken)) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            synchronized (progress) {
                if (!covers(indexedHere, eventToken)) {
                    try {
                        progress.wait(Math.max(1, Math.min(POLL_MILLIS, left / 1_000_000)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }
            }
        }
    }

    private boolean storedTokensCover(TrackingToken eventToken) {
        List<TrackingToken> tokens = storedTokens();
        return !tokens.isEmpty() && tokens.stream().allMatch(token -> covers(token, eventToken));
    }

    /** The flight-search projection's committed tokens, one per segment (null for a segment without one). */
    List<TrackingToken> storedTokens() {
        return jdbc.sql("SELECT token, tokentype FROM tokenentry WHERE processorname = :processor")
                   .param("processor", FlightSearchConfiguration.PROCESSING_GROUP)
                   .query((rs, row) -> deserialize(rs.getBytes("token"), rs.getString("tokentype")))
                   .list();
    }

    private TrackingToken deserialize(byte[] token, String type) {
        if (token == null || type == null) {
            return null;
        }
        try {
            SerializedObject<byte[]> serialized =
                    new SimpleSerializedObject<>(token, byte[].class, new SimpleSerializedType(type, null));
            return serializer.deserialize(serialized);
        } catch (RuntimeException e) {
            log.warn("Cannot read the {} token of type {}", FlightSearchConfiguration.PROCESSING_GROUP, type, e);
            return null;
        }
    }

    private static boolean covers(TrackingToken indexed, TrackingToken event) {
        return indexed != null && indexed.covers(event);
    }
}
