package io.tandem.operations.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.List;

/**
 * The audit screen of the ops console ({@code #/audit}) as a person uses it: its tabs (history, trace, search,
 * sagas, verify), each with a form to fill and a result to read. Sign in and open the screen with {@link OpsConsole}.
 */
public final class AuditConsole {

    private final HeadlessChromium browser;

    public AuditConsole(HeadlessChromium browser) {
        this.browser = browser;
    }

    public AuditConsole tab(String id) {
        browser.visible(By.cssSelector("#audit-tabs button[data-tab='" + id + "']")).click();
        browser.visible(By.cssSelector("#audit-tabs button.active[data-tab='" + id + "']"));
        return this;
    }

    /** Fills the tab's form (inputs named by field) and submits it. */
    public AuditConsole submit(String formId, String... fieldsAndValues) {
        for (int index = 0; index < fieldsAndValues.length; index += 2) {
            WebElement input = browser.visible(By.id(formId + "-" + fieldsAndValues[index]));
            input.clear();
            input.sendKeys(fieldsAndValues[index + 1]);
        }
        browser.driver().findElement(By.id(formId + "-submit")).click();
        return this;
    }

    /** The text of each cell of this column in the table's body, once the table shows at least one row. */
    public List<String> column(String tableBodySelector, String field) {
        return browser.until(d -> {
            List<String> cells = d.findElements(By.cssSelector(tableBodySelector + " td[data-field='" + field + "']"))
                                  .stream().map(WebElement::getText).toList();
            return cells.isEmpty() ? null : cells;
        });
    }

    /** Waits for an element matching the selector whose text contains the given text, and answers its text. */
    public String textOf(String selector, String containing) {
        return browser.until(d -> d.findElements(By.cssSelector(selector)).stream().map(WebElement::getText)
                                   .filter(text -> text.contains(containing)).findFirst().orElse(null));
    }

    public void click(String selector) {
        browser.until(d -> {
            d.findElement(By.cssSelector(selector)).click();
            return true;
        });
    }

    public boolean present(String selector) {
        return !browser.driver().findElements(By.cssSelector(selector)).isEmpty();
    }
}
