package io.tandem.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileStorageTest extends FileStorageContract {

    @TempDir
    Path tempDir;

    private Path root;
    private LocalFileStorage storage;

    @BeforeEach
    void createStorage() {
        root = tempDir.resolve("files");
        storage = new LocalFileStorage(root);
    }

    @Override
    FileStorage storage() {
        return storage;
    }

    @Test
    void keepsEachObjectAsAFileUnderTheRoot() throws IOException {
        put("avatars/42/original.jpg", "jpeg bytes", "image/jpeg");

        assertThat(root.resolve("avatars/42/original.jpg")).hasContent("jpeg bytes");
    }

    @Test
    void leavesFilesOutsideTheRootAlone() throws IOException {
        Path outside = Files.writeString(tempDir.resolve("secret.txt"), "keep out");

        assertThatIllegalArgumentException().isThrownBy(() -> storage.get("../secret.txt"));
        assertThatIllegalArgumentException().isThrownBy(() -> storage.delete("../secret.txt"));
        assertThatIllegalArgumentException().isThrownBy(() -> put("../secret.txt", "overwritten", "text/plain"));

        assertThat(outside).hasContent("keep out");
    }

    @Test
    void treatsAKeyPrefixAsAbsentLikeS3Does() {
        put("albums/7/cover.png", "png bytes", "image/png");

        assertThatThrownBy(() -> storage.get("albums/7")).isInstanceOf(StoredObjectNotFoundException.class);
    }

    @Test
    void refusesContentShorterThanItsDeclaredLengthAndKeepsThePreviousVersion() throws IOException {
        put("docs/report.pdf", "complete", "application/pdf");

        assertThatIllegalArgumentException().isThrownBy(() -> storage.put(
                "docs/report.pdf", new ByteArrayInputStream("cut".getBytes()), 100, "text/plain"));

        try (StoredObject stored = storage.get("docs/report.pdf")) {
            assertThat(stored.contentType()).isEqualTo("application/pdf");
            assertThat(stored.content().readAllBytes()).asString().isEqualTo("complete");
        }
        try (var files = Files.list(root.resolve("docs"))) {
            assertThat(files).noneMatch(file -> file.getFileName().toString().startsWith(".tmp-"));
        }
    }
}
