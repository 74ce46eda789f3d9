package io.tandem.platform.personaldata;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.platform.personaldata.PersonalDataModule.PersonalFields;

import javax.crypto.SecretKey;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads the whole object first, because its subject id may come after its personal fields; then replaces each
 * ciphertext with the decrypted JSON (or null once the key is erased) and lets the type's own deserializer finish.
 */
final class DecryptingDeserializer extends DelegatingDeserializer {

    private static final ObjectMapper PLAINTEXT = new ObjectMapper();

    private final PersonalFields fields;
    private final PersonalDataKeys keys;
    private final PersonalDataCipher cipher;

    DecryptingDeserializer(JsonDeserializer<?> delegatee, PersonalFields fields, PersonalDataKeys keys,
                           PersonalDataCipher cipher) {
        super(delegatee);
        this.fields = fields;
        this.keys = keys;
        this.cipher = cipher;
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
        return new DecryptingDeserializer(newDelegatee, fields, keys, cipher);
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonNode tree = context.readTree(parser);
        if (tree instanceof ObjectNode object) {
            decrypt(object, parser);
        }
        try (JsonParser decrypted = tree.traverse(parser.getCodec())) {
            decrypted.nextToken();
            return _delegatee.deserialize(decrypted, context);
        }
    }

    private void decrypt(ObjectNode object, JsonParser parser) throws IOException {
        JsonNode subjectNode = object.get(fields.subject());
        String subjectId = subjectNode == null || subjectNode.isNull() ? null : subjectNode.asText();
        for (String field : fields.personal()) {
            JsonNode value = object.get(field);
            if (value == null || value.isNull()) {
                continue;
            }
            if (!value.isTextual() || !PersonalDataCipher.isEncrypted(value.textValue())) {
                // written before the field was marked: plain, and as forgotten as the rest once the subject is
                if (subjectId != null && keys.isErased(subjectId)) {
                    object.set(field, NullNode.getInstance());
                }
                continue;
            }
            if (subjectId == null) {
                throw JsonMappingException.from(parser, "Encrypted field '" + field + "' without a subject");
            }
            Optional<SecretKey> key = keys.keyToDecrypt(subjectId);
            if (key.isEmpty()) {
                object.set(field, NullNode.getInstance());
                continue;
            }
            try {
                object.set(field, PLAINTEXT.readTree(cipher.decrypt(key.get(), subjectId, field,
                                                                    value.textValue())));
            } catch (PersonalDataCipher.UndecryptableException e) {
                throw JsonMappingException.from(parser, e.getMessage(), e);
            }
        }
    }
}
