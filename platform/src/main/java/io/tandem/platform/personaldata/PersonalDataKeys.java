package io.tandem.platform.personaldata;

import javax.crypto.SecretKey;
import java.util.Optional;

/**
 * One AES-256 key per data subject (a user id). Erasing the key is what forgets the person: every value encrypted
 * with it, in every event, snapshot, copy and backup, becomes unreadable. A KMS could stand behind this interface
 * instead of the database table.
 */
public interface PersonalDataKeys {

    /** The key to encrypt the subject's data with, created on first use; empty once the subject is erased. */
    Optional<SecretKey> keyToEncrypt(String subjectId);

    /**
     * The key to decrypt the subject's data with; empty once the subject is erased.
     *
     * @throws IllegalStateException when the subject never had a key: encrypted data cannot exist without one, so
     *                               the key store in use is the wrong one (see {@code tandem.personal-data.key-table})
     */
    Optional<SecretKey> keyToDecrypt(String subjectId);

    /**
     * Whether the subject was erased. Values stored in plain text, before their field was marked personal, are
     * read as null for an erased subject, like the encrypted ones.
     */
    boolean isErased(String subjectId);

    /**
     * Destroys the subject's key for good and keeps a tombstone, so no new key is ever made for the subject. Joins
     * the caller's transaction, if any: the key goes together with whatever else the caller records.
     */
    void erase(String subjectId);
}
