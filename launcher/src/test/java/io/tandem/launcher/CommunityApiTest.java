package io.tandem.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.api.community.CommunityCommands;
import io.tandem.api.community.CommunityEvents.CommentAddedEvent;
import io.tandem.api.paging.Cursor;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.SignUps;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.TandemTestServers;
import io.tandem.testsupport.TestImages;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static io.tandem.testsupport.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The community over HTTP with every side in one JVM: posts found by Korean words, listed by page and by cursor
 * without gaps or repeats, comments counted and their post's author notified, and only authors changing what they
 * wrote.
 */
// the test servers replace the embedded ones, which must not start on their own beforehand
@SpringBootTest(classes = TandemApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "tandem.embedded.enabled=false")
@ActiveProfiles({"command", "query", "saga", "embedded", TandemTestServers.PROFILE})
@ContextConfiguration(initializers = AllInOneTestServers.class)
class CommunityApiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    EventProcessingConfiguration processing;

    private ApiClient anonymous;
    private User author;
    private User reader;

    private record User(String id, ApiClient api) {
    }

    @BeforeEach
    void setUp() {
        anonymous = new ApiClient("http://127.0.0.1:" + port);
        author = signUp();
        reader = signUp();
    }

    private User signUp() {
        String email = "community-" + UUID.randomUUID() + "@example.com";
        ApiResponse signedUp = SignUps.signUp(anonymous, email, "secret123", "C");
        assertThat(signedUp.status()).as(signedUp.toString()).isEqualTo(201);
        ApiResponse login = anonymous.post("/api/auth/login", json(Map.of("username", email, "password",
                                                                          "secret123")));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return new User(signedUp.json().get("user_id").asText(), anonymous.as(login.json().get("access_token")
                                                                                     .asText()));
    }

    /** A word no other post holds (nori keeps a run of Latin letters as one word), to count this test's posts. */
    private static String marker() {
        StringBuilder word = new StringBuilder("tandem");
        for (int i = 0; i < 10; i++) {
            word.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return word.toString();
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private String post(User user, String title, String content, List<String> images) {
        ApiResponse created = user.api().post("/api/post", json(Map.of("title", title, "content", content,
                                                                         "image_file_ids", images)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith("/api/post/" + created.json().get("post_id").asText());
        return created.json().get("post_id").asText();
    }

    private String upload(User user) {
        ApiResponse uploaded = user.api().upload("/api/files", "file", "course.png", "image/png",
                                                 TestImages.png(8, 8));
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        return uploaded.json().get("file_id").asText();
    }

    private JsonNode ok(ApiResponse response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static List<String> ids(JsonNode page, String field) {
        return StreamSupport.stream(page.get("items").spliterator(), false).map(item -> item.get(field).asText())
                            .toList();
    }

    /** Follows next_cursor from the first slice to the last. */
    private List<String> walk(ApiClient api, String firstSlice, String field) {
        List<String> seen = new ArrayList<>();
        String path = firstSlice;
        while (true) {
            JsonNode slice = ok(api.get(path));
            assertThat(slice.has("total")).as("a cursor slice has no total").isFalse();
            seen.addAll(ids(slice, field));
            if (!slice.hasNonNull("next_cursor")) {
                return seen;
            }
            path = firstSlice + "&cursor=" + slice.get("next_cursor").asText();
        }
    }

    private static void assertProblem(ApiResponse response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("code").asText()).as(response.toString()).isEqualTo(code);
    }

    @Test
    void postsAreFoundByKoreanWordsAndListedByPageOrCursorWithoutGapsOrRepeats() {
        String word = marker();
        String image = upload(author);
        String first = post(author, "성수동 카페 데이트 코스", "카페에서 브런치를 먹고 서울숲을 걸어요. " + word,
                            List.of(image));
        List<String> created = new ArrayList<>(List.of(first));
        for (int i = 2; i <= 7; i++) {
            created.add(post(author, "데이트 코스 " + i, "한강 산책 " + word, List.of()));
        }
        List<String> newestFirst = new ArrayList<>(created);
        Collections.reverse(newestFirst);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                ok(reader.api().get("/api/post?q=" + word + "&page=0&size=3")).path("total").asLong())
                .isEqualTo(7));

        JsonNode found = ok(reader.api().get("/api/post?size=100&q=" + encoded("카페")));
        assertThat(ids(found, "post_id")).contains(first);
        JsonNode firstPost = StreamSupport.stream(found.get("items").spliterator(), false)
                                          .filter(item -> item.get("post_id").asText().equals(first))
                                          .findFirst().orElseThrow();
        assertThat(firstPost.get("title").asText()).isEqualTo("성수동 카페 데이트 코스");
        assertThat(firstPost.get("author_id").asText()).isEqualTo(author.id());
        assertThat(firstPost.get("image_file_ids").get(0).asText()).isEqualTo(image);
        assertThat(ids(ok(reader.api().get("/api/post?size=100&q=" + encoded("서울숲"))), "post_id"))
                .containsExactly(first);

        List<String> byPage = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            JsonNode slice = ok(reader.api().get("/api/post?q=" + word + "&size=3&page=" + page));
            assertThat(slice.get("total").asLong()).isEqualTo(7);
            assertThat(slice.get("page").asInt()).isEqualTo(page);
            assertThat(slice.get("size").asInt()).isEqualTo(3);
            assertThat(slice.get("items")).hasSize(page < 2 ? 3 : 1);
            byPage.addAll(ids(slice, "post_id"));
        }
        assertThat(byPage).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
        JsonNode pastTheEnd = ok(reader.api().get("/api/post?q=" + word + "&size=3&page=3"));
        assertThat(pastTheEnd.get("items")).isEmpty();
        assertThat(pastTheEnd.get("total").asLong()).isEqualTo(7);

        List<String> searchWalk = walk(reader.api(), "/api/post?size=3&q=" + word, "post_id");
        assertThat(searchWalk).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);

        List<String> everything = walk(reader.api(), "/api/post?size=3", "post_id");
        assertThat(everything).doesNotHaveDuplicates().containsAll(created);
        assertThat(everything.stream().filter(created::contains).toList()).as("newest first")
                                                                          .isEqualTo(newestFirst);

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode one = ok(reader.api().get("/api/post/" + first));
            assertThat(one.get("title").asText()).isEqualTo("성수동 카페 데이트 코스");
            assertThat(one.get("author_id").asText()).isEqualTo(author.id());
            assertThat(one.get("comment_count").asLong()).isZero();
            assertThat(one.get("image_file_ids").get(0).asText()).isEqualTo(image);
        });
        ApiResponse photo = reader.api().get("/api/files/" + image);
        assertThat(photo.status()).as("a post's photo is for every signed-in user").isEqualTo(200);
        assertThat(photo.contentType()).isEqualTo("image/png");
    }

    @Test
    void commentsAreCountedListedOldestFirstAndTellThePostsAuthor() {
        String postId = post(author, "연남동 데이트", "경의선 숲길 산책", List.of());
        await().atMost(PATIENCE).until(() -> reader.api().get("/api/post/" + postId).status() == 200);

        List<String> comments = new ArrayList<>();
        for (String text : List.of("좋아요!", "저도 가봤어요", "사진 더 있나요?", "감사합니다")) {
            ApiResponse commented = reader.api().post("/api/post/" + postId + "/comment",
                                                      json(Map.of("content", text)));
            assertThat(commented.status()).as(commented.toString()).isEqualTo(201);
            assertThat(commented.json().get("post_id").asText()).isEqualTo(postId);
            comments.add(commented.json().get("comment_id").asText());
        }
        ApiResponse own = author.api().post("/api/post/" + postId + "/comment", json(Map.of("content", "고마워요")));
        assertThat(own.status()).as(own.toString()).isEqualTo(201);
        comments.add(own.json().get("comment_id").asText());

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                ok(author.api().get("/api/post/" + postId)).get("comment_count").asLong()).isEqualTo(5));
        assertThat(walk(reader.api(), "/api/post/" + postId + "/comments?size=2", "comment_id"))
                .containsExactlyElementsOf(comments);

        DomainEventMessage<?> added = eventStore.readEvents(CommunityCommands.commentAggregateId(comments.get(0)))
                                                .next();
        assertThat(added.getPayload()).isEqualTo(new CommentAddedEvent(comments.get(0), postId, reader.id(),
                                                                       author.id(), "좋아요!"));
        // four comments by the reader notify the author; the author's own comment does not
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode notifications = ok(author.api().get("/api/notifications?size=100"));
            assertThat(notifications.get("items")).hasSize(4).allSatisfy(item -> {
                assertThat(item.get("kind").asText()).isEqualTo("COMMENT_ADDED");
                assertThat(item.get("subject_id").asText()).isEqualTo(postId);
            });
        });
        assertThat(ok(reader.api().get("/api/notifications")).get("items")).isEmpty();

        assertProblem(author.api().delete("/api/comment/" + comments.get(1)), 403, "not_comment_author");
        assertThat(reader.api().delete("/api/comment/" + comments.get(1)).status()).isEqualTo(204);
        assertProblem(reader.api().delete("/api/comment/" + comments.get(1)), 404, "comment_not_found");
        assertProblem(reader.api().delete("/api/comment/" + UUID.randomUUID()), 404, "comment_not_found");
        assertProblem(reader.api().delete("/api/comment/" + postId), 404, "comment_not_found");
        assertProblem(reader.api().delete("/api/comment/not-a-comment"), 404, "comment_not_found");

        List<String> remaining = new ArrayList<>(comments);
        remaining.remove(1);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                walk(reader.api(), "/api/post/" + postId + "/comments?size=2", "comment_id"))
                .containsExactlyElementsOf(remaining));
        assertThat(ok(reader.api().get("/api/post/" + postId)).get("comment_count").asLong()).isEqualTo(4);
    }

    @Test
    void onlyTheAuthorChangesOrDeletesAPostAndADeletedPostLeavesSearch() {
        String word = marker();
        String postId = post(author, "망원동 코스", "시장 구경 " + word, List.of());
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                ids(ok(reader.api().get("/api/post?q=" + word)), "post_id")).containsExactly(postId));

        assertProblem(reader.api().patch("/api/post/" + postId, json(Map.of("title", "내 거"))), 403,
                      "not_post_author");
        assertProblem(reader.api().delete("/api/post/" + postId), 403, "not_post_author");

        assertThat(author.api().patch("/api/post/" + postId, json(Map.of("title", "망원동 한강 코스")))
                         .status()).isEqualTo(204);
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode edited = ok(reader.api().get("/api/post/" + postId));
            assertThat(edited.get("title").asText()).isEqualTo("망원동 한강 코스");
            assertThat(edited.get("content").asText()).isEqualTo("시장 구경 " + word);
            assertThat(edited.hasNonNull("edited_at")).isTrue();
        });
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                ok(reader.api().get("/api/post?q=" + encoded("한강") + "&size=100")).get("items").toString())
                .contains(postId));

        assertThat(author.api().delete("/api/post/" + postId).status()).isEqualTo(204);
        await().atMost(PATIENCE).untilAsserted(() -> assertProblem(reader.api().get("/api/post/" + postId), 404,
                                                                   "post_not_found"));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                ok(reader.api().get("/api/post?q=" + word + "&page=0")).get("total").asLong()).isZero());
        assertThat(walk(reader.api(), "/api/post?size=100", "post_id")).doesNotContain(postId);
        assertProblem(reader.api().get("/api/post/" + postId + "/comments"), 404, "post_not_found");
        assertProblem(reader.api().post("/api/post/" + postId + "/comment", json(Map.of("content", "늦었네요"))),
                      404, "post_not_found");
        assertProblem(author.api().patch("/api/post/" + postId, json(Map.of("title", "다시"))), 404,
                      "post_not_found");
        assertProblem(author.api().delete("/api/post/" + postId), 404, "post_not_found");
    }

    @Test
    void badInputIsRefusedWithAProblem() {
        String unknown = UUID.randomUUID().toString();
        assertProblem(author.api().post("/api/post", json(Map.of("title", "  ", "content", "x"))), 400,
                      "invalid_request");
        assertProblem(author.api().post("/api/post", json(Map.of("title", "t".repeat(101)))), 400,
                      "invalid_request");
        assertProblem(author.api().post("/api/post", json(Map.of("title", "t", "content", "c".repeat(5001)))), 400,
                      "invalid_request");
        List<String> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(UUID.randomUUID().toString());
        }
        assertProblem(author.api().post("/api/post", json(Map.of("title", "t", "image_file_ids", eleven))), 400,
                      "invalid_request");
        assertProblem(author.api().post("/api/post", json(Map.of("title", "t", "image_file_ids",
                                                                  List.of("not-an-id")))), 400, "invalid_request");
        String theirs = upload(reader);
        assertProblem(author.api().post("/api/post", json(Map.of("title", "t", "image_file_ids", List.of(theirs)))),
                      400, "invalid_image");
        assertProblem(author.api().post("/api/post", json(Map.of("title", "t", "image_file_ids", List.of(unknown)))),
                      400, "invalid_image");

        String postId = post(author, "익선동 골목", "한옥 카페", List.of());
        assertProblem(author.api().post("/api/post", json(Map.of("title", "t", "image_file_ids", List.of(postId)))),
                      400, "invalid_image");
        assertProblem(author.api().patch("/api/post/" + postId, json(Map.of("title", " "))), 400,
                      "invalid_request");
        assertProblem(reader.api().post("/api/post/" + postId + "/comment", json(Map.of("content", ""))), 400,
                      "invalid_request");
        assertProblem(reader.api().post("/api/post/" + postId + "/comment",
                                        json(Map.of("content", "c".repeat(1001)))), 400, "invalid_request");

        assertProblem(reader.api().get("/api/post/" + unknown), 404, "post_not_found");
        assertProblem(reader.api().get("/api/post/not-a-post"), 404, "post_not_found");
        assertProblem(reader.api().get("/api/post/" + unknown + "/comments"), 404, "post_not_found");
        assertProblem(reader.api().post("/api/post/" + unknown + "/comment", json(Map.of("content", "hi"))), 404,
                      "post_not_found");
        assertProblem(author.api().patch("/api/post/" + unknown, json(Map.of("title", "t"))), 404,
                      "post_not_found");

        ApiResponse comment = reader.api().post("/api/post/" + postId + "/comment", json(Map.of("content", "hi")));
        assertThat(comment.status()).as(comment.toString()).isEqualTo(201);
        String commentId = comment.json().get("comment_id").asText();
        assertProblem(author.api().patch("/api/post/" + commentId, json(Map.of("title", "t"))), 404,
                      "post_not_found");
        assertProblem(reader.api().post("/api/post/" + commentId + "/comment", json(Map.of("content", "hi"))), 404,
                      "post_not_found");

        for (String paging : List.of("page=-1", "size=0", "size=101", "page=0&cursor=abc", "cursor=!!!",
                                     "cursor=" + Cursor.of("yesterday", postId).encode(),
                                     "q=" + encoded("카페") + "&cursor=" + Cursor.of(1, postId).encode())) {
            assertProblem(reader.api().get("/api/post?" + paging), 400, paging.contains("cursor=")
                                                                          && !paging.startsWith("page")
                                                                          ? "invalid_cursor" : "invalid_paging");
        }
        assertProblem(reader.api().get("/api/post?q=" + "q".repeat(101)), 400, "invalid_request");
        assertProblem(reader.api().get("/api/post?page=abc"), 400, "invalid_request");
        await().atMost(PATIENCE).until(() -> reader.api().get("/api/post/" + postId).status() == 200);
        assertProblem(reader.api().get("/api/post/" + postId + "/comments?page=1"), 400, "invalid_paging");
        assertProblem(reader.api().get("/api/post/" + postId + "/comments?cursor=" + Cursor.of("x", "y").encode()),
                      400, "invalid_cursor");
        assertProblem(reader.api().get("/api/post/" + postId + "/comments?size=500"), 400, "invalid_paging");
    }

    @Test
    void aReplayRebuildsPostsCommentsAndSearch() {
        String word = marker();
        String postId = post(author, "북촌 한옥 산책", "골목 " + word, List.of());
        ApiResponse comment = reader.api().post("/api/post/" + postId + "/comment", json(Map.of("content", "멋져요")));
        assertThat(comment.status()).as(comment.toString()).isEqualTo(201);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                ok(reader.api().get("/api/post/" + postId)).get("comment_count").asLong()).isEqualTo(1));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                ids(ok(reader.api().get("/api/post?q=" + word)), "post_id")).containsExactly(postId));

        List<StreamingEventProcessor> processors = List.of(processor("community"),
                                                           processor("community-post-search"));
        processors.forEach(StreamingEventProcessor::shutDown);
        processors.forEach(StreamingEventProcessor::resetTokens);
        assertProblem(reader.api().get("/api/post/" + postId), 404, "post_not_found");
        assertThat(ok(reader.api().get("/api/post?page=0&q=" + word)).get("total").asLong()).isZero();
        processors.forEach(StreamingEventProcessor::start);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                ok(reader.api().get("/api/post/" + postId)).get("comment_count").asLong()).isEqualTo(1));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                ids(ok(reader.api().get("/api/post?q=" + word)), "post_id")).containsExactly(postId));
    }

    private StreamingEventProcessor processor(String group) {
        return processing.eventProcessor(group, StreamingEventProcessor.class).orElseThrow();
    }
}
