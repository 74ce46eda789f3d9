package io.tandem.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.util.regex.Pattern;

/**
 * Each user's session generation (security review L9), kept in PostgreSQL so every node of every side reads the same
 * one. Access tokens name the generation they were issued in; advancing it (sign-out, erasure, a role change, a
 * Kakao link) makes every access token issued before it unusable, on this node at once and on the others once their
 * cached value expires ({@link SessionProperties#sessionCacheTtl()}). A counter rather than a time floor: a token's
 * {@code iat} has whole seconds only, and nodes' clocks differ, so a time floor would either spare the tokens of the
 * second a user signed out in or refuse those of a sign-in right after it.
 */
public final class SessionGenerations {

    /** The access token claim that carries the generation a token was issued in; absent means 0. */
    public static final String CLAIM = "gen";

    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    private final JdbcClient jdbc;
    private final String table;
    private final Cache<String, Long> cache;

    SessionGenerations(DataSource dataSource, SessionProperties properties) {
        if (!TABLE_NAME.matcher(properties.sessionTable()).matches()) {
            throw new IllegalArgumentException("tandem.security.session-table must be [schema.]table, not "
                                               + properties.sessionTable());
        }
        this.jdbc = JdbcClient.create(dataSource);
        this.table = properties.sessionTable();
        this.cache = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(properties.sessionCacheTtl()).build();
    }

    /** The generation tokens must have to be accepted; may lag another node's advance by the cache's time to live. */
    long current(String userId) {
        return cache.get(userId, this::stored);
    }

    /** The generation as stored, for the tokens about to be issued. */
    public long stored(String userId) {
        return jdbc.sql("SELECT generation FROM " + table + " WHERE user_id = :id")
                   .param("id", userId).query(Long.class).optional().orElse(0L);
    }

    /**
     * Ends every access token the user holds, in the caller's transaction: it takes effect when that commits, and
     * does not if it rolls back.
     */
    public void advance(String userId) {
        jdbc.sql("INSERT INTO " + table + " (user_id, generation, changed_at) VALUES (:id, 1, now())"
                 + " ON CONFLICT (user_id) DO UPDATE"
                 + " SET generation = " + table + ".generation + 1, changed_at = now()")
            .param("id", userId)
            .update();
        cache.invalidate(userId);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // until it commits, other threads still read (and may cache) the old generation
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    cache.invalidate(userId);
                }
            });
        }
    }
}
