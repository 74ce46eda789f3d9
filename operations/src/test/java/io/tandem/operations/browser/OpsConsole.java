package io.tandem.operations.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The ops console page ({@code /ops/}) as a person uses it: sign in, pick a screen, read the processor board and
 * act on a processor, plan and start a replay, read the operator log. Screens added later get their own methods
 * here.
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

    /** The operator log's newest row of this action on this target, once the log shows it. */
    public WebElement logRow(String action, String target, String outcome) {
        return browser.until(d -> {
            d.findElement(By.id("log-apply")).click();
            return d.findElements(By.cssSelector("#log-rows tr[data-outcome='" + outcome + "']")).stream()
                    .filter(row -> row.findElement(By.cssSelector("td[data-field='action']")).getText().equals(action)
                                   && row.findElement(By.cssSelector("td[data-field='target']")).getText()
                                         .equals(target))
                    .findFirst().orElse(null);
        });
    }

    private static String row(String processor) {
        return "#board-rows tr[data-processor='" + processor + "']";
    }
}
