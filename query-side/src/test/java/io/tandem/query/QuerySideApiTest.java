package io.tandem.query;

import io.tandem.api.file.FileEvents.FileDeletedEvent;
import io.tandem.api.file.FileEvents.FileRegisteredEvent;
import io.tandem.api.identity.IdentityEvents.ProfileImageChangedEvent;
import io.tandem.api.identity.IdentityEvents.ProfileUpdatedEvent;
import io.tandem.api.identity.IdentityEvents.RoleGrantedEvent;
import io.tandem.api.identity.IdentityEvents.UserSignedUpEvent;
import io.tandem.api.identity.ProfileImages;
import io.tandem.api.identity.Role;
import io.tandem.platform.security.JwtProperties;
import io.tandem.platform.storage.FileStorage;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.TandemTestServers;
import io.tandem.testsupport.TestImages;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The query side on its own: events go into the real event store, reads come back over HTTP. */
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({QuerySideApplication.PROFILE, TandemTestServers.PROFILE})
@ContextConfiguration(initializers = TandemTestServers.class)
class QuerySideApiTest {

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    JwtEncoder jwtEncoder;
    @Autowired
    JwtProperties jwtProperties;
    @Autowired
    FileStorage storage;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EventProcessingConfiguration processing;

    private ApiClient anonymous;

    @BeforeEach
    void setUp() {
        anonymous = new ApiClient("http://127.0.0.1:" + port);
    }

    @Test
    void aProfileFollowsItsEvents() {
        String userId = UUID.randomUUID().toString();
        publish(userId, new UserSignedUpEvent(userId, "lee@example.com", "{bcrypt}x", "Lee", Role.USER, null, null),
                new ProfileUpdatedEvent(userId, "Lee Jieun", "iu"),
                new ProfileImageChangedEvent(userId, "img-" + userId, null));
        ApiClient user = anonymous.as(token(userId, Role.USER));

        await().untilAsserted(() -> {
            ApiResponse profile = user.get("/api/user/profile");
            assertThat(profile.status()).isEqualTo(200);
            assertThat(profile.json().path("nickname").asText()).isEqualTo("iu");
            assertThat(profile.json().path("profile_image_url").asText())
                    .isEqualTo(ProfileImages.url("img-" + userId));
        });
        ApiResponse profile = user.get("/api/auth/profile");
        assertThat(profile.json().get("user_id").asText()).isEqualTo(userId);
        assertThat(profile.json().get("name").asText()).isEqualTo("Lee Jieun");
        assertThat(profile.json().get("email").asText()).isEqualTo("lee@example.com");
        assertThat(profile.json().get("profile_image_url").asText()).isEqualTo(ProfileImages.url("img-" + userId));
        assertThat(profile.json().get("provider").asText()).isEqualTo("email");
        assertThat(profile.body()).doesNotContain("bcrypt");
    }

    @Test
    void aRebuildFromEventsGivesTheSameRows() {
        String userId = UUID.randomUUID().toString();
        publish(userId, new UserSignedUpEvent(userId, "park@example.com", "{bcrypt}x", "Park", Role.USER, null, null),
                new RoleGrantedEvent(userId, Role.ADMIN),
                new ProfileUpdatedEvent(userId, "Park", "bo"));
        // the last of the three events, so the rows are complete before they are compared with the rebuild
        await().until(() -> rowOf(userId).equals(userId + "|park@example.com|Park|bo|ADMIN,USER"));
        List<String> before = allProfileRows();

        StreamingEventProcessor processor = processing.eventProcessor("user-profiles", StreamingEventProcessor.class)
                                                      .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        assertThat(allProfileRows()).isEmpty();
        processor.start();
        await().untilAsserted(() -> assertThat(allProfileRows()).isEqualTo(before));
    }

