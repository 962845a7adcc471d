package io.tlsuite.dashboard;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium, headless, driven by Selenium through the system chromedriver (no browser
 * download), and the page reads the browser tests share.
 */
final class HeadlessChromium {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target/screenshots");
    static final String MISSING =
            "no browser: Debian's chromium and chromium-driver are not installed"
                    + " (apt-get install -y chromium chromium-driver; .ci/run does it)";

    private HeadlessChromium() {}

    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    static WebDriver start() {
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1400,1000");
        return new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(CHROMEDRIVER.toFile())
                        .usingAnyFreePort()
                        .build(),
                o);
    }

    /**
     * The messages of the ladder drawn in {@code ladderCss} (an SVG host), read in one script call
     * so a live redraw cannot come in between.
     */
    @SuppressWarnings("unchecked")
    static List<String> messages(WebDriver d, String ladderCss) {
        return (List<String>)
                ((JavascriptExecutor) d)
                        .executeScript(
                                "return [...document.querySelectorAll(arguments[0] + ' g.arrow text.msg')]"
                                        + ".map(t => t.textContent)",
                                ladderCss);
    }

    /** Clicks the arrow of {@code message} in the ladder drawn in {@code ladderCss}. */
    static boolean clickArrow(WebDriver d, String ladderCss, String message) {
        return (Boolean)
                ((JavascriptExecutor) d)
                        .executeScript(
                                "const g = [...document.querySelectorAll(arguments[0] + ' g.arrow')]"
                                        + ".find(g => g.querySelector('text.msg').textContent === arguments[1]);"
                                        + " if (g) g.dispatchEvent(new MouseEvent('click', {bubbles: true}));"
                                        + " return !!g;",
                                ladderCss,
                                message);
    }

    static void screenshot(WebDriver d, String name) throws Exception {
        Files.createDirectories(SHOTS);
        File f = ((TakesScreenshot) d).getScreenshotAs(OutputType.FILE);
        Files.copy(
                f.toPath(),
                SHOTS.resolve("dashboard-" + name + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }
}
