package io.tandem.operations;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How the operations console keeps its cluster-wide view ({@code tandem.operations.*}).
 *
 * @param schema              the schema of the operations tables; empty means the side's own (its connection's
 *                            schema), which is right whenever all processors share one schema (the embedded default).
 *                            In services mode every side must name the same one.
 * @param heartbeatInterval   how often a node reports its processors
 * @param nodeTimeout         a node silent for longer is shown as gone
 * @param nodeRetention       a node silent for longer is forgotten
 * @param stallAfter          a segment behind the head whose position has not moved for this long is stalled
 * @param rateWindow          the sliding window over which events per second are measured
 * @param controlPollInterval how often a node looks for what operators asked of its processors
 * @param streamInterval      how often the live board is sent to open streams
 * @param streamTimeout       how long a live board stream stays open before the client reconnects
 * @param replayLease         how long a node holds a replay plan without renewing it (every control poll) before
 *                            another node may take it over: about how long a plan stalls when its node dies
 */
@ConfigurationProperties(prefix = "tandem.operations")
public record OperationsProperties(String schema, Duration heartbeatInterval, Duration nodeTimeout,
                                   Duration nodeRetention, Duration stallAfter, Duration rateWindow,
                                   Duration controlPollInterval, Duration streamInterval, Duration streamTimeout,
                                   Duration replayLease) {

    public OperationsProperties {
        schema = schema == null ? "" : schema.strip();
        heartbeatInterval = orDefault(heartbeatInterval, Duration.ofSeconds(2));
        nodeTimeout = orDefault(nodeTimeout, Duration.ofSeconds(15));
        nodeRetention = orDefault(nodeRetention, Duration.ofDays(7));
        stallAfter = orDefault(stallAfter, Duration.ofSeconds(60));
        rateWindow = orDefault(rateWindow, Duration.ofSeconds(30));
        controlPollInterval = orDefault(controlPollInterval, Duration.ofSeconds(1));
        streamInterval = orDefault(streamInterval, Duration.ofSeconds(2));
        streamTimeout = orDefault(streamTimeout, Duration.ofMinutes(30));
        replayLease = orDefault(replayLease, Duration.ofSeconds(10));
    }

    private static Duration orDefault(Duration value, Duration fallback) {
        return value == null ? fallback : value;
    }
}
