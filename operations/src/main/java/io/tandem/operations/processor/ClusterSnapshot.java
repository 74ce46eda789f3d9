package io.tandem.operations.processor;

import io.tandem.operations.control.ProcessorControl;
import io.tandem.operations.processor.TokenTable.StoredToken;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything the tables say about the cluster's processors at one moment (the database's clock): the nodes, what
 * each reported, the tokens and dead letters of every side's schema, and what operators asked for.
 */
record ClusterSnapshot(Instant now, List<Node> nodes, List<Heartbeat> heartbeats, List<StoredToken> tokens,
                       Map<String, DeadLetters> deadLetters, Map<String, ProcessorControl> controls,
                       List<Ack> acks) {

    /** The same snapshot with this node's heartbeats replaced by what its processors say right now. */
    ClusterSnapshot withFresh(String nodeId, List<Heartbeat> fresh) {
        List<Heartbeat> merged = new ArrayList<>(fresh);
        heartbeats.stream().filter(heartbeat -> !heartbeat.nodeId().equals(nodeId)).forEach(merged::add);
        return new ClusterSnapshot(now, nodes, merged, tokens, deadLetters, controls, acks);
    }

    record Node(String nodeId, String sides, String tokenSchema, Instant startedAt, Instant lastSeen,
                boolean alive) {
    }

    record Heartbeat(String nodeId, String processor, String side, String mode, String tokenStore, boolean running,
                     boolean error, List<ReportedSegment> segments, Instant reportedAt) {
    }

    record DeadLetters(long letters, long sequences) {

        static final DeadLetters NONE = new DeadLetters(0, 0);

        DeadLetters plus(DeadLetters other) {
            return new DeadLetters(letters + other.letters, sequences + other.sequences);
        }
    }

    record Ack(String nodeId, String processor, long version, String state, String failure) {
    }
}
