package io.tandem.platform.personaldata;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Personal values outside the storage serializer: message metadata sealed with its user's key (the client address and
 * user agent of a request), and stored values opened one by one for the audit trail. Sealed values have the same
 * {@code pd:v1:} form as encrypted event fields, so erasing the person makes both unreadable alike.
 */
public final class PersonalValues {

    private final PersonalDataKeys keys;
    private final PersonalDataCipher cipher = new PersonalDataCipher();

    public PersonalValues(PersonalDataKeys keys) {
        this.keys = keys;
    }

    /** Whether a stored value is sealed ({@code pd:v1:...}) rather than plain. */
    public static boolean isSealed(String stored) {
        return stored != null && PersonalDataCipher.isEncrypted(stored);
    }

    /**
     * The text sealed with the subject's key under this field name (its JSON string is what is encrypted, as for
     * an event's personal field); null once the subject is erased, so nothing new about them is kept.
     */
    public String seal(String subjectId, String field, String text) {
        Optional<SecretKey> key = keys.keyToEncrypt(subjectId);
        if (key.isEmpty()) {
            return null;
        }
        byte[] json = ('"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"')
                .getBytes(StandardCharsets.UTF_8);
        return cipher.encrypt(key.get(), subjectId, field, json);
    }

    /** Opens a sealed value of the subject's field: its JSON, or why it cannot be read. Never throws. */
    public Opened open(String subjectId, String field, String sealed) {
        if (subjectId == null || !isSealed(sealed)) {
            return new Opened(Outcome.UNREADABLE, null);
        }
        try {
            Optional<SecretKey> key = keys.keyToDecrypt(subjectId);
            if (key.isEmpty()) {
                return new Opened(Outcome.ERASED, null);
            }
            return new Opened(Outcome.REVEALED,
                              new String(cipher.decrypt(key.get(), subjectId, field, sealed), StandardCharsets.UTF_8));
        } catch (PersonalDataCipher.UndecryptableException | IllegalStateException e) {
            return new Opened(Outcome.UNREADABLE, null);
        }
    }

    /** Whether the subject was erased (a subject without a key row never had personal data, so is not). */
    public boolean isErased(String subjectId) {
        try {
            return subjectId != null && keys.keyToDecrypt(subjectId).isEmpty();
        } catch (IllegalStateException e) {
            return false;
        }
    }

    public enum Outcome {
        /** the value, as JSON */
        REVEALED,
        /** its subject was erased: the value is gone for good */
        ERASED,
        /** not sealed for this subject and field, altered, or its key is missing from the key table */
        UNREADABLE
    }

    /** @param json the value's own JSON when revealed, else null */
    public record Opened(Outcome outcome, String json) {
    }
}
