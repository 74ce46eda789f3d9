package io.tandem.operations.browser;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real browser for tests: Debian's headless Chromium driven by its chromedriver through Selenium, with a fresh
 * profile each time and nothing fetched from the network (no driver download, no updates, no sync).
 * <p>
 * Screenshots are written only when the system property {@value #SCREENSHOTS} names a folder (e.g.
 * {@code -Dtandem.ops.screenshots=$PWD/docs/ops}), so a test run can refresh the README's pictures.
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final String SCREENSHOTS = "tandem.ops.screenshots";
    /** Set to {@code required} (as .ci/run does), a missing browser fails the browser tests instead of skipping. */
    public static final String REQUIRED = "TANDEM_BROWSER_TESTS";
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final Path profile;
    private final ChromeDriver driver;

    public HeadlessChromium() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String missing = "Browser tests need Debian's chromium and chromium-driver packages "
                             + "(apt-get install chromium chromium-driver; .ci/run installs them)";
            // a machine with only a JDK skips them; CI, which installs the browser, must never skip them
            if ("required".equals(System.getenv(REQUIRED))) {
                throw new IllegalStateException(missing + ", and " + REQUIRED + "=required");
            }
            Assumptions.abort(missing + ": skipped");
        }
        try {
            profile = Files.createTempDirectory("tandem-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                             "--disable-background-networking", "--disable-component-update", "--disable-sync",
                             "--no-first-run", "--window-size=1440,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1440, 900));
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    /** The element once it is displayed, waiting up to 20 seconds. */
    public WebElement visible(By locator) {
        return until(d -> {
            WebElement element = d.findElements(locator).stream().findFirst().orElse(null);
            return element != null && element.isDisplayed() ? element : null;
        });
    }

    /**
     * Waits up to 20 seconds for the condition to give something other than null or false. A page that redraws
     * (the live board does, every few seconds) may replace an element while the condition reads it; the condition
     * is then tried again.
     */
    public <T> T until(ExpectedCondition<T> condition) {
        return until(condition, WAIT);
    }

    /** As {@link #until(ExpectedCondition)}, for work that takes longer than 20 seconds on a busy machine. */
    public <T> T until(ExpectedCondition<T> condition, Duration patience) {
        return new WebDriverWait(driver, patience).ignoring(StaleElementReferenceException.class).until(condition);
    }

    /** Saves what the browser shows as {@code name.png} when {@value #SCREENSHOTS} is set; does nothing otherwise. */
    public void screenshot(String name) {
        String folder = System.getProperty(SCREENSHOTS);
        if (folder == null || folder.isBlank()) {
            return;
        }
        try {
            Path target = Path.of(folder, name + ".png");
            Files.createDirectories(target.getParent());
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a temp folder left behind is harmless
            }
        }
    }
}
