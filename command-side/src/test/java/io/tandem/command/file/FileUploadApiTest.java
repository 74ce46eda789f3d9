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

import java.io.IOException;
import java.util.Map;
import java.util.UUID;

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

    private String storedKeyOf(String fileId) {
        return jdbc.sql("SELECT convert_from(payload, 'UTF8')::json->>'storageKey' FROM domainevententry "
                        + "WHERE aggregateidentifier = :id AND sequencenumber = 0")
                   .param("id", fileId).query(String.class).single();
    }
}
