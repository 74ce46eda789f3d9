package io.tandem.operations.processor;

import io.tandem.operations.events.EventPositions.StoredPosition;
import io.tandem.operations.events.EventPositions;
import io.tandem.operations.processor.BoardViews.InstanceView;
import io.tandem.operations.processor.BoardViews.NodeView;
import io.tandem.operations.processor.BoardViews.ProcessorBoard;
import io.tandem.operations.processor.BoardViews.ProcessorView;
import io.tandem.operations.processor.BoardViews.SegmentView;
import io.tandem.operations.processor.ClusterSnapshot.Ack;
import io.tandem.operations.processor.ClusterSnapshot.DeadLetters;
import io.tandem.operations.processor.ClusterSnapshot.Heartbeat;
import io.tandem.operations.processor.ClusterSnapshot.Node;
import io.tandem.operations.processor.TokenTable.StoredToken;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Merges a {@link ClusterSnapshot} into the board: tokens say who owns which segment and where it stands, the owner's
 * heartbeat adds what only it knows (a fresher position, caught up, errors, speed), the event store gives the head
 * and the timestamps that turn positions into lag in seconds.
 */
class BoardAssembler {

    private final EventPositions positions;
    private final Duration stallAfter;
    private final String answeringNode;

    BoardAssembler(EventPositions positions, Duration stallAfter, String answeringNode) {
        this.positions = positions;
        this.stallAfter = stallAfter;
        this.answeringNode = answeringNode;
    }

    ProcessorBoard assemble(ClusterSnapshot cluster) {
        Optional<StoredPosition> head = positions.head();
        Map<String, Node> nodes = cluster.nodes().stream().collect(Collectors.toMap(Node::nodeId, n -> n));
        TreeSet<String> names = new TreeSet<>();
        cluster.tokens().forEach(token -> names.add(token.processor()));
        cluster.heartbeats().stream().filter(hb -> alive(nodes, hb.nodeId())).forEach(hb -> names.add(hb.processor()));
        List<ProcessorView> processors = names.stream()
                                              .map(name -> processor(name, cluster, nodes, head.orElse(null)))
                                              .toList();
        List<NodeView> nodeViews = cluster.nodes().stream()
                                          .map(n -> new NodeView(n.nodeId(), n.sides(), n.startedAt(), n.lastSeen(),
                                                                 n.alive()))
                                          .toList();
        return new ProcessorBoard(cluster.now(), answeringNode, head.map(StoredPosition::position).orElse(null),
                                  head.map(StoredPosition::timestamp).orElse(null), nodeViews, processors);
    }

    private ProcessorView processor(String name, ClusterSnapshot cluster, Map<String, Node> nodes,
                                    StoredPosition head) {
        List<Heartbeat> heartbeats = cluster.heartbeats().stream().filter(hb -> hb.processor().equals(name))
                                            .sorted(Comparator.comparing((Heartbeat hb) -> !alive(nodes, hb.nodeId()))
                                                              .thenComparing(Heartbeat::reportedAt,
                                                                             Comparator.reverseOrder()))
                                            .toList();
        List<StoredToken> tokens = cluster.tokens().stream().filter(token -> token.processor().equals(name))
                                    .sorted(Comparator.comparingInt(StoredToken::segment)).toList();
        Heartbeat described = heartbeats.isEmpty() ? null : heartbeats.get(0);
        List<SegmentView> segments = tokens.isEmpty()
                ? fromHeartbeats(heartbeats, nodes, cluster.now(), head)
                : tokens.stream().map(token -> fromToken(token, heartbeats, nodes, cluster.now(), head)).toList();
        Map<String, Ack> acks = cluster.acks().stream().filter(ack -> ack.processor().equals(name))
                                       .collect(Collectors.toMap(Ack::nodeId, Function.identity()));
        List<InstanceView> instances = heartbeats.stream().map(hb -> {
            Ack ack = acks.get(hb.nodeId());
            return new InstanceView(hb.nodeId(), alive(nodes, hb.nodeId()), hb.running(), hb.error(),
                                    ack == null ? null : ack.version(), ack == null ? null : ack.failure());
        }).toList();
        var control = cluster.controls().get(name);
        StatusRule.Verdict verdict = StatusRule.of(segments, instances, control, stallAfter);
        DeadLetters dead = cluster.deadLetters().getOrDefault(name, DeadLetters.NONE);
        return new ProcessorView(name, described != null ? described.side() : sideOf(tokens, cluster),
                                 described == null ? null : described.mode(),
                                 described != null ? described.tokenStore() : "shared", verdict.status(),
                                 verdict.reason(),
                                 segments.stream().map(SegmentView::lagEvents).filter(Objects::nonNull)
                                         .max(Long::compare).orElse(null),
                                 segments.stream().map(SegmentView::lagSeconds).filter(Objects::nonNull)
                                         .max(Double::compare).orElse(null),
                                 segments.stream().map(SegmentView::eventsPerSecond).filter(Objects::nonNull)
                                         .mapToDouble(Double::doubleValue).average().stream().boxed().findFirst()
                                         .map(BoardAssembler::rounded).orElse(null),
                                 dead.letters(), dead.sequences(), segments, control, instances);
    }

