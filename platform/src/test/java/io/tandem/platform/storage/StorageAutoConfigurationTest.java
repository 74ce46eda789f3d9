package io.tandem.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandem.testsupport.TestImages;
import io.tandem.testsupport.s3.SharedS3Server;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class StorageAutoConfigurationTest {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(StorageAutoConfiguration.class));

    @TempDir
    Path dataDir;

    @Test
    void storesFilesUnderTheDataDirectoryByDefault() {
        contextRunner.withPropertyValues("tandem.data-dir=" + dataDir).run(context -> {
            assertThat(context).hasSingleBean(ContentTypeDetector.class);
            FileStorage storage = context.getBean(FileStorage.class);
            assertThat(storage).isInstanceOf(LocalFileStorage.class);

            storage.put("a/b.txt", new ByteArrayInputStream(new byte[] {'b'}), 1, "text/plain");

            assertThat(dataDir.resolve("files/a/b.txt")).hasContent("b");
        });
    }

    @Test
    void storesFilesUnderAConfiguredRoot() {
        Path root = dataDir.resolve("elsewhere");
        contextRunner.withPropertyValues("tandem.storage.type=local", "tandem.storage.local.root=" + root)
                .run(context -> {
                    context.getBean(FileStorage.class)
                            .put("c.txt", new ByteArrayInputStream(new byte[] {'c'}), 1, "text/plain");

                    assertThat(root.resolve("c.txt")).hasContent("c");
                });
    }

    @Test
    void storesFilesInAnS3BucketItCreates() {
        String bucket = "autoconfig-" + UUID.randomUUID().toString().substring(0, 8);
        contextRunner.withPropertyValues(
                "tandem.storage.type=s3",
                "tandem.storage.s3.endpoint=" + SharedS3Server.endpoint(),
                "tandem.storage.s3.bucket=" + bucket,
                "tandem.storage.s3.access-key=" + SharedS3Server.accessKey(),
                "tandem.storage.s3.secret-key=" + SharedS3Server.secretKey()).run(context -> {
            FileStorage storage = context.getBean(FileStorage.class);
            assertThat(storage).isInstanceOf(S3FileStorage.class);

            storage.put("d.txt", new ByteArrayInputStream(new byte[] {'d'}), 1, "text/plain");

            try (StoredObject stored = storage.get("d.txt")) {
                assertThat(stored.content().readAllBytes()).containsExactly('d');
            }
        });
    }

    @Test
    void refusesAnUnknownStorageType() {
        contextRunner.withPropertyValues("tandem.storage.type=floppy")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void resizesImagesToTheConfiguredSide() {
        contextRunner.withPropertyValues("tandem.data-dir=" + dataDir, "tandem.storage.image.max-side=64")
                .run(context -> {
                    ResizedImage resized = context.getBean(ImageResizer.class)
                                                  .resize(new ByteArrayInputStream(TestImages.png(200, 100)));

                    assertThat(resized.width()).isEqualTo(64);
                    assertThat(resized.height()).isEqualTo(32);
                });
    }

    @Test
    void refusesImagesAboveTheConfiguredPixelCount() {
        contextRunner.withPropertyValues("tandem.data-dir=" + dataDir, "tandem.storage.image.max-source-pixels=100")
                .run(context -> assertThatThrownBy(() -> context.getBean(ImageResizer.class)
                                                                .resize(new ByteArrayInputStream(TestImages.png(20, 10))))
                        .isInstanceOf(ImageTooLargeException.class));
    }

    @Test
    void backsOffWhenTheApplicationDefinesItsOwnStorage() throws IOException {
        FileStorage own = new LocalFileStorage(dataDir.resolve("own"));
        contextRunner.withBean(FileStorage.class, () -> own)
                .run(context -> assertThat(context.getBean(FileStorage.class)).isSameAs(own));
    }
}
