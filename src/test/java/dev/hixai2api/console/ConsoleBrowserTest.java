package dev.hixai2api.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hixai2api.e2e.GatewayTestSupport;
import dev.hixai2api.hix.Credits;
import dev.hixai2api.pool.CookieState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin console in a real headless Chromium (Debian's chromium and chromium-driver, installed by .ci/run),
 * driven by Selenium like a person would: sign in, manage cookies and keys, watch the status strip, chat in the
 * playground. Each run also writes the README's screenshots, docs/console-*.png (1280×900).
 */
class ConsoleBrowserTest extends GatewayTestSupport {

    private static final int WIDTH = 1280;
    private static final int HEIGHT = 900;
    private static final String SECRET_KEY = "hixai2api.console.secret";

    private static ChromeDriver browser;
    private static HeadlessChromium chromium;

    private WebDriverWait wait;

    @BeforeAll
    static void startBrowser() throws IOException {
        chromium = new HeadlessChromium(options -> {
            // the console's own errors (scripts, content security policy) land in the browser log
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
        }, "--window-size=" + WIDTH + "," + HEIGHT, "--lang=en-US");
        browser = chromium.driver();
        // the viewport itself is 1280×900, so are the screenshots
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", WIDTH, "height", HEIGHT, "deviceScaleFactor", 1, "mobile", false));
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    /** A fresh tab state: nothing in sessionStorage, the console loaded anew on the sign-in form. */
    @BeforeEach
    void openTheConsole() {
        wait = new WebDriverWait(browser, Duration.ofSeconds(10), Duration.ofMillis(50));
        wait.ignoring(StaleElementReferenceException.class);
        browser.get(url("/"));
        browser.executeScript("sessionStorage.clear(); localStorage.clear();");
        browser.get(url("/"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("secret-input")));
    }

    /** No script error, no content-security-policy violation; refused calls (401) are expected network errors. */
    @AfterEach
    void noErrorInTheBrowserLog() {
        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> !message.contains("Failed to load resource: the server responded with a status of"))
                .toList();
        assertThat(errors).isEmpty();
    }

    @Test
    void aWrongSecretIsRefusedTheRightOneShowsThePoolAndSignOutForgetsIt() {
        screenshot("sign-in");

        signInWith("not-the-secret");

        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-error")));
        assertThat(error.getText()).contains("not accepted");
        assertThat(value("secret-input")).isEmpty();
        assertThat(storageLength("sessionStorage")).isZero();
        assertThat(byId("app").isDisplayed()).isFalse();

        signIn();

        assertThat(byId("view-cookies").isDisplayed()).isTrue();
        assertThat(byId("sign-in-error").isDisplayed()).isFalse();
        assertThat(browser.executeScript("return sessionStorage.getItem(arguments[0])", SECRET_KEY)).isEqualTo(BACKEND_SECRET);
        assertThat(storageLength("localStorage")).isZero();
        assertThat(browser.executeScript("return document.cookie")).isEqualTo("");
        assertThat(browser.getPageSource()).doesNotContain(BACKEND_SECRET);

        byId("sign-out").click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("secret-input")));
        assertThat(storageLength("sessionStorage")).isZero();
        assertThat(byId("app").isDisplayed()).isFalse();
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("secret-input")));
        assertThat(byId("app").isDisplayed()).isFalse();
    }

    @Test
    void aRefusedSecretSendsTheConsoleBackToSignIn() {
        signIn();
        browser.executeScript("sessionStorage.setItem(arguments[0], 'a-secret-that-was-changed')", SECRET_KEY);

        byId("cookies-reload").click();

        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-error")));
        assertThat(error.getText()).contains("sign in again");
        assertThat(storageLength("sessionStorage")).isZero();
    }

    @Test
    void aCookieAddedThroughTheFormIsListedMaskedWithItsCredits() {
        SIMULATOR.addAccount("tok-console-0001", 321);
        seedSubscriber("tok-console-subscriber-0002", 900, 75);
        long dead = seedCookie("tok-console-expired-0003", 40);
        cookies.markFailure(dead, CookieState.DISABLED, "DEAD_SESSION: not logged in");
        cookies.insert("tok-console-remark-0004", "<img src=x onerror=\"window.__xss=1\">", new Credits(12, 0, false));
        signIn();
        wait.until(d -> rows("cookie-rows").size() == 3);

        byId("cookie-value").sendKeys("tok-console-0001");
        byId("cookie-remark").sendKeys("added in the console");
        byId("cookie-submit").click();

        WebElement row = wait.until(d -> rowWith("cookie-rows", "added in the console"));
        assertThat(row.findElement(By.cssSelector("[data-field=credit]")).getText()).isEqualTo("321");
        assertThat(row.findElement(By.cssSelector("code.masked")).getText()).isEqualTo("tok-…0001");
        assertThat(row.findElement(By.cssSelector(".badge")).getText()).isEqualTo("active");
        assertThat(byId("cookies-notice").getText()).contains("added with 321 credits");
        assertThat(value("cookie-value")).isEmpty();
        assertThat(value("cookie-remark")).isEmpty();
        String page = browser.getPageSource();
        assertThat(page).doesNotContain("tok-console-0001").doesNotContain("tok-console-subscriber-0002")
                .doesNotContain("tok-console-expired-0003").doesNotContain(BACKEND_SECRET);
        assertThat(cookies.findAll()).hasSize(4);

        WebElement disabled = rowWith("cookie-rows", "test", "disabled");
        assertThat(disabled.getText()).contains("DEAD_SESSION: not logged in");
        WebElement subscriber = rowWith("cookie-rows", "900");
        assertThat(subscriber.findElement(By.cssSelector("[data-field=advancedCredit]")).getText()).contains("75").contains("subscriber");
        // a remark is user text: shown as text, never run as HTML
        assertThat(rowWith("cookie-rows", "<img src=x onerror=\"window.__xss=1\">")).isNotNull();
        assertThat(browser.findElements(By.cssSelector("#cookie-rows img"))).isEmpty();
        assertThat(browser.executeScript("return window.__xss === undefined")).isEqualTo(true);

        byId("cookies-refresh").click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("cookies-notice"), "refresh of every cookie started"));
        screenshot("cookies");
    }

    @Test
    void aCookieIsUpdatedAndDeletedFromItsRow() {
        long id = seedCookie("tok-console-edit-0001", 50);
        seedCookie("tok-console-keep-0002", 60);
        SIMULATOR.account("tok-console-edit-0001").setStandardCredit(77);
        signIn();
        WebElement row = wait.until(d -> rowWith("cookie-rows", "50"));

        row.findElement(By.xpath(".//button[text()='Edit']")).click();
        assertThat(byId("cookie-form-title").getText()).contains("#" + id);
        byId("cookie-remark").clear();
        byId("cookie-remark").sendKeys("re-checked");
        byId("cookie-submit").click();

        WebElement updated = wait.until(d -> rowWith("cookie-rows", "re-checked"));
        assertThat(updated.findElement(By.cssSelector("[data-field=credit]")).getText()).isEqualTo("77");
        assertThat(byId("cookie-submit").getText()).isEqualTo("Add cookie");

        WebElement delete = updated.findElement(By.xpath(".//button[text()='Delete']"));
        delete.click();
        assertThat(delete.getText()).isEqualTo("Delete?");
        delete.click();

        wait.until(d -> rows("cookie-rows").size() == 1);
        assertThat(cookies.findAll()).extracting(c -> c.token()).containsExactly("tok-console-keep-0002");
    }

    @Test
    void anApiKeyIsAddedListedMaskedRenamedAndDeleted() {
        seedApiKey("sk-console-existing-0001");
        signIn();
        openPage("keys");
        wait.until(d -> rows("key-rows").size() == 1);

        byId("key-generate").click();
        assertThat(value("key-value")).matches("sk-[A-Za-z0-9]{40}");
        byId("key-value").clear();
        byId("key-value").sendKeys("sk-console-key-0123456789");
        byId("key-remark").sendKeys("team console");
        byId("key-submit").click();

        WebElement row = wait.until(d -> rowWith("key-rows", "team console"));
        assertThat(row.findElement(By.cssSelector("code.masked")).getText()).isEqualTo("sk-c…6789");
        assertThat(value("key-value")).isEmpty();
        assertThat(byId("key-value").getAttribute("type")).isEqualTo("password");
        assertThat(browser.getPageSource()).doesNotContain("sk-console-key-0123456789").doesNotContain("sk-console-existing-0001");
        assertThat(apiKeys.findAll()).hasSize(2);

        WebElement existing = rowWith("key-rows", "sk-c…0001");
        existing.findElement(By.xpath(".//button[text()='Edit']")).click();
        byId("key-remark").clear();
        byId("key-remark").sendKeys("renamed");
        byId("key-submit").click();
        wait.until(d -> rowWith("key-rows", "renamed"));
        screenshot("keys");

        WebElement delete = rowWith("key-rows", "renamed").findElement(By.xpath(".//button[text()='Delete']"));
        delete.click();
        delete.click();
        wait.until(d -> rows("key-rows").size() == 1);
        assertThat(apiKeys.findAll()).hasSize(1);
        assertThat(byId("keys-notice").getText()).contains("deleted");
    }

    @Test
    void theStatusStripShowsTheLiveCounters() {
        seedCookie("tok-console-status-01", 500);
        seedCookie("tok-console-status-02", 300);
        signIn();

        wait.until(d -> "2".equals(stat("activeCookies")));
        assertThat(stat("requests")).matches("[\\d,]+");
        assertThat(stat("totalStandardCredit")).isEqualTo("800");
        assertThat(stat("disabledCookies")).isEqualTo("0");
        assertThat(stat("openStreams")).matches("\\d+");
        assertThat(stat("errors")).matches("[\\d,]+");
        assertThat(byId("status-live").getText()).isEqualTo("live");

        long dead = seedCookie("tok-console-status-03", 100);
        cookies.markFailure(dead, CookieState.DISABLED, "DEAD_SESSION: not logged in");

        // the strip polls every 5 s: the change shows up without any click
        new WebDriverWait(browser, Duration.ofSeconds(12), Duration.ofMillis(100))
                .until(d -> "1".equals(stat("disabledCookies")) && "900".equals(stat("totalStandardCredit")));
        assertThat(stat("activeCookies")).isEqualTo("2");
    }

    @Test
    void thePlaygroundStreamsTokensAsTheyArriveAndShowsReasoningApart() {
        seedCookie("tok-console-play-0001", 1000);
        seedApiKey("sk-console-play-0001");
        List<String> pieces = List.of("Streams ", "arrive ", "one ", "piece ", "at ", "a ", "time, ", "as sent.");
        SIMULATOR.answerWith(pieces);
        SIMULATOR.eventDelayMillis(150);
        signIn();
        openPage("playground");

        // a key is stored, so /v1 needs one
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chat-models-note"), "API key"));
        byId("chat-api-key").sendKeys("sk-console-play-0001", Keys.TAB);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chat-models-note"), "models the cookie pool can pay for"));
        new Select(byId("chat-model")).selectByValue("gpt-4o-mini");
        assertThat(browser.executeScript("return sessionStorage.getItem('hixai2api.console.apiKey')")).isEqualTo("sk-console-play-0001");

        byId("chat-input").sendKeys("How do streams arrive?");
        byId("chat-send").click();

        // two samples of the answer while the stream is still open: it grows as the events arrive
        List<?> first = wait.until(d -> answerWhileStreaming(0));
        List<?> second = wait.until(d -> answerWhileStreaming(((String) first.get(0)).length()));
        assertThat(first.get(1)).isEqualTo("streaming");
        assertThat(second.get(1)).isEqualTo("streaming");
        String whole = String.join("", pieces);
        assertThat(whole).startsWith((String) second.get(0));
        assertThat(((String) second.get(0)).length()).isGreaterThan(((String) first.get(0)).length()).isLessThan(whole.length());

        wait.until(d -> "done".equals(byId("chat-state").getAttribute("data-state")));
        assertThat(lastAnswer()).isEqualTo(whole);
        assertThat(byId("chat-state").getText()).contains("8 chunks");

        // a reasoning model: its <think> block is shown apart from the answer
        SIMULATOR.eventDelayMillis(20);
        SIMULATOR.answerWith(List.of("Short ", "answer."));
        new Select(byId("chat-model")).selectByValue("deepseek-r1");
        byId("chat-input").sendKeys("And why?");
        byId("chat-send").click();
        wait.until(d -> browser.findElements(By.cssSelector(".msg.assistant")).size() == 2
                && "done".equals(byId("chat-state").getAttribute("data-state")));
        WebElement reasoning = browser.findElement(By.cssSelector(".msg.assistant:last-of-type .think"));
        assertThat(reasoning.isDisplayed()).isTrue();
        assertThat(reasoning.findElement(By.cssSelector(".think-text")).getText()).isEqualTo("Let me think about it.");
        assertThat(lastAnswer()).isEqualTo("Short answer.");
        assertThat(browser.getPageSource()).doesNotContain("&lt;think&gt;");
        assertThat(storageLength("localStorage")).isZero();
        screenshot("playground");
    }

    // ------------------------------------------------------------------------------------------------------

    private void signIn() {
        signInWith(BACKEND_SECRET);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
    }

    private void signInWith(String secret) {
        WebElement input = byId("secret-input");
        input.clear();
        input.sendKeys(secret);
        byId("sign-in-button").click();
    }

    private void openPage(String name) {
        browser.findElement(By.cssSelector(".tabs a[data-view='" + name + "']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("view-" + name)));
    }

    private WebElement byId(String id) {
        return browser.findElement(By.id(id));
    }

    private String value(String id) {
        return byId(id).getDomProperty("value");
    }

    private long storageLength(String storage) {
        return (Long) browser.executeScript("return " + storage + ".length");
    }

    private List<WebElement> rows(String tbody) {
        return browser.findElements(By.cssSelector("#" + tbody + " tr"));
    }

    /** The first row of which some cell, or element in a cell, shows each of these texts exactly; or null. */
    private WebElement rowWith(String tbody, String... texts) {
        // in the page at one instant: the console re-renders its tables after every change
        return (WebElement) browser.executeScript("""
                const [tbody, texts] = arguments;
                for (const row of document.querySelectorAll('#' + tbody + ' tr')) {
                  const shown = [...row.querySelectorAll('td, td *')].map((cell) => cell.innerText.trim());
                  if (texts.every((text) => shown.includes(text))) return row;
                }
                return null;""", tbody, List.of(texts));
    }

    private String stat(String name) {
        return browser.findElement(By.cssSelector("[data-stat='" + name + "']")).getText();
    }

    private String lastAnswer() {
        return (String) browser.executeScript(
                "const a = document.querySelectorAll('.msg.assistant .answer'); return a[a.length - 1].textContent");
    }

    /** [answer text, chat state] read at one instant, once the answer is longer than {@code than} characters. */
    private List<?> answerWhileStreaming(int than) {
        List<?> sample = (List<?>) browser.executeScript(
                "const a = document.querySelector('.msg.assistant:last-of-type .answer');"
                        + "return [a ? a.textContent : '', document.getElementById('chat-state').dataset.state];");
        return ((String) sample.get(0)).length() > than ? sample : null;
    }

    private static void screenshot(String page) {
        try {
            // under the build folder by default, so a test run leaves the checked-in docs/ alone
            Path folder = Path.of(System.getProperty("basedir", ".")).resolve(System.getProperty("console.screenshots",
                    "target/console-screenshots"));
            Files.createDirectories(folder);
            Files.write(folder.resolve("console-" + page + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
