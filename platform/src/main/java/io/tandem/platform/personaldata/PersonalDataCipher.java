package io.tandem.platform.personaldata;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * {@code pd:v1:<base64(iv | AES-256-GCM ciphertext and tag)>}. The subject id and the field name are authenticated
 * along, so a value copied into another person's event, or into another field, fails to decrypt.
 */
final class PersonalDataCipher {

    static final String PREFIX = "pd:v1:";

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();

    static boolean isEncrypted(String value) {
        return value.startsWith(PREFIX);
    }

    String encrypt(SecretKey key, String subjectId, String field, byte[] plaintext) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData(subjectId, field));
            byte[] ciphertext = cipher.doFinal(plaintext);
            byte[] stored = ByteBuffer.allocate(IV_BYTES + ciphertext.length).put(iv).put(ciphertext).array();
            return PREFIX + Base64.getEncoder().encodeToString(stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JVM", e);
        }
    }

    /** @throws UndecryptableException when the value was not encrypted for this subject, field and key */
    byte[] decrypt(SecretKey key, String subjectId, String field, String value) {
        byte[] stored;
        try {
            stored = Base64.getDecoder().decode(value.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new UndecryptableException(subjectId, field, e);
        }
        if (stored.length < IV_BYTES + TAG_BITS / 8) {
            throw new UndecryptableException(subjectId, field, null);
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, IV_BYTES));
            cipher.updateAAD(associatedData(subjectId, field));
            return cipher.doFinal(stored, IV_BYTES, stored.length - IV_BYTES);
        } catch (AEADBadTagException e) {
            throw new UndecryptableException(subjectId, field, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JVM", e);
        }
    }

    private static byte[] associatedData(String subjectId, String field) {
        return (subjectId + '\u0000' + field).getBytes(StandardCharsets.UTF_8);
    }

    /** Tampered, truncated, or moved to another subject or field: never silently read as something else. */
    static final class UndecryptableException extends RuntimeException {

        UndecryptableException(String subjectId, String field, Throwable cause) {
            super("Personal data in field '" + field + "' does not decrypt for subject " + subjectId, cause);
        }
    }
}
