package io.tandem.command.file;

import io.tandem.command.CommandSideApplication;
import io.tandem.platform.storage.FileStorage;
import io.tandem.platform.storage.StoredObject;
import io.tandem.platform.storage.StoredObjectNotFoundException;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.SignUps;
import io.tandem.testsupport.TandemTestServers;
import io.tandem.testsupport.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static io.tandem.testsupport.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Uploads go to a real S3 server (a child process); metadata goes to the event store. */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({CommandSideApplication.PROFILE, TandemTestServers.PROFILE})
@ContextConfiguration(initializers = TandemTestServers.class)
class FileUploadApiTest {

    @LocalServerPort
    int port;
    @Autowired
    FileStorage storage;
    @Autowired
    JdbcClient jdbc;

    private ApiClient anonymous;
    private ApiClient owner;
    private ApiClient stranger;

    @BeforeEach
    void setUp() {
        anonymous = new ApiClient("http://127.0.0.1:" + port);
        owner = anonymous.as(signedInUser());
        stranger = anonymous.as(signedInUser());
    }

    private String signedInUser() {
        String email = "files-" + UUID.randomUUID() + "@example.com";
        SignUps.signUp(anonymous, email, "secret123", "F");
        return anonymous.post("/api/auth/login", json(Map.of("username", email, "password", "secret123")))
                        .json().get("access_token").asText();
    }

    @Test
    void anUploadStoresTheBytesAndRecordsTheMetadata() throws IOException {
        byte[] png = TestImages.png(40, 30);
        ApiResponse uploaded = owner.upload("/api/files", "file", "../../etc/photo.png", "image/png", png);
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        String fileId = uploaded.json().get("file_id").asText();
        assertThat(uploaded.json().get("file_name").asText()).isEqualTo("photo.png");
        assertThat(uploaded.json().get("content_type").asText()).isEqualTo("image/png");
        assertThat(uploaded.json().get("size").asLong()).isEqualTo(png.length);
        assertThat(uploaded.header("Location")).isEqualTo("/api/files/" + fileId);

        String payloadType = jdbc.sql("SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = :id")
                                 .param("id", fileId).query(String.class).single();
        assertThat(payloadType).endsWith("FileRegisteredEvent");
        try (StoredObject stored = storage.get(storedKeyOf(fileId))) {
            assertThat(stored.content().readAllBytes()).isEqualTo(png);
            assertThat(stored.contentType()).isEqualTo("image/png");
        }
    }

