package io.tandem.platform.personaldata;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keys for tests that need no database (serializers, aggregate fixtures): a fresh key per subject, or one key shared
 * by everybody. Shared with the other modules' tests through this module's test jar.
 */
public final class InMemoryPersonalDataKeys implements PersonalDataKeys {

    private final Map<String, SecretKey> keys = new ConcurrentHashMap<>();
    private final Set<String> erased = ConcurrentHashMap.newKeySet();
    private final SecretKey shared;
    private final SecureRandom random = new SecureRandom();

    private InMemoryPersonalDataKeys(SecretKey shared) {
        this.shared = shared;
    }

    public static InMemoryPersonalDataKeys perSubject() {
        return new InMemoryPersonalDataKeys(null);
    }

    /** Every subject gets the same key, so only the authenticated subject id tells their ciphertexts apart. */
    public static InMemoryPersonalDataKeys oneKeyForEverybody() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new InMemoryPersonalDataKeys(new SecretKeySpec(key, "AES"));
    }

    @Override
    public Optional<SecretKey> keyToEncrypt(String subjectId) {
        if (erased.contains(subjectId)) {
            return Optional.empty();
        }
        return Optional.of(shared != null ? shared : keys.computeIfAbsent(subjectId, id -> newKey()));
    }

    @Override
    public Optional<SecretKey> keyToDecrypt(String subjectId) {
        if (erased.contains(subjectId)) {
            return Optional.empty();
        }
        SecretKey key = shared != null ? shared : keys.get(subjectId);
        if (key == null) {
            throw new IllegalStateException("No personal-data key for subject " + subjectId);
        }
        return Optional.of(key);
    }

    @Override
    public boolean isErased(String subjectId) {
        return erased.contains(subjectId);
    }

    @Override
    public void erase(String subjectId) {
        erased.add(subjectId);
        keys.remove(subjectId);
    }

    public Set<String> subjectsWithKeys() {
        return new HashSet<>(keys.keySet());
    }

    private SecretKey newKey() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return new SecretKeySpec(key, "AES");
    }
}
