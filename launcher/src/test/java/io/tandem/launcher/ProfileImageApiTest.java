package io.tandem.launcher;

import io.tandem.launcher.CoupleUsers.User;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.TandemTestServers;
import io.tandem.testsupport.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Profile images are photos of a person served without a token (security review L11 and M7): a new image replaces
 * the old one in the storage, caches keep them briefly, and an image declaring more pixels than is safe to decode
 * is refused from its header.
 */
@SpringBootTest(classes = TandemApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "tandem.embedded.enabled=false")
@ActiveProfiles({"command", "query", "saga", "embedded", TandemTestServers.PROFILE})
@ContextConfiguration(initializers = AllInOneTestServers.class)
class ProfileImageApiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Pattern MAX_AGE = Pattern.compile("max-age=(\\d+)");

    @LocalServerPort
    int port;

    private ApiClient anonymous;
    private User user;

    @BeforeEach
    void setUp() {
        anonymous = new ApiClient("http://127.0.0.1:" + port);
        user = CoupleUsers.signUp(anonymous, "Portrait");
    }

    @Test
    void aNewProfileImageDeletesThePreviousOne() {
        String first = upload(TestImages.png(30, 30));
        String second = upload(TestImages.png(40, 20));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(anonymous.get(first).status()).isEqualTo(404));
        assertThat(anonymous.get(second).status()).isEqualTo(200);
    }

    @Test
    void profileImagesAreCachedBrieflyNotForAYear() {
        String url = upload(TestImages.png(30, 30));

        String cacheControl = anonymous.get(url).header("Cache-Control");

        assertThat(cacheControl).doesNotContain("immutable");
        Matcher maxAge = MAX_AGE.matcher(cacheControl);
        assertThat(maxAge.find()).as(cacheControl).isTrue();
        assertThat(Long.parseLong(maxAge.group(1))).isPositive().isLessThanOrEqualTo(Duration.ofHours(1).toSeconds());
    }

    @Test
    void aDecompressionBombIsRefusedFromItsHeader() {
        byte[] bomb = TestImages.pngBomb(15_000, 15_000);
        assertThat(bomb.length).isLessThan(1024 * 1024);

        ApiResponse refused = user.api().upload("/api/user/profile/image", "image", "bomb.png", "image/png", bomb);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(refused.json().get("code").asText()).isEqualTo("image_too_large");
    }

    private String upload(byte[] image) {
        ApiResponse changed = user.api().upload("/api/user/profile/image", "image", "me.png", "image/png", image);
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        String url = changed.json().get("profile_image_url").asText();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(anonymous.get(url).status()).isEqualTo(200));
        return url;
    }
}
