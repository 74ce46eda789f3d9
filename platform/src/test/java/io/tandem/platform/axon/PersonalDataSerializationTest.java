package io.tandem.platform.axon;

import io.tandem.platform.personaldata.InMemoryPersonalDataKeys;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.api.personaldata.DataSubject;
import io.tandem.api.personaldata.PersonalData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Crypto-shredding in the storage format: what events, snapshots and sagas look like at rest. */
class PersonalDataSerializationTest {

    record Traveller(String name, LocalDate birthDate) {
    }

    record SignedUp(@DataSubject String userId, @PersonalData String email, @PersonalData String name,
                    @PersonalData Long kakaoId, @PersonalData List<Traveller> travellers, String role,
                    Instant at) {
    }

    /** Like an aggregate kept in a snapshot: private fields, no accessors, annotations on the fields. */
    static final class Account {
        @DataSubject
        private String userId;
        @PersonalData
        private String email;
        private int logins;

        Account() {
        }

        Account(String userId, String email, int logins) {
            this.userId = userId;
            this.email = email;
            this.logins = logins;
        }
    }

    record NoSubject(String userId, @PersonalData String email) {
    }

    private static final SignedUp KIM = new SignedUp(
            "user-1", "kim@example.com", "Kim Minji", 4242L,
            List.of(new Traveller("김민지", LocalDate.of(1990, 5, 17))), "USER",
            Instant.parse("2026-11-23T10:00:00Z"));

    private final InMemoryPersonalDataKeys keys = InMemoryPersonalDataKeys.perSubject();
    private final ObjectMapper storage = StorageSerialization.storageObjectMapper(keys);

    @Test
    void personalValuesAreStoredEncryptedAndReadBackWhole() throws Exception {
        String json = storage.writeValueAsString(KIM);

        assertThat(json).doesNotContain("kim@example.com", "Kim Minji", "4242", "김민지", "1990")
                        .contains("\"userId\":\"user-1\"", "\"role\":\"USER\"", "\"at\":\"2026-11-23T10:00:00Z\"");
        ObjectNode stored = (ObjectNode) storage.readTree(json);
        for (String field : List.of("email", "name", "kakaoId", "travellers")) {
            assertThat(stored.get(field).textValue()).as(field).startsWith("pd:v1:");
        }
        assertThat(storage.readValue(json, SignedUp.class)).isEqualTo(KIM);
    }

    @Test
    void theSameValueNeverEncryptsTheSameWayTwice() throws Exception {
        ObjectNode first = (ObjectNode) storage.readTree(storage.writeValueAsString(KIM));
        ObjectNode second = (ObjectNode) storage.readTree(storage.writeValueAsString(KIM));
        assertThat(first.get("email")).isNotEqualTo(second.get("email"));
    }

    @Test
    void onceTheKeyIsErasedPersonalValuesReadAsNullAndTheRestStays() throws Exception {
        String json = storage.writeValueAsString(KIM);
        keys.erase("user-1");

        SignedUp erased = storage.readValue(json, SignedUp.class);

        assertThat(erased).isEqualTo(new SignedUp("user-1", null, null, null, null, "USER", KIM.at()));
    }

    @Test
    void whatArrivesAboutAnErasedPersonIsNotKept() throws Exception {
        keys.erase("user-1");
        String json = storage.writeValueAsString(KIM);
        assertThat(json).contains("\"email\":null").doesNotContain("kim@example.com");
        assertThat(storage.readValue(json, SignedUp.class).email()).isNull();
    }

    @Test
    void aCiphertextMovedToAnotherFieldDoesNotDecrypt() throws Exception {
        ObjectNode stored = (ObjectNode) storage.readTree(storage.writeValueAsString(KIM));
        stored.set("name", stored.get("email"));

        assertThatThrownBy(() -> storage.treeToValue(stored, SignedUp.class))
                .isInstanceOf(JsonMappingException.class)
                .hasMessageContaining("'name' does not decrypt for subject user-1");
    }

