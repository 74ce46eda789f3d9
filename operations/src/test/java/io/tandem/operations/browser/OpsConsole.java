package io.tandem.operations.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;

/**
 * The ops console page ({@code /ops/}) as a person uses it: sign in, pick a screen, read the processor board and
 * act on a processor, plan and start a replay, read the operator log, explore and retry dead letters, run and read
 * rebuilds. Screens added later get their own methods here.
 */
public final class OpsConsole {

    private final HeadlessChromium browser;
    private final String baseUrl;

    public OpsConsole(HeadlessChromium browser, String baseUrl) {
        this.browser = browser;
        this.baseUrl = baseUrl;
    }

    public HeadlessChromium browser() {
        return browser;
    }

    /** Opens the page (no token needed) and signs in; returns once the console shows its navigation. */
    public OpsConsole signIn(String email, String password) {
        browser.open(baseUrl + "/ops/");
        browser.visible(By.id("sign-in-email")).sendKeys(email);
        browser.driver().findElement(By.id("sign-in-password")).sendKeys(password);
        browser.driver().findElement(By.id("sign-in-submit")).click();
        browser.visible(By.id("nav"));
        return this;
    }

    /** Shows the screen with this id (as listed in {@code js/screens.js}). */
    public OpsConsole screen(String id) {
        browser.visible(By.cssSelector("#nav a[data-screen='" + id + "']")).click();
        browser.visible(By.cssSelector("#nav a.active[data-screen='" + id + "']"));
        return this;
    }

    /** The board's row of this processor, once the live board has shown it. */
    public WebElement processorRow(String processor) {
        return browser.visible(By.cssSelector(row(processor)));
    }

    /** A cell of a processor's row: status, lag-events, lag-seconds, events-per-second, dead-letters, segments. */
    public String processorField(String processor, String field) {
        return browser.until(d -> d.findElement(By.cssSelector(row(processor) + " td[data-field='" + field + "']"))
                                   .getText());
    }

    /** Waits until the live board shows the processor in this status (running, paused, ...). */
    public void awaitStatus(String processor, String status) {
        browser.until(d -> d.findElements(By.cssSelector(
                "#board-rows tr[data-processor='" + processor + "'][data-status='" + status + "']")).size() == 1);
    }

    /** Opens the processor's segment table (the board keeps it open while it redraws). */
    public void showSegments(String processor) {
        browser.until(d -> {
            d.findElement(By.cssSelector(row(processor) + " button.name")).click();
            return true;
        });
        browser.visible(By.cssSelector("tr[data-segments-of='" + processor + "']"));
    }

    /** Clicks the processor's pause or resume button and confirms with the reason. */
    public void act(String processor, String action, String reason) {
        browser.until(d -> {
            d.findElement(By.cssSelector(row(processor) + " button[data-action='" + action + "']")).click();
            return true;
        });
        browser.visible(By.id("reason-input")).sendKeys(reason);
        browser.driver().findElement(By.id("reason-confirm")).click();
    }

    /** Whether the processor's row offers this action to the signed-in account. */
    public boolean offers(String processor, String action) {
        processorRow(processor);
        return !browser.driver().findElements(By.cssSelector(row(processor) + " button[data-action='" + action
                                                              + "']")).isEmpty();
    }

    /** On the Replays screen: picks the processor and the start, asks for the dry run and waits for the plan. */
    public OpsConsole dryRunReplay(String processor, String from) {
        browser.until(d -> d.findElements(By.cssSelector("#replay-processor option[value='" + processor + "']"))
                            .size() == 1);
        new Select(browser.driver().findElement(By.id("replay-processor"))).selectByValue(processor);
        new Select(browser.driver().findElement(By.id("replay-from"))).selectByValue(from);
        browser.driver().findElement(By.id("replay-dry-run")).click();
        browser.visible(By.id("replay-plan"));
        return this;
    }

    /** A fact of the shown plan: events-in-range, handled-events, estimate, dead-letters. */
    public String planFact(String fact) {
        return browser.visible(By.id("plan-" + fact)).getText();
    }

    /** Whether the plan's start button is enabled. */
    public boolean replayStartable() {
        return browser.driver().findElement(By.id("replay-start")).isEnabled();
    }

    /** Fills in the reason and the typed confirmation, without starting. */
    public OpsConsole confirmReplay(String reason, String typedName) {
        browser.visible(By.id("replay-reason")).sendKeys(reason);
        WebElement typed = browser.driver().findElement(By.id("replay-confirm-name"));
        typed.clear();
        typed.sendKeys(typedName);
        return this;
    }

    /** Starts the confirmed replay and waits until its progress shows the state (DONE, FAILED, ...). */
    public String startReplayAndAwait(String state) {
        browser.driver().findElement(By.id("replay-start")).click();
        browser.until(d -> d.findElements(By.cssSelector("#replay-progress[data-state='" + state + "']")).size() == 1);
        return browser.driver().findElement(By.id("progress-percent")).getText();
    }

