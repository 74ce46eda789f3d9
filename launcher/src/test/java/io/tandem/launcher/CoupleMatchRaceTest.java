package io.tandem.launcher;

import io.tandem.api.couple.CoupleEvents.CoupleLinkedEvent;
import io.tandem.launcher.CoupleUsers.User;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.ApiClient.ApiResponse;
import io.tandem.testsupport.TandemTestServers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many matches at the same moment: partners redeeming each other's codes, eight people redeeming one code, and a
 * ring of three. Each group yields exactly one couple, nobody ends up in two, and the events, the membership table
 * and what the partners read all agree.
 */
// the test servers replace the embedded ones, which must not start on their own beforehand
@SpringBootTest(classes = TandemApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "tandem.embedded.enabled=false")
@ActiveProfiles({"command", "query", "saga", "embedded", TandemTestServers.PROFILE})
@ContextConfiguration(initializers = AllInOneTestServers.class)
class CoupleMatchRaceTest {

    private static final int PAIRS = 10;
    private static final int SUITORS = 8;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private record Attempt(String group, User user, String code) {
    }

    private record Outcome(Attempt attempt, ApiResponse response) {
    }

    @Test
    void concurrentMatchesNeverPutAUserInTwoCouples() throws Exception {
        ApiClient anonymous = new ApiClient("http://127.0.0.1:" + port);
        List<Attempt> attempts = new ArrayList<>();
        List<User> racers = new ArrayList<>();
        for (int i = 0; i < PAIRS; i++) {
            User one = CoupleUsers.signUp(anonymous, "One " + i);
            User other = CoupleUsers.signUp(anonymous, "Other " + i);
            racers.addAll(List.of(one, other));
            String oneCode = CoupleUsers.invite(one);
            String otherCode = CoupleUsers.invite(other);
            attempts.add(new Attempt("pair " + i, one, otherCode));
            attempts.add(new Attempt("pair " + i, other, oneCode));
        }
        User popular = CoupleUsers.signUp(anonymous, "Popular");
        racers.add(popular);
        String popularCode = CoupleUsers.invite(popular);
        for (int i = 0; i < SUITORS; i++) {
            User suitor = CoupleUsers.signUp(anonymous, "Suitor " + i);
            racers.add(suitor);
            attempts.add(new Attempt("popular", suitor, popularCode));
        }
        List<User> ring = List.of(CoupleUsers.signUp(anonymous, "X"), CoupleUsers.signUp(anonymous, "Y"),
                                  CoupleUsers.signUp(anonymous, "Z"));
        racers.addAll(ring);
        List<String> ringCodes = ring.stream().map(CoupleUsers::invite).toList();
        for (int i = 0; i < ring.size(); i++) {
            attempts.add(new Attempt("ring", ring.get(i), ringCodes.get((i + 1) % ring.size())));
        }
        Collections.shuffle(attempts);

        List<Outcome> outcomes = race(attempts);

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.response().status())
                .as(outcome.response().toString()).isIn(200, 400, 404, 409));
        Map<String, List<Outcome>> matchedByGroup = new HashMap<>();
        for (Outcome outcome : outcomes) {
            if (outcome.response().status() == 200) {
                matchedByGroup.computeIfAbsent(outcome.attempt().group(), group -> new ArrayList<>()).add(outcome);
            }
        }
        assertThat(matchedByGroup).hasSize(PAIRS + 2);
        assertThat(matchedByGroup.values()).allSatisfy(matched -> assertThat(matched).hasSize(1));

        Set<String> racerIds = new HashSet<>(racers.stream().map(User::id).toList());
        List<CoupleLinkedEvent> linked = linkedCouplesOf(racerIds);
        assertThat(linked).hasSize(PAIRS + 2);
        List<String> partners = linked.stream()
                                      .flatMap(couple -> List.of(couple.inviterId(), couple.inviteeId()).stream())
                                      .toList();
        assertThat(partners).doesNotHaveDuplicates();
        for (CoupleLinkedEvent couple : linked) {
            assertThat(jdbc.sql("SELECT user_id FROM couple_membership WHERE couple_id = :coupleId")
                           .param("coupleId", couple.coupleId())
                           .query(String.class)
                           .list())
                    .containsExactlyInAnyOrder(couple.inviterId(), couple.inviteeId());
        }
        for (Outcome matched : matchedByGroup.values().stream().map(list -> list.get(0)).toList()) {
            String coupleId = matched.response().json().get("couple_id").asText();
            String partnerId = matched.response().json().get("partner_id").asText();
            assertThat(linked).anySatisfy(couple -> {
                assertThat(couple.coupleId()).isEqualTo(coupleId);
                assertThat(couple.inviterId()).isEqualTo(partnerId);
                assertThat(couple.inviteeId()).isEqualTo(matched.attempt().user().id());
            });
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                ApiResponse info = matched.attempt().user().api().get("/api/couple/info");
                assertThat(info.status()).isEqualTo(200);
                assertThat(info.json().path("partner").path("user_id").asText()).isEqualTo(partnerId);
            });
        }
    }

    /** Starts every attempt at once, each on its own thread, and collects what each one got. */
    private static List<Outcome> race(List<Attempt> attempts) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(attempts.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Attempt attempt : attempts) {
                Callable<Outcome> match = () -> {
                    start.await();
                    return new Outcome(attempt, CoupleUsers.match(attempt.user(), attempt.code()));
                };
                futures.add(pool.submit(match));
            }
            start.countDown();
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> future : futures) {
                outcomes.add(future.get());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every couple the event store says was linked with one of these users in it. */
    private List<CoupleLinkedEvent> linkedCouplesOf(Set<String> userIds) {
        return jdbc.sql("""
                        SELECT p ->> 'coupleId' AS couple_id, p ->> 'inviterId' AS inviter_id,
                               p ->> 'inviteeId' AS invitee_id
                        FROM (SELECT convert_from(payload, 'UTF8')::jsonb AS p FROM domainevententry
                              WHERE payloadtype = :type) linked
                        """)
                   .param("type", CoupleLinkedEvent.class.getName())
                   .query((rs, row) -> new CoupleLinkedEvent(rs.getString("couple_id"), rs.getString("inviter_id"),
                                                             rs.getString("invitee_id"), null))
                   .list()
                   .stream()
                   .filter(couple -> userIds.contains(couple.inviterId()) || userIds.contains(couple.inviteeId()))
                   .toList();
    }
}
