package io.dataflow.privatelink.deploy;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Debian's headless chromium driven through its chromedriver, as the console's tests use it: waits for
 * conditions (never sleeps), keeps a screenshot of each step, and installs the browser first when the
 * machine has none ({@code deploy/console/install-browser}).
 */
final class ConsoleBrowser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    final ChromeDriver driver;
    private final Path screenshots;
    private final WebDriverWait wait;

    private ConsoleBrowser(ChromeDriver driver, Path screenshots) {
        this.driver = driver;
        this.screenshots = screenshots;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(60), Duration.ofMillis(100));
    }

    /** A fresh browser profile, laptop-sized; screenshots go to {@code screenshots}. */
    static ConsoleBrowser open(Path root, Path profile, Path screenshots) throws Exception {
        installIfMissing(root);
        Files.createDirectories(screenshots);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1440,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        return new ConsoleBrowser(new ChromeDriver(service, options), screenshots);
    }

    private static void installIfMissing(Path root) throws Exception {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER)) {
            return;
        }
        Process install = new ProcessBuilder("bash", root.resolve("deploy/console/install-browser").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        if (!install.waitFor(10, TimeUnit.MINUTES) || install.exitValue() != 0
                || !Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("The console's browser tests need Debian's chromium and chromium-driver;"
                    + " deploy/console/install-browser could not install them (exit " + install.exitValue() + ").");
        }
    }

    void go(String url) {
        driver.get(url);
    }

    void windowSize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Saves what the page shows now as {@code name}.png. */
    Path screenshot(String name) throws IOException {
        Path file = screenshots.resolve(name + ".png");
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    WebElement visible(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    WebElement clickable(String css) {
        return wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css)));
    }

    void click(String css) {
        clickable(css).click();
    }

    void gone(String css) {
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(css), 0));
    }

    void textIs(String css, String text) {
        wait.until(ExpectedConditions.textToBe(By.cssSelector(css), text));
    }

    <T> T until(Function<ChromeDriver, T> condition) {
        return wait.until(driver -> condition.apply((ChromeDriver) driver));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    boolean present(String css) {
        return !all(css).isEmpty();
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
