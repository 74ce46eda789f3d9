package io.tandem.operations.node;

import java.lang.management.ManagementFactory;
import java.time.Instant;

/**
 * This node as the cluster sees it.
 *
 * @param nodeId      the name Axon's token store writes as a segment's owner (pid@host), so the heartbeat and
 *                    {@code tokenentry.owner} name the same node
 * @param tokenSchema the schema of this node's {@code tokenentry} and {@code deadletterentry}
 * @param startedAt   when this node started
 */
public record LocalNode(String nodeId, String tokenSchema, Instant startedAt) {

    public static LocalNode of(String tokenSchema) {
        return new LocalNode(ManagementFactory.getRuntimeMXBean().getName(), tokenSchema, Instant.now());
    }
}
