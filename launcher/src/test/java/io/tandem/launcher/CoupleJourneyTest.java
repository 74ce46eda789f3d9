package io.tandem.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.api.couple.CoupleCommands;
import io.tandem.api.couple.CoupleCommands.IssueCoupleInviteCommand;
import io.tandem.api.couple.CoupleEvents.PlanReminderDueEvent;
import io.tandem.api.couple.CoupleResults.IssuedInvite;
import io.tandem.launcher.CoupleUsers.User;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.TandemTestServers;
import io.tandem.testsupport.TestImages;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

import static io.tandem.testsupport.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Couples over HTTP with every side in one JVM: two new users link with a code and see the same D-day, keep
 * anniversaries (with their milestones), plans (whose reminder fires) and a calendar whose photos the partner can
 * download; every bad input is a clear refusal, one couple never sees another's things, and after a disconnection
 * neither partner sees what they kept together.
 */
// the test servers replace the embedded ones, which must not start on their own beforehand
@SpringBootTest(classes = TandemApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "tandem.embedded.enabled=false")
@ActiveProfiles({"command", "query", "saga", "embedded", TandemTestServers.PROFILE})
@ContextConfiguration(initializers = AllInOneTestServers.class)
class CoupleJourneyTest {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final Duration PROJECTED = Duration.ofSeconds(20);

    @LocalServerPort
    int port;
    @Autowired
    EventStore events;
    @Autowired
    CommandGateway commands;

    private ApiClient anonymous;
    private LocalDate today;

    @BeforeEach
    void setUp() {
        anonymous = new ApiClient("http://127.0.0.1:" + port);
        today = LocalDate.now(SEOUL);
    }

    private User user(String name) {
        return CoupleUsers.signUp(anonymous, name);
    }

    @Test
    void twoNewUsersLinkWithACodeAndKeepTheirDaysTogether() {
        User minji = user("Minji");
        User jun = user("Jun");

        ApiResponse invite = minji.api().post("/api/couple/invite", "{}");
        assertThat(invite.status()).as(invite.toString()).isEqualTo(201);
        String code = invite.json().get("code").asText();
        assertThat(code).matches("[A-HJKMNP-Z2-9]{8}");
        assertThat(Instant.parse(invite.json().get("expires_at").asText()))
                .isBetween(Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(24)));

        // typed the way people read it out: in lower case, with a dash in the middle
        ApiResponse matched = CoupleUsers.match(jun, code.substring(0, 4).toLowerCase() + "-" + code.substring(4));
        assertThat(matched.status()).as(matched.toString()).isEqualTo(200);
        assertThat(matched.json().get("partner_id").asText()).isEqualTo(minji.id());
        assertThat(matched.json().get("started_on").asText()).isEqualTo(today.toString());
        assertThat(matched.json().get("d_day").asLong()).isEqualTo(1);
        String coupleId = matched.json().get("couple_id").asText();

        JsonNode minjisView = awaitInfo(minji, info -> info.path("partner").path("name").asText().equals("Jun"));
        JsonNode junsView = awaitInfo(jun, info -> info.path("partner").path("name").asText().equals("Minji"));
        assertThat(minjisView.get("couple_id").asText()).isEqualTo(coupleId);
        assertThat(minjisView.path("partner").path("user_id").asText()).isEqualTo(jun.id());
        assertThat(junsView.path("partner").path("user_id").asText()).isEqualTo(minji.id());
        assertThat(minjisView.get("d_day").asLong()).isEqualTo(junsView.get("d_day").asLong()).isEqualTo(1);

