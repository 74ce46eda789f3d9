package io.tandem.platform.personaldata;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Keys in the table {@code personal_data_key(subject_id, key, created_at, erased_at)}; an erased subject keeps its
 * row, with no key, so no later write can make a new key for it.
 */
final class JdbcPersonalDataKeys implements PersonalDataKeys {

    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");
    private static final int KEY_BYTES = 32;

    private final JdbcClient jdbc;
    /**
     * Keys are created in a transaction of their own: a key cached by this node must exist in the table even when
     * the unit of work that first needed it rolls back, or data encrypted with it later could never be read.
     */
    private final TransactionTemplate ownTransaction;
    private final String table;
    private final Cache<String, StoredKey> cache;
    private final SecureRandom random = new SecureRandom();

    JdbcPersonalDataKeys(DataSource dataSource, PersonalDataProperties properties) {
        if (!TABLE_NAME.matcher(properties.keyTable()).matches()) {
            throw new IllegalArgumentException("tandem.personal-data.key-table must be [schema.]table, not "
                                               + properties.keyTable());
        }
        this.jdbc = JdbcClient.create(dataSource);
        this.ownTransaction = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.table = properties.keyTable();
        this.cache = Caffeine.newBuilder()
                             .maximumSize(properties.cacheSize())
                             .expireAfterWrite(properties.cacheTtl())
                             .build();
    }

    @Override
    public Optional<SecretKey> keyToEncrypt(String subjectId) {
        StoredKey cached = cache.get(subjectId, this::findOrCreate);
        if (!cached.exists()) {
            // cached by isErased before anything about the subject was encrypted
            cached = findOrCreate(subjectId);
            cache.put(subjectId, cached);
        }
        return cached.key();
    }

    @Override
    public Optional<SecretKey> keyToDecrypt(String subjectId) {
        StoredKey cached = cache.getIfPresent(subjectId);
        if (cached != null && cached.exists()) {
            return cached.key();
        }
        StoredKey stored = find(subjectId).orElseThrow(() -> new IllegalStateException(
                "No personal-data key for subject " + subjectId + " in " + table + ", though a value is encrypted "
                + "with it: is tandem.personal-data.key-table the table every side shares?"));
        cache.put(subjectId, stored);
        return stored.key();
    }

    @Override
    public boolean isErased(String subjectId) {
        return cache.get(subjectId, id -> find(id).orElse(StoredKey.NONE)).erased();
    }

    @Override
    public void erase(String subjectId) {
        jdbc.sql("INSERT INTO " + table + " (subject_id, key, created_at, erased_at) VALUES (:id, NULL, now(), now())"
                 + " ON CONFLICT (subject_id) DO UPDATE"
                 + " SET key = NULL, erased_at = COALESCE(" + table + ".erased_at, excluded.erased_at)")
            .param("id", subjectId)
            .update();
        cache.invalidate(subjectId);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // until the erasure commits, other threads still read (and may cache) the old key
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    cache.invalidate(subjectId);
                }
            });
        }
    }

    private StoredKey findOrCreate(String subjectId) {
        return ownTransaction.execute(status -> find(subjectId).orElseGet(() -> {
            byte[] key = new byte[KEY_BYTES];
            random.nextBytes(key);
            // of two nodes creating the same subject's key at once, the first insert wins and both read it back
            jdbc.sql("INSERT INTO " + table + " (subject_id, key, created_at) VALUES (:id, :key, now())"
                     + " ON CONFLICT (subject_id) DO NOTHING")
                .param("id", subjectId)
                .param("key", key)
                .update();
            return find(subjectId).orElseThrow();
        }));
    }

    private Optional<StoredKey> find(String subjectId) {
        return jdbc.sql("SELECT key FROM " + table + " WHERE subject_id = :id")
                   .param("id", subjectId)
                   .query((rs, row) -> new StoredKey(true, Optional.ofNullable(rs.getBytes("key"))
                                                                   .map(bytes -> new SecretKeySpec(bytes, "AES"))))
                   .optional();
    }

    /** A subject's row: its key, or none once erased; {@link #NONE} when the subject has no row yet. */
    private record StoredKey(boolean exists, Optional<SecretKey> key) {

        static final StoredKey NONE = new StoredKey(false, Optional.empty());

        boolean erased() {
            return exists && key.isEmpty();
        }
    }
}
