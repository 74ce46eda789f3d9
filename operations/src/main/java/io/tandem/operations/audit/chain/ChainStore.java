package io.tandem.operations.audit.chain;

import io.tandem.operations.OperationsTables;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.tandem.platform.jdbc.JdbcTime.instant;

/** The chain's tables: its links, its head (whose row lock serialises the nodes extending it) and its anchors. */
class ChainStore {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final String links;
    private final String head;
    private final String anchors;

    ChainStore(JdbcClient jdbc, JdbcTemplate batch, OperationsTables tables) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.links = tables.table("audit_chain");
        this.head = tables.table("audit_chain_head");
        this.anchors = tables.table("audit_anchor");
    }

    /** The head, locked for this transaction; empty when another node holds it (and is extending the chain). */
    Optional<Head> lockHead() {
        return jdbc.sql("SELECT global_position, hash, links, updated_at FROM " + head
                        + " WHERE id = 1 FOR UPDATE SKIP LOCKED")
                   .query((row, n) -> head(row)).optional();
    }

    Head head() {
        return jdbc.sql("SELECT global_position, hash, links, updated_at FROM " + head + " WHERE id = 1")
                   .query((row, n) -> head(row)).single();
    }

    void append(List<Link> added, Head newHead) {
        batch.batchUpdate("INSERT INTO " + links + " (global_position, hash) VALUES (?, ?)",
                          added.stream().map(link -> new Object[]{link.position(), link.hash()}).toList());
        jdbc.sql("UPDATE " + head + " SET global_position = ?, hash = ?, links = ?, updated_at = now() WHERE id = 1")
            .params(newHead.position(), newHead.hash(), newHead.links())
            .update();
    }

    Optional<byte[]> linkAt(long position) {
        return jdbc.sql("SELECT hash FROM " + links + " WHERE global_position = ?").param(position)
                   .query(byte[].class).optional();
    }

    /** Links from this position on, up to the limit, in order. */
    List<Link> links(long from, long to, int limit) {
        return jdbc.sql("SELECT global_position, hash FROM " + links + " WHERE global_position >= ?"
                        + " AND global_position <= ? ORDER BY global_position LIMIT ?")
                   .params(from, to, limit)
                   .query((row, n) -> new Link(row.getLong(1), row.getBytes(2))).list();
    }

    /** Records an anchor, unless this link already is one; answers whether it was new. */
    boolean anchor(Head at) {
        return jdbc.sql("INSERT INTO " + anchors + " (global_position, hash, links, anchored_at)"
                        + " VALUES (?, ?, ?, now()) ON CONFLICT (global_position) DO NOTHING")
                   .params(at.position(), at.hash(), at.links()).update() == 1;
    }

    /** The most recent anchors, newest first. */
    List<Anchor> anchors(int limit) {
        return jdbc.sql("SELECT global_position, hash, links, anchored_at FROM " + anchors
                        + " ORDER BY global_position DESC LIMIT ?")
                   .param(limit)
                   .query((row, n) -> new Anchor(row.getLong(1), ChainHash.hex(row.getBytes(2)), row.getLong(3),
                                                 instant(row, 4)))
                   .list();
    }

    private static Head head(java.sql.ResultSet row) throws java.sql.SQLException {
        long position = row.getLong(1);
        return new Head(row.wasNull() ? null : position, row.getBytes(2), row.getLong(3),
                        instant(row, 4));
    }

    record Anchor(long globalPosition, String hash, long links, Instant anchoredAt) {
    }

    record Link(long position, byte[] hash) {
    }

    /** @param position the newest chained event; null before the first */
    record Head(Long position, byte[] hash, long links, Instant updatedAt) {
    }
}
