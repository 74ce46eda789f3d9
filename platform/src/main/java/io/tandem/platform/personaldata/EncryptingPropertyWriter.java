package io.tandem.platform.personaldata;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;

import javax.crypto.SecretKey;
import java.io.ByteArrayOutputStream;
import java.util.Optional;

/** Writes a personal property as its subject's ciphertext, or as null once the subject is erased. */
final class EncryptingPropertyWriter extends BeanPropertyWriter {

    private static final JsonFactory PLAINTEXT = new JsonFactory();

    private final BeanPropertyWriter subject;
    private final PersonalDataKeys keys;
    private final PersonalDataCipher cipher;

    EncryptingPropertyWriter(BeanPropertyWriter base, BeanPropertyWriter subject, PersonalDataKeys keys,
                             PersonalDataCipher cipher) {
        super(base);
        this.subject = subject;
        this.keys = keys;
        this.cipher = cipher;
    }

    @Override
    public void serializeAsField(Object bean, JsonGenerator gen, SerializerProvider provider) throws Exception {
        Object value = get(bean);
        if (value == null) {
            super.serializeAsField(bean, gen, provider);
            return;
        }
        Object subjectId = subject.get(bean);
        if (subjectId == null) {
            throw new IllegalStateException(bean.getClass().getName() + "." + getName()
                                            + " holds personal data but its @DataSubject is null");
        }
        gen.writeFieldName(_name);
        Optional<SecretKey> key = keys.keyToEncrypt(subjectId.toString());
        if (key.isEmpty()) {
            // the person was erased: what arrives about them now is not kept either
            gen.writeNull();
            return;
        }
        gen.writeString(cipher.encrypt(key.get(), subjectId.toString(), getName(), json(value, provider)));
    }

    /** The value's own storage JSON, so any type round-trips through the ciphertext. */
    private static byte[] json(Object value, SerializerProvider provider) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator plaintext = PLAINTEXT.createGenerator(out)) {
            provider.defaultSerializeValue(value, plaintext);
        }
        return out.toByteArray();
    }
}
