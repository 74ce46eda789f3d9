package io.tandem.launcher;

import io.tandem.launcher.AuditedBookings.Placed;
import io.tandem.launcher.OperationsAccounts.Account;
import io.tandem.operations.browser.AuditConsole;
import io.tandem.operations.browser.HeadlessChromium;
import io.tandem.operations.browser.OpsConsole;
import io.tandem.testsupport.ApiClient;
import io.tandem.testsupport.TandemTestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit screens in a real browser (headless Chromium): an auditor reads a paid booking's history masked, its
 * state at a version with what the event changed, the blame of its status, its trace, finds it by search and sees a
 * new booking arrive on the live tail, and verifies the chain; an administrator moves a pending deadline with a
 * reason.
 * Run with {@code -Dtandem.ops.screenshots=<repo>/docs/ops} to refresh the README's screenshots.
 */
@SpringBootTest(classes = TandemApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "tandem.embedded.enabled=false")
@ActiveProfiles({"command", "query", "saga", "embedded", TandemTestServers.PROFILE})
@ContextConfiguration(initializers = AllInOneTestServers.class)
class AuditConsoleBrowserTest {

    @LocalServerPort
    int port;

    private ApiClient anonymous;
    private HeadlessChromium browser;
    private OpsConsole console;
    private AuditConsole audit;

    @BeforeEach
    void openBrowser() {
        anonymous = new ApiClient("http://127.0.0.1:" + port);
        browser = new HeadlessChromium();
        console = new OpsConsole(browser, anonymous.baseUrl());
        audit = new AuditConsole(browser);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void anAuditorFollowsABookingFromItsHistoryToItsTraceFindsItLiveAndVerifiesTheChain() {
        AuditedBookings bookings = new AuditedBookings(anonymous);
        Placed placed = bookings.place("4A", "Han Sohee");
        bookings.payAndAwaitConfirmation(placed.bookingNumber());
        Account auditor = OperationsAccounts.withRole(anonymous, "AUDITOR");
        console.signIn(auditor.email(), OperationsAccounts.PASSWORD).screen("audit");

        audit.tab("history").submit("history-form", "id", placed.bookingNumber());
        assertThat(audit.column("#history-events tbody", "type"))
                .containsExactly("BookingPlacedEvent", "PaymentRecordedEvent", "BookingConfirmedEvent");
        assertThat(audit.column("#history-events tbody", "who"))
                .allSatisfy(who -> assertThat(who).contains(bookings.travellerId()).contains("[masked]"));
        audit.click("#history-events tr[data-sequence='1']");
        assertThat(audit.textOf("#history-state", "status")).contains("\"status\": \"PENDING_PAYMENT\"");
        assertThat(audit.textOf("#history-diff", "receiptId")).contains("receiptId");
        browser.screenshot("audit-history");
        audit.submit("blame-form", "field", "status");
        assertThat(audit.textOf("#blame-result [data-field='cause']", "because"))
                .contains("ConfirmBookingCommand sent on PaymentRecordedEvent");

        audit.click("#history-events tr[data-sequence='0'] button[data-trace]");
        assertThat(audit.textOf("#trace-summary", "Aggregates")).contains("Booking", "FlightSchedule")
                                                                .contains("BookingPaymentSaga");
        assertThat(audit.present("#trace-result li[data-kind='saga'][data-name='BookingPaymentSaga']")).isTrue();
        browser.screenshot("audit-trace");

        audit.tab("search").submit("search-form", "type", "BookingPlacedEvent", "aggregate_id",
                                   placed.bookingNumber());
        assertThat(audit.column("#search-rows", "type")).containsExactly("BookingPlacedEvent");
        audit.submit("search-form", "aggregate_id", "");
        audit.click("#tail-toggle");
        audit.textOf("#tail-state", "live");
        Placed later = bookings.place("5B", "Jung Haein");
        assertThat(audit.textOf("#search-rows tr.fresh", later.bookingNumber())).contains("BookingPlacedEvent");
        browser.screenshot("audit-search");

        audit.tab("verify");
        audit.click("#verify-all");
        assertThat(browser.visible(By.cssSelector("#verify-verdict")).getAttribute("data-ok")).isEqualTo("true");
        browser.screenshot("audit-verify");
    }

    @Test
    void anAdministratorMovesAPendingDeadlineWithAReason() {
        AuditedBookings bookings = new AuditedBookings(anonymous);
        console.signIn(OperationsAccounts.ADMIN_EMAIL, OperationsAccounts.ADMIN_PASSWORD).screen("audit");
        audit.tab("sagas");
        // the tests' payment deadline is 15 s: the booking is placed once the screen is ready
        Placed unpaid = bookings.place("5C", "Seo Kangjoon");
        audit.submit("sagas-form", "value", unpaid.bookingNumber());
        audit.textOf("#sagas-result tr[data-deadline]", "payment-deadline");
        browser.screenshot("audit-sagas");
        WebElement when = browser.visible(By.cssSelector("#sagas-result input[data-reschedule-at]"));
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = '2099-01-01T09:00'", when);
        audit.click("#sagas-result button[data-action='reschedule']");
        browser.visible(By.id("reason-input")).sendKeys("browser test: the traveller pays at the desk");
        browser.driver().findElement(By.id("reason-confirm")).click();
        assertThat(audit.textOf("#sagas-result tr[data-deadline]", "2099")).contains("payment-deadline");
    }
}
