package io.tandem.operations.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The ops console page ({@code /ops/}) as a person uses it: sign in, pick a screen, read the processor board and
 * act on a processor. Screens added later get their own methods here.
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

    private static String row(String processor) {
        return "#board-rows tr[data-processor='" + processor + "']";
    }
}
