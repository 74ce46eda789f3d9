package io.tandem.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandem.testsupport.s3.SharedS3Server;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Runs against the S3Proxy child process of {@link SharedS3Server}, through the client settings production uses. */
class S3FileStorageTest extends FileStorageContract {

    private static S3FileStorage storage;

    @BeforeAll
    static void connect() {
        storage = S3FileStorage.connect(settings(uniqueBucket(), SharedS3Server.secretKey()));
    }

    @AfterAll
    static void close() {
        storage.close();
    }

    @Override
    FileStorage storage() {
        return storage;
    }

    @Test
    void createsItsBucketWhenMissing() throws IOException {
        String bucket = uniqueBucket();

        try (S3FileStorage fresh = S3FileStorage.connect(settings(bucket, SharedS3Server.secretKey()))) {
            fresh.put("first.txt", new ByteArrayInputStream(new byte[] {'x'}), 1, "text/plain");
            try (StoredObject stored = fresh.get("first.txt")) {
                assertThat(stored.content().readAllBytes()).containsExactly('x');
            }
        }
    }

    @Test
    void usesAnExistingBucketWithItsObjects() throws IOException {
        String bucket = uniqueBucket();
        SharedS3Server.createBucket(bucket);
        try (S3FileStorage first = S3FileStorage.connect(settings(bucket, SharedS3Server.secretKey()))) {
            first.put("kept.txt", new ByteArrayInputStream(new byte[] {'k'}), 1, "text/plain");
        }

        try (S3FileStorage second = S3FileStorage.connect(settings(bucket, SharedS3Server.secretKey()));
                StoredObject stored = second.get("kept.txt")) {
            assertThat(stored.content().readAllBytes()).containsExactly('k');
        }
    }

    @Test
    void isRefusedWithTheWrongSecretKey() {
        assertThatThrownBy(() -> S3FileStorage.connect(settings(uniqueBucket(), "not-the-secret")))
                .isInstanceOf(S3Exception.class)
                .extracting(e -> ((S3Exception) e).statusCode()).isEqualTo(403);
    }

    private static StorageProperties.S3 settings(String bucket, String secretKey) {
        return new StorageProperties.S3(SharedS3Server.endpoint(), SharedS3Server.region(), bucket,
                SharedS3Server.accessKey(), secretKey, true);
    }

    private static String uniqueBucket() {
        return "storage-test-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