    /**
     * The reason cell (reason and parameters) of the operator log's newest row of this action on this target with
     * this outcome whose reason holds the given text, once the log shows it. Read while waiting, since each Apply
     * redraws the rows, and matched by reason so an earlier action on the same target is not taken for it.
     */
    public String logReason(String action, String target, String outcome, String reasonHolds) {
        return browser.until(d -> {
            d.findElement(By.id("log-apply")).click();
            return d.findElements(By.cssSelector("#log-rows tr[data-outcome='" + outcome + "']")).stream()
                    .filter(row -> row.findElement(By.cssSelector("td[data-field='action']")).getText().equals(action)
                                   && row.findElement(By.cssSelector("td[data-field='target']")).getText()
                                         .equals(target))
                    .map(row -> row.findElement(By.cssSelector("td[data-field='reason']")).getText())
                    .filter(reason -> reason.contains(reasonHolds))
                    .findFirst().orElse(null);
        });
    }

    /**
     * On the Dead letters screen: filters by processor and aggregate and answers the parked sequence's row (the
     * sequence of an aggregate's events is its id).
     */
    public WebElement findDeadLetters(String processor, String aggregateId) {
        browser.until(d -> d.findElements(By.cssSelector("#dl-processor option[value='" + processor + "']"))
                            .size() == 1);
        new Select(browser.driver().findElement(By.id("dl-processor"))).selectByValue(processor);
        WebElement aggregate = browser.driver().findElement(By.id("dl-aggregate-id"));
        aggregate.clear();
        aggregate.sendKeys(aggregateId);
        browser.driver().findElement(By.id("dl-apply")).click();
        return browser.visible(By.cssSelector(deadLetter(aggregateId)));
    }

    /** A cell of a parked sequence's row: event-type, cause, retries, state. */
    public String deadLetterField(String sequence, String field) {
        return browser.until(d -> d.findElement(By.cssSelector(deadLetter(sequence) + " td[data-field='" + field
                                                               + "']")).getText());
    }

    /** Opens the parked sequence and waits until its letters show. */
    public WebElement openDeadLetter(String sequence) {
        browser.visible(By.cssSelector(deadLetter(sequence))).click();
        return browser.visible(By.cssSelector("#dl-sequence #dl-letters"));
    }

    /** Whether the open sequence offers this action (dl-retry, dl-evict) to the signed-in account. */
    public boolean offersOnSequence(String buttonId) {
        return !browser.driver().findElements(By.cssSelector("#dl-sequence #" + buttonId)).isEmpty();
    }

    /**
     * Retries the open sequence with the reason; {@code beforeConfirming} runs once the reason is typed, just before
     * the click that sends it. Answers the outcome the page shows (succeeded, failed, ..., or error) followed by
     * its message.
     */
    public String retryDeadLetter(String reason, Runnable beforeConfirming) {
        browser.driver().findElement(By.id("dl-retry")).click();
        browser.visible(By.id("reason-input")).sendKeys(reason);
        beforeConfirming.run();
        browser.driver().findElement(By.id("reason-confirm")).click();
        return browser.until(d -> d.findElements(By.cssSelector("#dl-outcome[data-outcome]")).stream()
                                   .map(outcome -> outcome.getAttribute("data-outcome") + ": " + outcome.getText())
                                   .findFirst().orElse(null));
    }

    /** Clicks a bulk action (retry, evict) and answers the dry run's count as the confirmation dialog shows it. */
    public String bulkDeadLetters(String action) {
        browser.visible(By.id("dl-bulk-" + action)).click();
        return browser.visible(By.id("dl-bulk-count")).getText();
    }

    /** In an open reason dialog: types the reason and the typed confirmation, without confirming. */
    public OpsConsole fillReasonDialog(String reason, String typedName) {
        browser.visible(By.id("reason-input")).sendKeys(reason);
        WebElement typed = browser.driver().findElement(By.id("confirm-name-input"));
        typed.clear();
        typed.sendKeys(typedName);
        return this;
    }

    /** Whether the open reason dialog's confirm button is enabled. */
    public boolean reasonConfirmable() {
        return browser.driver().findElement(By.id("reason-confirm")).isEnabled();
    }

    public void cancelReasonDialog() {
        browser.driver().findElement(By.id("reason-cancel")).click();
        browser.until(d -> d.findElements(By.id("reason-dialog")).isEmpty());
    }

    /** On the Rebuilds screen: starts a rebuild (rebuild) or a verify-only run (verify) of the projection. */
    public OpsConsole startRebuild(String projection, String action, String reason) {
        browser.visible(By.cssSelector("#projection-rows tr[data-projection='" + projection + "'] button[data-action='"
                                       + action + "']")).click();
        browser.visible(By.id("reason-input")).sendKeys(reason);
        browser.driver().findElement(By.id("reason-confirm")).click();
        browser.visible(By.id("rebuild-progress"));
        return this;
    }

    /** Waits until the shown rebuild is in this state (DONE, VERIFIED, ...), as long as a rebuild may take. */
    public void awaitRebuildState(String state) {
        browser.until(d -> d.findElements(By.cssSelector("#rebuild-progress[data-state='" + state + "']")).size() == 1,
                      Duration.ofMinutes(2));
    }

    /** The verification report's row of this table. */
    public WebElement reportRow(String table) {
        return browser.visible(By.cssSelector("#rebuild-report-tables tr[data-table='" + table + "']"));
    }

    private static String deadLetter(String sequence) {
        return "#dead-letter-rows tr[data-sequence='" + sequence + "']";
    }

    private static String row(String processor) {
        return "#board-rows tr[data-processor='" + processor + "']";
    }
}