    private SegmentView fromToken(StoredToken token, List<Heartbeat> heartbeats, Map<String, Node> nodes,
                                  Instant now, StoredPosition head) {
        boolean ownerAlive = token.owner() != null && alive(nodes, token.owner());
        Optional<Heartbeat> ownerReport = heartbeats.stream()
                                                    .filter(hb -> ownerAlive && hb.nodeId().equals(token.owner()))
                                                    .findFirst();
        Optional<ReportedSegment> reported = ownerReport.flatMap(hb -> hb.segments().stream()
                                                                          .filter(s -> s.segment() == token.segment())
                                                                          .findFirst());
        if (reported.isPresent()) {
            return segment(reported.get(), token.owner(), true, ownerReport.get().reportedAt(), now, head);
        }
        Double unmoved = token.updatedAt() == null ? null : seconds(token.updatedAt(), now);
        return new SegmentView(token.segment(), token.owner(), ownerAlive, token.position(), headPosition(head),
                               lagEvents(token.position(), head), lagSeconds(token.position(), head), null,
                               token.replaying(), token.resetPosition(), null, null, null, unmoved);
    }

    private List<SegmentView> fromHeartbeats(List<Heartbeat> heartbeats, Map<String, Node> nodes, Instant now,
                                             StoredPosition head) {
        return heartbeats.stream().filter(hb -> alive(nodes, hb.nodeId()))
                         .flatMap(hb -> hb.segments().stream()
                                          .map(s -> segment(s, hb.nodeId(), true, hb.reportedAt(), now, head)))
                         .toList();
    }

    private SegmentView segment(ReportedSegment reported, String owner, boolean ownerAlive, Instant reportedAt,
                                Instant now, StoredPosition head) {
        return new SegmentView(reported.segment(), owner, ownerAlive, reported.position(), headPosition(head),
                               lagEvents(reported.position(), head), lagSeconds(reported.position(), head),
                               reported.caughtUp(), reported.replaying(), reported.resetPosition(),
                               reported.errorType(), reported.errorMessage(),
                               reported.eventsPerSecond() == null ? null : rounded(reported.eventsPerSecond()),
                               rounded(reported.unmovedSeconds() + seconds(reportedAt, now)));
    }

    private Long lagEvents(Long position, StoredPosition head) {
        if (head == null) {
            return 0L;
        }
        return Math.max(0, head.position() - (position == null ? positions.beforeFirst() : position));
    }

    private Double lagSeconds(Long position, StoredPosition head) {
        if (head == null || position != null && position >= head.position()) {
            return 0.0;
        }
        long from = position == null || position <= positions.beforeFirst() ? positions.beforeFirst() + 1 : position;
        return positions.timestampAt(from)
                        .map(at -> rounded(Math.max(0, seconds(at, head.timestamp()))))
                        .orElse(null);
    }

    private static Long headPosition(StoredPosition head) {
        return head == null ? null : head.position();
    }

    private static String sideOf(List<StoredToken> tokens, ClusterSnapshot cluster) {
        List<String> sides = cluster.nodes().stream()
                                    .filter(node -> tokens.stream().anyMatch(t -> t.schema().equals(node.tokenSchema())))
                                    .map(Node::sides).distinct().toList();
        return sides.size() == 1 ? sides.get(0) : null;
    }

    private static boolean alive(Map<String, Node> nodes, String nodeId) {
        Node node = nodes.get(nodeId);
        return node != null && node.alive();
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    private static double rounded(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