    @Test
    void filesAreServedToTheirOwnerOnly() {
        String owner = UUID.randomUUID().toString();
        String fileId = UUID.randomUUID().toString();
        byte[] png = TestImages.png(10, 10);
        String key = "files/" + owner + "/" + fileId;
        storage.put(key, new ByteArrayInputStream(png), png.length, "image/png");
        publish(fileId, new FileRegisteredEvent(fileId, owner, "사진 1.png", "image/png", png.length,
                                                "ab".repeat(32), key));
        ApiClient ownerClient = anonymous.as(token(owner, Role.USER));

        await().until(() -> ownerClient.get("/api/files/" + fileId).status() == 200);
        ApiResponse download = ownerClient.get("/api/files/" + fileId);
        assertThat(download.bytes()).isEqualTo(png);
        assertThat(download.contentType()).isEqualTo("image/png");
        assertThat(download.header("Content-Disposition")).contains("attachment").contains("UTF-8''");
        assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");

        ApiClient stranger = anonymous.as(token(UUID.randomUUID().toString(), Role.USER));
        assertThat(stranger.get("/api/files/" + fileId).status()).isEqualTo(404);
        assertThat(stranger.get("/api/files/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(anonymous.get("/api/files/" + fileId).status()).isEqualTo(401);

        publishFrom(fileId, 1, new FileDeletedEvent(fileId, owner, key));
        await().until(() -> ownerClient.get("/api/files/" + fileId).status() == 404);
    }

    @Test
    void profileImagesArePublicAndUnknownOnesAre404() {
        String imageId = UUID.randomUUID().toString();
        byte[] png = TestImages.png(16, 16);
        storage.put(ProfileImages.storageKey(imageId), new ByteArrayInputStream(png), png.length, "image/png");
        ApiResponse image = anonymous.get(ProfileImages.url(imageId));
        assertThat(image.status()).isEqualTo(200);
        assertThat(image.bytes()).isEqualTo(png);
        assertThat(anonymous.get(ProfileImages.url(UUID.randomUUID().toString())).status()).isEqualTo(404);
        assertThat(anonymous.get("/api/profile-images/..%2F..%2Fetc").status()).isEqualTo(400);
    }

    @Test
    void adminPathsNeedTheAdminRoleAndValidPaging() {
        assertThat(anonymous.as(token(UUID.randomUUID().toString(), Role.USER)).get("/api/admin/users").status())
                .isEqualTo(403);
        ApiClient admin = anonymous.as(token(UUID.randomUUID().toString(), Role.USER, Role.ADMIN));
        ApiResponse page = admin.get("/api/admin/users?page=0&size=5");
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.json().get("size").asInt()).isEqualTo(5);
        ApiResponse tooBig = admin.get("/api/admin/users?size=101");
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.json().get("errors").get(0).get("field").asText()).isEqualTo("size");
    }

    @Test
    void everyProjectionHasAPersistentDeadLetterQueue() {
        for (String group : List.of("user-profiles", "file-metadata")) {
            assertThat(processing.deadLetterQueue(group))
                    .as(group).get().isInstanceOf(JdbcSequencedDeadLetterQueue.class);
        }
    }

    @Test
    void anExpiredTokenIsRefused() {
        Instant past = Instant.now().minusSeconds(3600);
        String expired = jwtEncoder.encode(JwtEncoderParameters.from(
                JwsHeader.with(MacAlgorithm.HS256).build(),
                JwtClaimsSet.builder().issuer(jwtProperties.issuer()).subject("someone").issuedAt(past.minusSeconds(60))
                            .expiresAt(past).claim("roles", List.of("USER")).build())).getTokenValue();
        ApiResponse refused = anonymous.as(expired).get("/api/user/profile");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
    }

    private void publish(String aggregateId, Object... events) {
        publishFrom(aggregateId, 0, events);
    }

    private void publishFrom(String aggregateId, long firstSequence, Object... events) {
        for (int i = 0; i < events.length; i++) {
            eventStore.publish(new GenericDomainEventMessage<>("Test", aggregateId, firstSequence + i, events[i]));
        }
    }

    private String token(String userId, Role... roles) {
        Instant now = Instant.now();
        return jwtEncoder.encode(JwtEncoderParameters.from(
                JwsHeader.with(MacAlgorithm.HS256).build(),
                JwtClaimsSet.builder().issuer(jwtProperties.issuer()).subject(userId).issuedAt(now)
                            .expiresAt(now.plusSeconds(600))
                            .claim("roles", java.util.Arrays.stream(roles).map(Role::name).toList()).build()))
                         .getTokenValue();
    }

    private String rowOf(String userId) {
        return jdbc.sql("SELECT concat_ws('|', user_id, email, name, nickname, roles) FROM user_profile "
                        + "WHERE user_id = :id").param("id", userId).query(String.class).optional().orElse("");
    }

    private List<String> allProfileRows() {
        return jdbc.sql("SELECT concat_ws('|', user_id, email, name, nickname, profile_image_url, roles, provider, "
                        + "created_at) FROM user_profile ORDER BY user_id").query(String.class).list();
    }
}