    @Test
    void aCiphertextMovedToAnotherPersonDoesNotDecryptEvenUnderTheSameKey() throws Exception {
        ObjectMapper sharedKey = StorageSerialization.storageObjectMapper(
                InMemoryPersonalDataKeys.oneKeyForEverybody());
        ObjectNode kims = (ObjectNode) sharedKey.readTree(sharedKey.writeValueAsString(KIM));
        ObjectNode lees = (ObjectNode) sharedKey.readTree(sharedKey.writeValueAsString(
                new SignedUp("user-2", "lee@example.com", "Lee", null, null, "USER", KIM.at())));
        lees.set("email", kims.get("email"));

        assertThatThrownBy(() -> sharedKey.treeToValue(lees, SignedUp.class))
                .isInstanceOf(JsonMappingException.class)
                .hasMessageContaining("'email' does not decrypt for subject user-2");
    }

    @Test
    void valuesWrittenBeforeEncryptionExistedReadAsTheyAre() throws Exception {
        String legacy = """
                {"email":"old@example.com","name":"Old Name","kakaoId":77,
                 "travellers":[{"name":"Park","birthDate":"1985-01-02"}],"userId":"user-9","role":"USER"}
                """;

        SignedUp read = storage.readValue(legacy, SignedUp.class);

        assertThat(read).isEqualTo(new SignedUp("user-9", "old@example.com", "Old Name", 77L,
                                                List.of(new Traveller("Park", LocalDate.of(1985, 1, 2))), "USER",
                                                null));
    }

    /**
     * Events stored before a type's fields were marked hold them in plain text; once their subject is erased the
     * application must not read them either, or a replay would bring the person back.
     */
    @Test
    void plainValuesWrittenBeforeEncryptionReadAsNullOnceTheSubjectIsErased() throws Exception {
        String legacy = """
                {"email":"old@example.com","name":"Old Name","kakaoId":77,
                 "travellers":[{"name":"Park","birthDate":"1985-01-02"}],"userId":"user-9","role":"USER"}
                """;
        keys.erase("user-9");

        SignedUp read = storage.readValue(legacy, SignedUp.class);

        assertThat(read).isEqualTo(new SignedUp("user-9", null, null, null, null, "USER", null));
    }

    @Test
    void theSubjectMayComeAfterThePersonalFields() throws Exception {
        ObjectNode stored = (ObjectNode) storage.readTree(storage.writeValueAsString(KIM));
        ObjectNode subjectLast = storage.createObjectNode();
        stored.fields().forEachRemaining(field -> {
            if (!field.getKey().equals("userId")) {
                subjectLast.set(field.getKey(), field.getValue());
            }
        });
        subjectLast.put("userId", "user-1");

        assertThat(storage.readValue(storage.writeValueAsString(subjectLast), SignedUp.class)).isEqualTo(KIM);
    }

    @Test
    void classesWithPrivateFieldsAreEncryptedToo() throws Exception {
        String json = storage.writeValueAsString(new Account("user-1", "kim@example.com", 3));
        assertThat(json).doesNotContain("kim@example.com").contains("\"logins\":3");

        Account read = storage.readValue(json, Account.class);
        assertThat(read.email).isEqualTo("kim@example.com");
        keys.erase("user-1");
        assertThat(storage.readValue(json, Account.class).email).isNull();
    }

    @Test
    void nullPersonalValuesStayNullWithoutMakingAKey() throws Exception {
        String json = storage.writeValueAsString(new SignedUp("user-3", null, null, null, null, "USER", null));
        assertThat(json).contains("\"email\":null");
        assertThat(keys.subjectsWithKeys()).doesNotContain("user-3");
    }

    @Test
    void personalDataWithoutASubjectIsRefused() {
        assertThatThrownBy(() -> storage.writeValueAsString(new NoSubject("user-1", "kim@example.com")))
                .hasMessageContaining("needs exactly one @DataSubject");
    }

    @Test
    void axonsSerializerStoresNoPlainPersonalData() {
        Serializer serializer = StorageSerialization.serializer(keys);
        SerializedObject<byte[]> stored = serializer.serialize(KIM, byte[].class);

        assertThat(new String(stored.getData(), StandardCharsets.UTF_8)).doesNotContain("kim@example.com");
        SignedUp read = serializer.deserialize(stored);
        assertThat(read).isEqualTo(KIM);
    }
}
