package io.tandem.query.notification;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import static io.tandem.platform.jdbc.JdbcTime.instant;
import static io.tandem.platform.jdbc.JdbcTime.utc;

/**
 * Single-use tickets that open a notification stream. A browser's {@code EventSource} cannot send headers, so the
 * stream's credential goes in its URL, where proxies and access logs keep it: a ticket is worth nothing there,
 * being good for one stream within seconds of its issue. Kept in the database (only its hash), so any node can
 * redeem it, and only once.
 */
@Component
class StreamTickets {

    static final Duration LIFETIME = Duration.ofSeconds(30);

    private final SecureRandom random = new SecureRandom();
    private final JdbcClient jdbc;

    StreamTickets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What a redeemed ticket stands for: the user and the lifetime of the token it was issued against. */
    record Ticket(String userId, Instant tokenIssuedAt, Instant tokenExpiresAt) {
    }

    String issue(String userId, Instant tokenIssuedAt, Instant tokenExpiresAt) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = Instant.now();
        jdbc.sql("DELETE FROM notification_stream_ticket WHERE expires_at < :now")
            .param("now", utc(now)).update();
        jdbc.sql("""
                 INSERT INTO notification_stream_ticket (ticket_hash, user_id, token_issued_at, token_expires_at,
                                                         expires_at)
                 VALUES (:hash, :user, :issued, :tokenExpires, :expires)""")
            .param("hash", hash(ticket)).param("user", userId)
            .param("issued", utc(tokenIssuedAt))
            .param("tokenExpires", utc(tokenExpiresAt))
            .param("expires", utc(now.plus(LIFETIME)))
            .update();
        return ticket;
    }

    /** The ticket's user, once: the row goes with the first redemption, on whichever node. */
    Optional<Ticket> redeem(String ticket) {
        return jdbc.sql("""
                        DELETE FROM notification_stream_ticket
                        WHERE ticket_hash = :hash AND expires_at > now()
                        RETURNING user_id, token_issued_at, token_expires_at""")
                   .param("hash", hash(ticket))
                   .query((row, index) -> new Ticket(row.getString("user_id"), instant(row, "token_issued_at"),
                                                     instant(row, "token_expires_at")))
                   .optional();
    }

    private static String hash(String ticket) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                                                         .digest(ticket.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
