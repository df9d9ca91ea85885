package dev.hixai2api.console;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven through its chromedriver with a throwaway profile. Both paths are given, so
 * Selenium Manager has nothing to look up or download; the background-networking flags keep it off the network.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final String CHROMIUM = "/usr/bin/chromium";
    /** Selenium's notice that it has no CDP classes for this Chromium: the tests use none (kept: loggers are weak). */
    private static final Logger CDP_NOTICE = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    private final Path profile;
    private final ChromeDriver driver;

    /**
     * @param options        adds what a test needs beyond the common options (capabilities such as logging)
     * @param extraArguments command-line arguments beyond the common ones
     */
    HeadlessChromium(Consumer<ChromeOptions> options, String... extraArguments) throws IOException {
        assertThat(Path.of(CHROMEDRIVER)).as("chromedriver: apt-get install chromium-driver (see .ci/run)").isExecutable();
        assertThat(Path.of(CHROMIUM)).as("chromium: apt-get install chromium (see .ci/run)").isExecutable();
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        CDP_NOTICE.setLevel(Level.OFF);
        profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions chrome = new ChromeOptions();
        chrome.setBinary(CHROMIUM);
        chrome.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile);
        chrome.addArguments(extraArguments);
        options.accept(chrome);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .withLogOutput(OutputStream.nullOutputStream())
                .build();
        driver = new ChromeDriver(service, chrome);
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Ends the browser and deletes its profile. */
    @Override
    public void close() throws IOException {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