    @Test
    void theTypeComesFromTheContentNotTheName() {
        byte[] png = TestImages.png(8, 8);
        ApiResponse disguised = owner.upload("/api/files", "file", "notes.txt", "text/plain", png);
        assertThat(disguised.status()).isEqualTo(201);
        assertThat(disguised.json().get("content_type").asText()).isEqualTo("image/png");

        byte[] executable = new byte[512];
        executable[0] = 0x7f;
        executable[1] = 'E';
        executable[2] = 'L';
        executable[3] = 'F';
        ApiResponse elf = owner.upload("/api/files", "file", "photo.jpg", "image/jpeg", executable);
        assertThat(elf.status()).isEqualTo(415);
        assertThat(elf.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void oversizedEmptyAndAnonymousUploadsAreRefused() {
        byte[] elevenMegabytes = new byte[11 * 1024 * 1024];
        ApiResponse tooLarge = owner.upload("/api/files", "file", "big.bin", "application/octet-stream",
                                            elevenMegabytes);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.contentType()).isEqualTo("application/problem+json");

        assertThat(owner.upload("/api/files", "file", "empty.txt", "text/plain", new byte[0]).status())
                .isEqualTo(400);
        assertThat(owner.upload("/api/files", "wrong_part", "a.png", "image/png", TestImages.png(4, 4)).status())
                .isEqualTo(400);
        assertThat(anonymous.upload("/api/files", "file", "a.png", "image/png", TestImages.png(4, 4)).status())
                .isEqualTo(401);
    }

    @Test
    void onlyTheOwnerDeletesAndTheBytesGoAway() {
        ApiResponse uploaded = owner.upload("/api/files", "file", "a.png", "image/png", TestImages.png(4, 4));
        String fileId = uploaded.json().get("file_id").asText();

        assertThat(stranger.delete("/api/files/" + fileId).status()).isEqualTo(404);
        assertThat(owner.delete("/api/files/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(owner.delete("/api/files/not-a-uuid").status()).isEqualTo(400);
        assertThat(owner.delete("/api/files/" + fileId).status()).isEqualTo(204);
        assertThat(owner.delete("/api/files/" + fileId).status()).isEqualTo(404);

        await().untilAsserted(() -> assertThatThrownBy(() -> storage.get(storedKeyOf(fileId)))
                .isInstanceOf(StoredObjectNotFoundException.class));
    }

    @Test
    void aProfileImageIsResizedAndStored() throws IOException {
        ApiResponse changed = owner.upload("/api/user/profile/image", "image", "me.png", "image/png",
                                           TestImages.png(2000, 1000));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        String url = changed.json().get("profile_image_url").asText();
        assertThat(url).startsWith("/api/profile-images/");
        try (StoredObject stored = storage.get("profile-images/" + url.substring(url.lastIndexOf('/') + 1))) {
            var image = javax.imageio.ImageIO.read(stored.content());
            assertThat(Math.max(image.getWidth(), image.getHeight())).isEqualTo(512);
        }

        ApiResponse pdfAsImage = owner.upload("/api/user/profile/image", "image", "me.png", "image/png",
                                              "%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n".getBytes());
        assertThat(pdfAsImage.status()).isEqualTo(415);
    }

    /** {@code tandem.files.quota-per-user} is 24 MB in the tests (application-test.yml): two of these fit. */
    private static final int NINE_MEGABYTES = 9 * 1024 * 1024;

    @Test
    void uploadsStopAtTheOwnersQuotaAndDeletingMakesRoom() {
        String first = uploadText(owner, NINE_MEGABYTES);
        uploadText(owner, NINE_MEGABYTES);

        ApiResponse third = owner.upload("/api/files", "file", "c.txt", "text/plain", text(NINE_MEGABYTES));
        assertThat(third.status()).as(third.toString()).isEqualTo(409);
        assertThat(third.contentType()).isEqualTo("application/problem+json");
        assertThat(third.json().get("code").asText()).isEqualTo("storage_quota_exceeded");
        // the quota is the owner's: someone else still has all of theirs
        uploadText(stranger, NINE_MEGABYTES);

        assertThat(owner.delete("/api/files/" + first).status()).isEqualTo(204);
        uploadText(owner, NINE_MEGABYTES);
    }

    @Test
    void uploadsInParallelCannotOvershootTheQuota() {
        List<CompletableFuture<ApiResponse>> uploads = IntStream.range(0, 6)
                .mapToObj(i -> CompletableFuture.supplyAsync(
                        () -> owner.upload("/api/files", "file", i + ".txt", "text/plain", text(NINE_MEGABYTES))))
                .toList();
        List<Integer> statuses = uploads.stream().map(CompletableFuture::join).map(ApiResponse::status).toList();

        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses.stream().filter(status -> status == 201).count()).isEqualTo(2);
    }

    /**
     * Tomcat keeps multipart parts in temporary files; from there the upload must go to the storage as a stream. The
     * request threads may allocate what the storage client itself allocates to send that many bytes (the S3 client
     * encodes chunk by chunk), and little more: any copy of the whole file would add its size.
     */
    @Test
    void anUploadIsStreamedToStorageNotHeldInMemory() {
        uploadText(owner, 1024); // the first request of a user warms up caches that would count against it
        long storageItself = allocatedByThisThread(() -> storage.put(
                "probe/" + UUID.randomUUID(), new BufferedInputStream(letters(NINE_MEGABYTES)), NINE_MEGABYTES,
                "text/plain"));
        Map<Long, Long> before = requestThreadAllocations();

        uploadText(owner, NINE_MEGABYTES);

        Map<Long, Long> after = requestThreadAllocations();
        long allocated = after.entrySet().stream()
                              .mapToLong(thread -> thread.getValue() - before.getOrDefault(thread.getKey(), 0L))
                              .sum();
        assertThat(allocated).as("bytes allocated by the request threads, the storage client's own %d included",
                                 storageItself)
                             .isLessThan(storageItself + NINE_MEGABYTES / 3);
    }

    private static long allocatedByThisThread(Runnable work) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        work.run(); // warms the client up
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        work.run();
        return threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
    }

    /** {@code size} letters made as they are read, so the stream itself holds nothing. */
    private static InputStream letters(int size) {
        return new InputStream() {
            private int left = size;

            @Override
            public int read() {
                return left-- > 0 ? 'a' : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (left <= 0) {
                    return -1;
                }
                int count = Math.min(length, left);
                Arrays.fill(buffer, offset, offset + count, (byte) 'a');
                left -= count;
                return count;
            }
        };
    }

    private String uploadText(ApiClient as, int size) {
        ApiResponse uploaded = as.upload("/api/files", "file", "notes.txt", "text/plain", text(size));
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        return uploaded.json().get("file_id").asText();
    }

    private static byte[] text(int size) {
        byte[] text = new byte[size];
        Arrays.fill(text, (byte) 'a');
        return text;
    }

    private static Map<Long, Long> requestThreadAllocations() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Map<Long, Long> allocated = new HashMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().contains("-exec-")) {
                allocated.put(thread.getId(), threads.getThreadAllocatedBytes(thread.getId()));
            }
        }
        return allocated;
    }

    private String storedKeyOf(String fileId) {
        return jdbc.sql("SELECT convert_from(payload, 'UTF8')::json->>'storageKey' FROM domainevententry "
                        + "WHERE aggregateidentifier = :id AND sequencenumber = 0")
                   .param("id", fileId).query(String.class).single();
    }
}