        ApiResponse moved = jun.api().patch("/api/couple/info",
                                            json(Map.of("started_on", today.minusDays(99).toString())));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.json().get("d_day").asLong()).isEqualTo(100);
        awaitInfo(minji, info -> info.get("d_day").asLong() == 100);
        awaitInfo(jun, info -> info.get("d_day").asLong() == 100);

        // an anniversary, listed among the milestones counted from the start: today is the 100th day
        ApiResponse added = minji.api().post("/api/anniversary", json(Map.of(
                "title", "First trip", "date", today.plusDays(10).minusYears(1).toString(), "yearly", true)));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        String anniversaryId = added.json().get("id").asText();
        JsonNode anniversaries = awaitJson(jun, "/api/anniversary",
                                           list -> ids(list).contains(anniversaryId));
        List<JsonNode> items = items(anniversaries);
        assertThat(items.get(0).get("title").asText()).isEqualTo("100 days");
        assertThat(items.get(0).get("milestone").asBoolean()).isTrue();
        assertThat(items.get(0).has("id")).isFalse();
        assertThat(items.get(0).get("d_day_label").asText()).isEqualTo("D-Day");
        assertThat(items.get(1).get("id").asText()).isEqualTo(anniversaryId);
        assertThat(items.get(1).get("next_date").asText()).isEqualTo(today.plusDays(10).toString());
        assertThat(items.get(1).get("d_day").asLong()).isEqualTo(10);
        assertThat(items.get(1).get("d_day_label").asText()).isEqualTo("D-10");
        assertThat(items.stream().map(item -> item.get("title").asText()))
                .contains("200 days", "300 days", "1 year");
        JsonNode firstSlice = jun.api().get("/api/anniversary?size=1").json();
        assertThat(items(firstSlice)).hasSize(1);
        JsonNode secondSlice = jun.api().get("/api/anniversary?size=1&cursor="
                                             + firstSlice.get("next_cursor").asText()).json();
        assertThat(ids(secondSlice)).containsExactly(anniversaryId);

        // a plan an hour away, reminded (lead PT59M50S in these tests) within seconds
        Instant time = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        ApiResponse planned = jun.api().post("/api/plan", json(Map.of(
                "title", "Dinner", "place", "Seongsu", "time", OffsetDateTime.ofInstant(time, SEOUL).toString())));
        assertThat(planned.status()).as(planned.toString()).isEqualTo(201);
        String planId = planned.json().get("id").asText();
        assertThat(Instant.parse(planned.json().get("remind_at").asText()))
                .isEqualTo(time.minus(Duration.ofMinutes(59).plusSeconds(50)));
        JsonNode plans = awaitJson(minji, "/api/plan", list -> ids(list).contains(planId));
        assertThat(Instant.parse(items(plans).get(0).get("time").asText())).isEqualTo(time);
        await().atMost(Duration.ofSeconds(60)).until(() -> reminders(planId) > 0);
        assertThat(reminders(planId)).isEqualTo(1);
        for (User partner : List.of(jun, minji)) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                    partner.api().get("/api/notifications").json().get("items"))
                    .anySatisfy(item -> {
                        assertThat(item.get("kind").asText()).isEqualTo("PLAN_REMINDER");
                        assertThat(item.get("subject_id").asText()).isEqualTo(planId);
                    })
                    .anySatisfy(item -> assertThat(item.get("kind").asText()).isEqualTo("COUPLE_MATCHED")));
        }

        // a calendar day with Minji's photo, which Jun may download once it is in their calendar
        byte[] photo = TestImages.png(40, 30);
        ApiResponse uploaded = minji.api().upload("/api/files", "file", "han-river.png", "image/png", photo);
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        String fileId = uploaded.json().get("file_id").asText();
        assertThat(jun.api().get("/api/files/" + fileId).status()).isEqualTo(404);
        ApiResponse entry = minji.api().post("/api/calendar", json(Map.of(
                "date", today.toString(), "title", "Han river", "content", "Picnic and ramyeon",
                "image_ids", List.of(fileId))));
        assertThat(entry.status()).as(entry.toString()).isEqualTo(201);
        String entryId = entry.json().get("id").asText();
        JsonNode calendar = awaitJson(jun, "/api/calendar?month=" + YearMonth.from(today),
                                      list -> ids(list).contains(entryId));
        JsonNode day = items(calendar).stream().filter(item -> item.get("id").asText().equals(entryId))
                                      .findFirst().orElseThrow();
        assertThat(day.get("content").asText()).isEqualTo("Picnic and ramyeon");
        assertThat(day.get("created_by").asText()).isEqualTo(minji.id());
        assertThat(day.path("images").get(0).get("url").asText()).isEqualTo("/api/files/" + fileId);
        assertThat(jun.api().get("/api/files/" + fileId).bytes()).isEqualTo(photo);
    }

    @Test
    void everyBadInputIsAClearRefusal() {
        User loner = user("Loner");
        String future = OffsetDateTime.now(SEOUL).plusDays(3).toString();
        Map<String, Object> plan = Map.of("title", "Dinner", "time", future);
        Map<String, Object> anniversary = Map.of("title", "First date", "date", "2025-05-05");
        Map<String, Object> entry = Map.of("date", today.toString(), "title", "A day");
        refused(loner.api().get("/api/couple/info"), 404, "not_in_couple");
        refused(loner.api().patch("/api/couple/info", json(Map.of("started_on", today.toString()))), 404,
                "not_in_couple");
        refused(loner.api().delete("/api/couple"), 404, "not_in_couple");
        refused(loner.api().get("/api/anniversary"), 404, "not_in_couple");
        refused(loner.api().get("/api/plan"), 404, "not_in_couple");
        refused(loner.api().get("/api/calendar?month=2026-11"), 404, "not_in_couple");
        refused(loner.api().post("/api/anniversary", json(anniversary)), 404, "not_in_couple");
        refused(loner.api().post("/api/plan", json(plan)), 404, "not_in_couple");
        refused(loner.api().post("/api/calendar", json(entry)), 404, "not_in_couple");

        refused(CoupleUsers.match(loner, "ABCD2345"), 404, "invite_not_found");
        refused(CoupleUsers.match(loner, " "), 400, "invalid_request");
        refused(loner.api().post("/api/couple/match", "{}"), 400, "invalid_request");
        refused(CoupleUsers.match(loner, CoupleUsers.invite(loner)), 400, "own_invite");
        User late = user("Late");
        IssuedInvite expired = commands.sendAndWait(new IssueCoupleInviteCommand(
                CoupleCommands.invitationId(late.id()), late.id(), Instant.now().minusSeconds(1)));
        // a spent or expired code answers like an unknown one (security review L7)
        refused(CoupleUsers.match(loner, expired.code()), 404, "invite_not_found");
        String replaced = CoupleUsers.invite(late);
        CoupleUsers.invite(late);
        refused(CoupleUsers.match(loner, replaced), 404, "invite_not_found");

        User a = user("A");
        User b = user("B");
        String code = CoupleUsers.invite(a);
        assertThat(CoupleUsers.match(b, code).status()).isEqualTo(200);
        refused(CoupleUsers.match(loner, code), 404, "invite_not_found");
        refused(CoupleUsers.match(b, CoupleUsers.invite(late)), 409, "already_in_couple");
        refused(a.api().post("/api/couple/invite", "{}"), 409, "already_in_couple");
        refused(a.api().patch("/api/couple/info", json(Map.of("started_on", today.plusDays(1).toString()))), 400,
                "invalid_start_date");

        String past = OffsetDateTime.now(SEOUL).minusMinutes(1).toString();
        refused(a.api().post("/api/plan", json(Map.of("title", "Dinner", "time", past))), 400, "plan_in_past");
        refused(a.api().post("/api/plan", json(Map.of("title", "Dinner", "time", "2030-01-01T10:00"))), 400,
                "invalid_request");
        refused(a.api().post("/api/plan", json(Map.of("title", " ", "time", future))), 400, "invalid_request");
        refused(a.api().post("/api/plan", json(Map.of("title", "x".repeat(101), "time", future))), 400,
                "invalid_request");
        refused(a.api().post("/api/plan", json(Map.of("title", "Dinner", "place", "p".repeat(201),
                                                      "time", future))), 400, "invalid_request");
        refused(a.api().post("/api/anniversary", json(Map.of("title", "", "date", "2025-05-05"))), 400,
                "invalid_request");
        refused(a.api().post("/api/anniversary", json(Map.of("title", "Day", "date", "2025-02-30"))), 400,
                "invalid_request");
        refused(a.api().post("/api/calendar", json(Map.of("date", today.toString(), "title", "Day",
                                                          "content", "c".repeat(2001)))), 400, "invalid_request");
        List<String> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(UUID.randomUUID().toString());
        }
        refused(a.api().post("/api/calendar", json(Map.of("date", today.toString(), "title", "Day",
                                                          "image_ids", eleven))), 400, "invalid_request");
        refused(a.api().post("/api/calendar", json(Map.of("date", today.toString(), "title", "Day",
                                                          "image_ids", List.of(UUID.randomUUID().toString())))),
                400, "invalid_image");
        String strangersPhoto = upload(loner, TestImages.png(10, 10), "image/png");
        refused(a.api().post("/api/calendar", json(Map.of("date", today.toString(), "title", "Day",
                                                          "image_ids", List.of(strangersPhoto)))),
                400, "invalid_image");
        String notAnImage = upload(a, "just words".getBytes(StandardCharsets.UTF_8), "text/plain");
        refused(a.api().post("/api/calendar", json(Map.of("date", today.toString(), "title", "Day",
                                                          "image_ids", List.of(notAnImage)))),
                400, "invalid_image");

        awaitInfo(a, info -> true);
        refused(a.api().get("/api/calendar?month=2026-13"), 400, "invalid_month");
        refused(a.api().get("/api/calendar?month=202611"), 400, "invalid_month");
        assertThat(a.api().get("/api/calendar").status()).isEqualTo(400);
        refused(a.api().get("/api/plan?cursor=garbage"), 400, "invalid_cursor");
        refused(a.api().get("/api/anniversary?cursor=garbage"), 400, "invalid_cursor");
        refused(a.api().get("/api/plan?page=0&cursor=x"), 400, "invalid_paging");
        refused(a.api().get("/api/plan?size=101"), 400, "invalid_paging");

        refused(a.api().patch("/api/anniversary/" + UUID.randomUUID(), json(Map.of("title", "x"))), 404,
                "anniversary_not_found");
        refused(a.api().patch("/api/anniversary/not-an-id", json(Map.of("title", "x"))), 404,
                "anniversary_not_found");
        refused(a.api().delete("/api/plan/" + UUID.randomUUID()), 404, "plan_not_found");
        refused(a.api().delete("/api/calendar/" + UUID.randomUUID()), 404, "calendar_entry_not_found");
        ApiResponse planned = a.api().post("/api/plan", json(plan));
        assertThat(planned.status()).as(planned.toString()).isEqualTo(201);
        String planId = planned.json().get("id").asText();
        // an id of another kind is as unknown as any
        refused(a.api().delete("/api/anniversary/" + planId), 404, "anniversary_not_found");
        refused(a.api().delete("/api/calendar/" + planId), 404, "calendar_entry_not_found");
        refused(a.api().patch("/api/plan/" + planId, "{}"), 400, "invalid_request");
        refused(a.api().patch("/api/plan/" + planId, json(Map.of("time", past))), 400, "plan_in_past");
        refused(a.api().patch("/api/plan/" + planId, json(Map.of("title", ""))), 400, "invalid_request");
    }

    @Test
    void aCoupleSeesOnlyItsOwnAndAfterDisconnectingNeitherSeesWhatTheyKept() {
        User a = user("A");
        User b = user("B");
        User c = user("C");
        User d = user("D");
        String firstCouple = CoupleUsers.link(a, b);
        CoupleUsers.link(c, d);

        String photo = upload(b, TestImages.png(20, 20), "image/png");
        String anniversaryId = created(a.api().post("/api/anniversary", json(Map.of(
                "title", "First date", "date", "2025-05-05", "yearly", true))));
        String planId = created(a.api().post("/api/plan", json(Map.of(
                "title", "Concert", "time", OffsetDateTime.now(SEOUL).plusDays(2).toString()))));
        String entryId = created(a.api().post("/api/calendar", json(Map.of(
                "date", today.toString(), "title", "Concert day", "image_ids", List.of(photo)))));
        String month = "/api/calendar?month=" + YearMonth.from(today);
        awaitJson(b, "/api/anniversary", list -> ids(list).contains(anniversaryId));
        awaitJson(b, "/api/plan", list -> ids(list).contains(planId));
        awaitJson(b, month, list -> ids(list).contains(entryId));
        assertThat(a.api().get("/api/files/" + photo).status()).isEqualTo(200);

        // the other couple: nothing of it shows, and its ids are unknown
        awaitInfo(c, info -> true);
        assertThat(ids(c.api().get("/api/anniversary").json())).doesNotContain(anniversaryId);
        assertThat(ids(c.api().get("/api/plan").json())).isEmpty();
        assertThat(ids(c.api().get(month).json())).isEmpty();
        refused(c.api().patch("/api/anniversary/" + anniversaryId, json(Map.of("title", "Mine"))), 404,
                "anniversary_not_found");
        refused(c.api().delete("/api/anniversary/" + anniversaryId), 404, "anniversary_not_found");
        refused(c.api().patch("/api/plan/" + planId, json(Map.of("title", "Mine"))), 404, "plan_not_found");
        refused(c.api().delete("/api/plan/" + planId), 404, "plan_not_found");
        refused(c.api().patch("/api/calendar/" + entryId, json(Map.of("title", "Mine"))), 404,
                "calendar_entry_not_found");
        refused(c.api().delete("/api/calendar/" + entryId), 404, "calendar_entry_not_found");
        assertThat(c.api().get("/api/files/" + photo).status()).isEqualTo(404);
        assertThat(d.api().get("/api/files/" + photo).status()).isEqualTo(404);

        // the first couple ends: what they kept is hidden from both, the photo goes back to its owner alone
        assertThat(a.api().delete("/api/couple").status()).isEqualTo(204);
        refused(b.api().get("/api/couple/info"), 404, "not_in_couple");
        refused(a.api().get("/api/couple/info"), 404, "not_in_couple");
        refused(b.api().get("/api/anniversary"), 404, "not_in_couple");
        refused(a.api().patch("/api/plan/" + planId, json(Map.of("title", "Still?"))), 404, "not_in_couple");
        assertThat(a.api().get("/api/files/" + photo).status()).isEqualTo(404);
        assertThat(b.api().get("/api/files/" + photo).status()).isEqualTo(200);

        // linking again makes a new couple that starts from nothing
        String secondCouple = CoupleUsers.link(b, a);
        assertThat(secondCouple).isNotEqualTo(firstCouple);
        JsonNode again = awaitInfo(a, info -> info.get("couple_id").asText().equals(secondCouple));
        assertThat(again.get("d_day").asLong()).isEqualTo(1);
        assertThat(ids(a.api().get("/api/anniversary").json())).isEmpty();
        assertThat(ids(a.api().get("/api/plan").json())).isEmpty();
        assertThat(ids(a.api().get(month).json())).isEmpty();
        assertThat(a.api().get("/api/files/" + photo).status()).isEqualTo(404);
    }

    private long reminders(String planId) {
        return events.readEvents(planId).asStream()
                     .filter(event -> event.getPayload() instanceof PlanReminderDueEvent)
                     .count();
    }

    private JsonNode awaitInfo(User user, Predicate<JsonNode> condition) {
        return awaitJson(user, "/api/couple/info", condition);
    }

    /** Waits until the read side answers the path with 200 and what the condition expects. */
    private static JsonNode awaitJson(User user, String path, Predicate<JsonNode> condition) {
        JsonNode[] answer = new JsonNode[1];
        await().atMost(PROJECTED).until(() -> {
            ApiResponse response = user.api().get(path);
            if (response.status() != 200 || !condition.test(response.json())) {
                return false;
            }
            answer[0] = response.json();
            return true;
        });
        return answer[0];
    }

    private static String upload(User user, byte[] content, String type) {
        ApiResponse uploaded = user.api().upload("/api/files", "file", "file", type, content);
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        return uploaded.json().get("file_id").asText();
    }

    private static String created(ApiResponse response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("id").asText();
    }

    private static List<JsonNode> items(JsonNode page) {
        JsonNode items = page.get("items");
        return items == null ? Collections.emptyList()
                : StreamSupport.stream(items.spliterator(), false).toList();
    }

    /** The ids in a list answer; milestones have none. */
    private static List<String> ids(JsonNode page) {
        return items(page).stream().filter(item -> item.has("id")).map(item -> item.get("id").asText()).toList();
    }

    private static void refused(ApiResponse response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asText()).as(response.toString()).isEqualTo(code);
    }
}
