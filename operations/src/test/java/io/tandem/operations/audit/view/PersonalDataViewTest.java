package io.tandem.operations.audit.view;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.api.personaldata.DataSubject;
import io.tandem.api.personaldata.PersonalData;
import io.tandem.operations.audit.AuditViewer;
import io.tandem.platform.personaldata.PersonalDataKeys;
import io.tandem.platform.personaldata.PersonalValues;
import org.junit.jupiter.api.Test;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Administrators see personal data as the event holds it, auditors masked, both see an erased person as erased. */
class PersonalDataViewTest {

    record Signed(@DataSubject String userId, @PersonalData String name, String plan) {
    }

    private final MemoryKeys keys = new MemoryKeys();
    private final PersonalValues values = new PersonalValues(keys);
    private final PersonalDataView view = new PersonalDataView(values, getClass().getClassLoader());
    private final ObjectMapper json = new ObjectMapper();

    private ObjectNode stored(String subject, String name) {
        return json.createObjectNode().put("userId", subject).put("name", values.seal(subject, "name", name))
                   .put("plan", "gold");
    }

    @Test
    void theViewerDecidesWhatAPersonalFieldShows() {
        ObjectNode forAdmin = stored("u-1", "Kim Jisoo");
        view.apply(forAdmin, Signed.class.getName(), AuditViewer.FULL);
        assertThat(forAdmin.get("name").asText()).isEqualTo("Kim Jisoo");
        assertThat(forAdmin.get("plan").asText()).isEqualTo("gold");

        ObjectNode forAuditor = stored("u-1", "Kim Jisoo");
        view.apply(forAuditor, Signed.class.getName(), AuditViewer.MASKED);
        assertThat(forAuditor.get("name").asText()).isEqualTo(PersonalDataView.MASKED);
        assertThat(forAuditor.get("userId").asText()).isEqualTo("u-1");

        ObjectNode plainOld = json.createObjectNode().put("userId", "u-1").put("name", "written before sealing");
        view.apply(plainOld, Signed.class.getName(), AuditViewer.MASKED);
        assertThat(plainOld.get("name").asText()).isEqualTo(PersonalDataView.MASKED);
        values.seal("u-5", "name", "a key exists");
        keys.erase("u-5");
        ObjectNode plainErased = json.createObjectNode().put("userId", "u-5").put("name", "written before sealing");
        view.apply(plainErased, Signed.class.getName(), AuditViewer.FULL);
        assertThat(plainErased.get("name").asText()).isEqualTo(PersonalDataView.ERASED);
    }

    @Test
    void anErasedPersonShowsAsErasedAndAnAlteredValueAsUnreadableNeverAsAnError() {
        ObjectNode erased = stored("u-2", "Lee Minho");
        ObjectNode altered = stored("u-3", "Park Seoyeon");
        altered.put("userId", "u-2-other");
        keys.erase("u-2");
        view.apply(erased, Signed.class.getName(), AuditViewer.FULL);
        view.apply(altered, Signed.class.getName(), AuditViewer.FULL);
        assertThat(erased.get("name").asText()).isEqualTo(PersonalDataView.ERASED);
        assertThat(altered.get("name").asText()).isEqualTo(PersonalDataView.UNREADABLE);

        ObjectNode metadata = json.createObjectNode().put("user_id", "u-4")
                                  .put("client_ip", values.seal("u-4", "client_ip", "10.0.0.9"));
        view.apply(metadata, "u-4", Set.of("client_ip"), AuditViewer.FULL);
        assertThat(metadata.get("client_ip").asText()).isEqualTo("10.0.0.9");
    }

    private static final class MemoryKeys implements PersonalDataKeys {
        private final Map<String, Optional<SecretKey>> keys = new ConcurrentHashMap<>();

        @Override
        public Optional<SecretKey> keyToEncrypt(String subjectId) {
            return keys.computeIfAbsent(subjectId, id -> {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                return Optional.of(new SecretKeySpec(key, "AES"));
            });
        }

        @Override
        public Optional<SecretKey> keyToDecrypt(String subjectId) {
            Optional<SecretKey> key = keys.get(subjectId);
            if (key == null) {
                throw new IllegalStateException("no key for " + subjectId);
            }
            return key;
        }

        /** Not an override until the key store learns to say so itself; then it is one. */
        public boolean isErased(String subjectId) {
            return keys.getOrDefault(subjectId, Optional.of(new SecretKeySpec(new byte[32], "AES"))).isEmpty();
        }

        @Override
        public void erase(String subjectId) {
            keys.put(subjectId, Optional.empty());
        }
    }
}
