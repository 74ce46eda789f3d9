package io.tandem.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every {@link FileStorage} must do; each implementation's test supplies an instance. */
abstract class FileStorageContract {

    abstract FileStorage storage();

    @Test
    void returnsStoredContentWithItsTypeAndLength() throws IOException {
        String key = uniqueKey("photo.png");
        // larger than the usual 8/16 KiB copy buffers, so chunking bugs show
        byte[] content = new byte[70_000];
        new Random(42).nextBytes(content);

        storage().put(key, new ByteArrayInputStream(content), content.length, "image/png");

        try (StoredObject stored = storage().get(key)) {
            assertThat(stored.contentType()).isEqualTo("image/png");
            assertThat(stored.length()).isEqualTo(content.length);
            assertThat(stored.content().readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void replacesWhatIsStoredUnderTheSameKey() throws IOException {
        String key = uniqueKey("notes.txt");
        put(key, "first version", "text/plain");

        put(key, "{\"second\":true}", "application/json");

        try (StoredObject stored = storage().get(key)) {
            assertThat(stored.contentType()).isEqualTo("application/json");
            assertThat(new String(stored.content().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"second\":true}");
        }
    }

    @Test
    void reportsAnAbsentKeyAsNotFound() {
        String key = uniqueKey("never-stored.txt");

        assertThatThrownBy(() -> storage().get(key))
                .isInstanceOf(StoredObjectNotFoundException.class)
                .extracting("key").isEqualTo(key);
    }

    @Test
    void deleteRemovesTheObjectAndToleratesAbsentKeys() {
        String key = uniqueKey("to-delete.txt");
        put(key, "short-lived", "text/plain");

        storage().delete(key);
        storage().delete(key);

        assertThatThrownBy(() -> storage().get(key)).isInstanceOf(StoredObjectNotFoundException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escaped.txt", "files/../../escaped.txt", "/etc/passwd", "files/./x", ".hidden",
            "files//x", "files/", "", "..\\escaped.txt", "C:/escaped.txt"})
    void rejectsKeysThatCouldLeaveTheStorageRoot(String key) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> storage().put(key, new ByteArrayInputStream(new byte[1]), 1, "text/plain"));
        assertThatIllegalArgumentException().isThrownBy(() -> storage().get(key));
        assertThatIllegalArgumentException().isThrownBy(() -> storage().delete(key));
    }

    void put(String key, String text, String contentType) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        storage().put(key, new ByteArrayInputStream(bytes), bytes.length, contentType);
    }

    static String uniqueKey(String name) {
        return "tests/" + UUID.randomUUID() + "/" + name;
    }
}
