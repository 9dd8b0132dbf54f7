package cn.carbon.e2e.console;

import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver (nothing downloaded at run time), signing in at the
 * stack's Keycloak like a person would. Every page it is asked to keep is saved as a PNG under
 * {@code target/console-screenshots}.
 */
final class Browser implements AutoCloseable {

    static final String CONSOLE = System.getProperty("carbon.console", "http://localhost:8080");
    static final String PASSWORD = "Carbon-Demo-2026";
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private final WebDriver driver;
    private final WebDriverWait wait;

    Browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("carbon.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1366,1000", "--lang=zh-CN");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("carbon.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        // htmx swaps polled fragments (a job's progress) while the test reads them: look the element up again
        wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        wait.ignoring(StaleElementReferenceException.class);
    }

    WebDriver driver() {
        return driver;
    }

    Browser open(String path) {
        driver.get(CONSOLE + path);
        return this;
    }

    /** Signs in through Keycloak's login form and waits to be back on the console. */
    Browser signIn(String username) {
        open("/console/signin");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.id("kc-login")).click();
        wait.until(d -> d.getCurrentUrl().startsWith(CONSOLE + "/console/"));
        return this;
    }

    WebElement find(String css) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    String text(String css) {
        return wait.until(d -> d.findElement(By.cssSelector(css)).getText());
    }

    /** An attribute of the element as it is now, looked up again if htmx replaced it meanwhile. */
    String attribute(String css, String attribute) {
        return wait.until(d -> d.findElement(By.cssSelector(css)).getAttribute(attribute));
    }

    void waitFor(String css, String attribute, String value) {
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector(css), attribute, value));
    }

    String url() {
        return driver.getCurrentUrl();
    }

    String source() {
        return driver.getPageSource();
    }

    /** Every visible form field of the page that no label names (by for=, wrapping or aria-label). */
    @SuppressWarnings("unchecked")
    List<String> unlabelledFields() {
        return (List<String>) ((JavascriptExecutor) driver).executeScript("""
                return Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea'))
                  .filter(f => (!f.labels || f.labels.length === 0) && !f.getAttribute('aria-label'))
                  .map(f => f.name || f.id || f.outerHTML);""");
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file behind a link of the console, fetched with this browser's session cookies. */
    HttpResponse<byte[]> download(String path) {
        String cookies = driver.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(CONSOLE + path))
                    .header("Cookie", cookies).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    java.util.Set<Cookie> cookies() {
        return driver.manage().getCookies();
    }

    @Override
    public void close() {
        driver.quit();
    }

    /** Presses Tab until the element with this id has the focus, as a keyboard user would. */
    static WebElement tabTo(Browser browser, String id) {
        return tabUntil(browser, e -> id.equals(e.getAttribute("id")));
    }

    /** Presses Tab until the focused element is the one wanted (a list page may put many fields before it). */
    static WebElement tabUntil(Browser browser, java.util.function.Predicate<WebElement> wanted) {
        for (int i = 0; i < 300; i++) {
            WebElement active = browser.driver().switchTo().activeElement();
            if (wanted.test(active)) {
                return active;
            }
            new org.openqa.selenium.interactions.Actions(browser.driver()).sendKeys(org.openqa.selenium.Keys.TAB).perform();
        }
        throw new AssertionError("the element wanted was not reached within 300 Tab presses on " + browser.url());
    }
}
