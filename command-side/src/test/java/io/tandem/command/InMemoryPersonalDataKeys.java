package io.tandem.command;

import io.tandem.platform.personaldata.PersonalDataKeys;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Personal-data keys for tests that use the storage serializer without a database. */
public final class InMemoryPersonalDataKeys implements PersonalDataKeys {

    private final Map<String, SecretKey> keys = new ConcurrentHashMap<>();
    private final Set<String> erased = ConcurrentHashMap.newKeySet();
    private final SecureRandom random = new SecureRandom();

    @Override
    public Optional<SecretKey> keyToEncrypt(String subjectId) {
        return erased.contains(subjectId) ? Optional.empty()
                : Optional.of(keys.computeIfAbsent(subjectId, id -> newKey()));
    }

    @Override
    public Optional<SecretKey> keyToDecrypt(String subjectId) {
        if (erased.contains(subjectId)) {
            return Optional.empty();
        }
        SecretKey key = keys.get(subjectId);
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

    private SecretKey newKey() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return new SecretKeySpec(key, "AES");
    }
}
