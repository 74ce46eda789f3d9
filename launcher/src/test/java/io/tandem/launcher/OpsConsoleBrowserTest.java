package io.tandem.launcher;

import io.tandem.launcher.OperationsAccounts.Account;
import io.tandem.operations.browser.HeadlessChromium;
import io.tandem.operations.browser.OpsConsole;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.TandemTestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ops console in a real browser (headless Chromium): an operator signs in, sees the live board list the bookings
 * processor with its lag, pauses it and resumes it; an administrator plans a replay, confirms it by typing the
 * processor's name, watches it end and finds it in the operator log; an auditor sees the board without the buttons.
 * An operator finds a poison event in the dead letters, retries it in vain, then once fixed; an administrator runs a
 * verify-only rebuild that finds a row edited by hand. The console links to the Axon Server dashboard when one is set.
 * Run with {@code -Dtandem.ops.screenshots=<repo>/docs/ops} to refresh the README's screenshots.
 */
@SpringBootTest(classes = TandemApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "tandem.embedded.enabled=false")
@ActiveProfiles({"command", "query", "saga", "embedded", TandemTestServers.PROFILE})
@ContextConfiguration(initializers = AllInOneTestServers.class)
class OpsConsoleBrowserTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private ApiClient anonymous;
    private HeadlessChromium browser;
    private OpsConsole console;

    @BeforeEach
    void openBrowser() {
        anonymous = new ApiClient("http://127.0.0.1:" + port);
        browser = new HeadlessChromium();
        console = new OpsConsole(browser, anonymous.baseUrl());
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void anOperatorSeesTheLiveBoardAndPausesAndResumesAProcessor() {
        Account operator = OperationsAccounts.withRole(anonymous, "OPERATOR");
        browser.open(anonymous.baseUrl() + "/ops/");
        browser.visible(By.id("sign-in-form"));
        browser.screenshot("sign-in");

        console.signIn(operator.email(), OperationsAccounts.PASSWORD).screen("processors");
        assertThat(console.processorField("bookings", "lag-events")).matches("\\d[\\d,]*");
        assertThat(console.processorField("bookings", "lag-seconds")).matches("[\\d.,]+ (s|min|h)");
        assertThat(console.processorField("bookings", "dead-letters")).matches("\\d[\\d,]*");
        assertThat(browser.driver().findElement(By.id("board-state")).getText()).isEqualTo("live");
        browser.screenshot("processors");

        console.act("bookings", "pause", "browser test: hold bookings");
        console.awaitStatus("bookings", "paused");
        assertThat(console.processorField("bookings", "status")).contains("browser test: hold bookings");
        // the node applied it: no instance runs, and every segment's claim is released
        browser.until(d -> !console.processorField("bookings", "status").contains("still running")
                           && console.processorField("bookings", "segments").matches("(\\d+) on 0 nodes, \\1 unclaimed"));
        console.showSegments("bookings");
        browser.screenshot("processors-paused");

        console.act("bookings", "resume", "browser test: done");
        console.awaitStatus("bookings", "running");
        assertThat(console.offers("bookings", "pause")).isTrue();
    }

    @Test
    void anAdministratorPlansAReplayConfirmsItByNameWatchesItEndAndFindsItInTheOperatorLog() {
        console.signIn(OperationsAccounts.ADMIN_EMAIL, OperationsAccounts.ADMIN_PASSWORD).screen("replays");
        console.dryRunReplay("notification-triggers", "tail");
        assertThat(browser.driver().findElement(By.id("plan-side-effects")).getText())
                .contains("BookingNotifications: sends notifications");
        console.confirmReplay("browser test", "notification-triggers");
        assertThat(console.replayStartable()).as("side effects need force").isFalse();

        console.dryRunReplay("airports", "tail");
        assertThat(console.planFact("events-in-range")).matches("\\d[\\d,]*");
        assertThat(console.planFact("handled-events")).matches("[1-9][\\d,]*");
        browser.screenshot("replay-plan");
        console.confirmReplay("browser test: rebuild airports", "airport");
        assertThat(console.replayStartable()).as("a mistyped name does not start").isFalse();
        console.confirmReplay("", "airports");
        assertThat(console.replayStartable()).isTrue();
        assertThat(console.startReplayAndAwait("DONE")).isEqualTo("100 %");
        assertThat(browser.driver().findElements(By.cssSelector("#progress-steps li.taken"))).hasSize(7);
        browser.screenshot("replay-progress");

        console.screen("operator-log");
        assertThat(console.logReason("replay", "airports", "SUCCEEDED", "browser test: rebuild airports"))
                .contains("from=tail");
        browser.screenshot("operator-log");
    }

    @Test
    void anAuditorSeesTheBoardButNoActionsAndAUserCannotSignIn() {
        Account auditor = OperationsAccounts.withRole(anonymous, "AUDITOR");
        console.signIn(auditor.email(), OperationsAccounts.PASSWORD);
        console.processorRow("bookings");
        assertThat(console.offers("bookings", "pause")).isFalse();
        assertThat(browser.driver().findElements(By.cssSelector("#nav .unavailable"))).as("every screen is built")
                                                                                    .isEmpty();
        assertThat(browser.visible(By.id("axon-server-dashboard")).getAttribute("href"))
                .isEqualTo(AllInOneTestServers.AXON_SERVER_DASHBOARD_URL);

        browser.driver().findElement(By.id("sign-out")).click();
        Account user = OperationsAccounts.withRole(anonymous, null);
        browser.visible(By.id("sign-in-email")).sendKeys(user.email());
        browser.driver().findElement(By.id("sign-in-password")).sendKeys(OperationsAccounts.PASSWORD);
        browser.driver().findElement(By.id("sign-in-submit")).click();
        assertThat(browser.visible(By.id("sign-in-error")).getText()).contains("no operations role");
    }

    @Test
    void anOperatorFindsAPoisonEventInTheDeadLettersAndRetriesItFromThePageOnceFixed() {
        ApiClient admin = OperationsAccounts.admin(anonymous);
        Account operator = OperationsAccounts.withRole(anonymous, "OPERATOR");
        String number;
        try (RefusedFlight refused = RefusedFlight.refuse(jdbc)) {
            number = TravellerBookings.paid(anonymous, admin, 1, refused.flightNumber()).numbers().get(0);
            await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(admin.get(
                    "/api/admin/dead-letters?processor=bookings&aggregate_id=" + number).json().path("items").path(0)
                                                                               .path("letters").asInt()).isEqualTo(3));
            String fingerprint = admin.get("/api/admin/dead-letters?processor=bookings&aggregate_id=" + number).json()
                                      .get("items").get(0).get("fingerprint").asText();

            console.signIn(operator.email(), OperationsAccounts.PASSWORD).screen("dead-letters");
            console.findDeadLetters("bookings", number);
            assertThat(console.deadLetterField(number, "event-type")).contains("BookingPlacedEvent", "3 letters");
            assertThat(console.deadLetterField(number, "cause")).contains("DataIntegrityViolation",
                                                                          refused.constraint());
            WebElement group = browser.visible(By.cssSelector("#dl-groups tr[data-fingerprint='" + fingerprint + "']"));
            assertThat(group.findElement(By.cssSelector("td[data-field='sequences']")).getText()).isEqualTo("1");
            browser.screenshot("dead-letters");

            WebElement letters = console.openDeadLetter(number);
            assertThat(letters.findElements(By.cssSelector("tbody td[data-field='event-type']")))
                    .extracting(WebElement::getText)
                    .satisfiesExactly(first -> assertThat(first).startsWith("BookingPlacedEvent"),
                                      second -> assertThat(second).startsWith("PaymentRecordedEvent"),
                                      third -> assertThat(third).startsWith("BookingConfirmedEvent"));
            assertThat(letters.findElement(By.cssSelector("pre.json")).getText()).contains(refused.flightNumber());
            assertThat(browser.driver().findElement(By.id("dl-detail-cause")).getText())
                    .contains(refused.constraint());
            assertThat(console.offersOnSequence("dl-retry")).isTrue();
            assertThat(console.offersOnSequence("dl-evict")).as("evicting is for administrators").isFalse();
            browser.screenshot("dead-letter-sequence");

            assertThat(console.bulkDeadLetters("retry")).startsWith("1 of 1 matching sequence of bookings");
            console.fillReasonDialog("browser test: bulk", "booking");
            assertThat(console.reasonConfirmable()).as("a mistyped processor name does not confirm").isFalse();
            console.fillReasonDialog("", "bookings");
            assertThat(console.reasonConfirmable()).isTrue();
            console.cancelReasonDialog();

            assertThat(console.retryDeadLetter("browser test: still broken?", () -> { }))
                    .as("retried before the fix").startsWith("failed: ").contains(refused.constraint());
            assertThat(browser.visible(By.id("dl-detail-retries")).getText()).isNotEqualTo("0");
            // the failed retry put the next automatic one off, so this retry is the page's
            assertThat(console.retryDeadLetter("browser test: constraint fixed", refused::accept))
                    .startsWith("succeeded: ");
            browser.until(d -> d.findElements(By.cssSelector("#dead-letter-rows tr[data-sequence='" + number + "']"))
                                .isEmpty());
            assertThat(admin.get("/api/admin/bookings/" + number).json().path("status").asText())
                    .isEqualTo("CONFIRMED");
        }

        console.screen("operator-log");
        assertThat(console.logReason("retry", "bookings", "SUCCEEDED", "browser test: constraint fixed"))
                .contains("sequence=" + number);
    }

    @Test
    void anAdministratorRunsAVerifyOnlyRebuildThatFindsARowEditedByHand() {
        String code = jdbc.sql("SELECT code FROM airport ORDER BY code LIMIT 1").query(String.class).single();
        String name = jdbc.sql("SELECT name_en FROM airport WHERE code = ?").param(code).query(String.class).single();
        jdbc.sql("UPDATE airport SET name_en = ? WHERE code = ?").params(name + " (edited)", code).update();
        try {
            console.signIn(OperationsAccounts.ADMIN_EMAIL, OperationsAccounts.ADMIN_PASSWORD).screen("rebuilds");
            console.startRebuild("airports", "verify", "browser test: audit airports");
            console.awaitRebuildState("DONE");
            assertThat(browser.visible(By.id("rebuild-verdict")).getText()).isEqualTo("1 row differs (airport: 1)");
            WebElement airports = console.reportRow("airport");
            assertThat(airports.findElement(By.cssSelector("td[data-field='live-rows']")).getText())
                    .isEqualTo(airports.findElement(By.cssSelector("td[data-field='rebuilt-rows']")).getText())
                    .matches("[1-9][\\d,]*");
            assertThat(airports.findElement(By.cssSelector("td[data-field='examples']")).getText())
                    .isEqualTo("code=" + code + " changed (name_en)");
            assertThat(browser.driver().findElements(By.cssSelector("#rebuild-steps li.taken"))).hasSize(7);
            assertThat(browser.driver().findElements(By.cssSelector("#rebuild-actions"))).as("nothing to switch")
                                                                                        .isEmpty();
            browser.screenshot("rebuilds");
        } finally {
            jdbc.sql("UPDATE airport SET name_en = ? WHERE code = ?").params(name, code).update();
        }
    }
}
