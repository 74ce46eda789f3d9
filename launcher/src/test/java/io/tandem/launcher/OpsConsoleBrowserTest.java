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
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ops console in a real browser (headless Chromium): an operator signs in, sees the live board list the bookings
 * processor with its lag, pauses it and resumes it; an administrator plans a replay, confirms it by typing the
 * processor's name, watches it end and finds it in the operator log; an auditor sees the board without the buttons.
 * Run with {@code -Dtandem.ops.screenshots=<repo>/docs/ops} to refresh the README's screenshots.
 */
@SpringBootTest(classes = TandemApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "tandem.embedded.enabled=false")
@ActiveProfiles({"command", "query", "saga", "embedded", TandemTestServers.PROFILE})
@ContextConfiguration(initializers = AllInOneTestServers.class)
class OpsConsoleBrowserTest {

    @LocalServerPort
    int port;

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
        WebElement logged = console.logRow("replay", "airports", "SUCCEEDED");
        assertThat(logged.findElement(By.cssSelector("td[data-field='reason']")).getText())
                .contains("browser test: rebuild airports", "from=tail");
        browser.screenshot("operator-log");
    }

    @Test
    void anAuditorSeesTheBoardButNoActionsAndAUserCannotSignIn() {
        Account auditor = OperationsAccounts.withRole(anonymous, "AUDITOR");
        console.signIn(auditor.email(), OperationsAccounts.PASSWORD);
        console.processorRow("bookings");
        assertThat(console.offers("bookings", "pause")).isFalse();
        assertThat(browser.driver().findElements(By.cssSelector("#nav .unavailable"))).isNotEmpty();

        browser.driver().findElement(By.id("sign-out")).click();
        Account user = OperationsAccounts.withRole(anonymous, null);
        browser.visible(By.id("sign-in-email")).sendKeys(user.email());
        browser.driver().findElement(By.id("sign-in-password")).sendKeys(OperationsAccounts.PASSWORD);
        browser.driver().findElement(By.id("sign-in-submit")).click();
        assertThat(browser.visible(By.id("sign-in-error")).getText()).contains("no operations role");
    }
}
