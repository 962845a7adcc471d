package io.tlsuite.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import io.tlsuite.kafka.SharedBroker;
import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real browser (Debian's chromium, headless, driven by Selenium through the system
 * chromedriver): the events of a TLS 1.2 RSA handshake, as the handshake service publishes them, go
 * through the real broker and its ladder appears, message by message in order; then the certificate
 * is revoked and the session's row turns to terminated. Screenshots of every view land in
 * target/screenshots.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class BrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target/screenshots");

    static WebDriver browser;

    @TestHTTPResource("/")
    URL page;

    @BeforeAll
    static void startBrowser() {
        assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "no browser: Debian's chromium and chromium-driver are not installed"
                        + " (apt-get install -y chromium chromium-driver; .ci/run does it)");
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
        browser =
                new ChromeDriver(
                        new ChromeDriverService.Builder()
                                .usingDriverExecutable(CHROMEDRIVER.toFile())
                                .usingAnyFreePort()
                                .build(),
                        o);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aHandshakeAppearsAsALadderAndARevocationTerminatesItsSession() throws Exception {
        HandshakeStory story = HandshakeStory.tls12Rsa();
        browser.get(page + "?view=ladder&open-handshake=" + story.handshakeId());
        // The views redraw as events arrive, so an element found a moment ago may be gone: retry.
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
        wait.ignoring(StaleElementReferenceException.class);
        wait.until(d -> d.findElement(By.id("status")).getText().equals("live"));

        story.publish(SharedBroker.get().bootstrapServers());

        // The ladder of this handshake appears live, one arrow per message, in wire order.
        List<String> expected =
                List.of(
                        "TCP connect",
                        "ClientHello",
                        "ServerHello",
                        "Certificate, ServerHelloDone",
                        "ClientKeyExchange",
                        "ChangeCipherSpec",
                        "Finished",
                        "ChangeCipherSpec, Finished",
                        "handshake complete",
                        "store session");
        wait.until(d -> messages(d).containsAll(expected));
        List<String> shown = messages(browser);
        assertThat(shown.subList(shown.indexOf("TCP connect"), shown.indexOf("store session") + 1))
                .containsExactlyElementsOf(expected);
        assertThat(browser.findElement(By.id("ladder-title")).getText())
                .contains(story.handshakeId());

        // Click the ClientHello: its decoded fields and its bytes as on the wire.
        wait.until(d -> clickArrow(d, "ClientHello"));
        wait.until(d -> d.findElement(By.id("arrow-detail")).getText().contains("raw bytes"));
        String detail = browser.findElement(By.id("arrow-detail")).getText();
        assertThat(detail)
                .contains("decoded fields")
                .contains("cipherSuites")
                .contains("raw bytes");
        assertThat(detail).containsPattern("0000  01 00 ");
        screenshot("ladder");

        // The sessions table shows it live; the revocation cascade turns it to terminated.
        browser.findElement(By.cssSelector("#tabs a[data-view=sessions]")).click();
        By row = By.cssSelector("#sessions tr[data-session='" + story.sessionId() + "']");
        wait.until(d -> d.findElements(row).size() == 1);
        assertThat(browser.findElement(row).findElement(By.className("state")).getText())
                .isEqualTo("live");
        story.revoke(SharedBroker.get().bootstrapServers());
        wait.until(
                d ->
                        d.findElement(row)
                                        .findElement(By.className("state"))
                                        .getText()
                                        .equals("terminated")
                                && d.findElement(row)
                                        .findElement(By.className("keys"))
                                        .getText()
                                        .equals("yes"));
        wait.until(
                d -> {
                    d.findElement(row).click();
                    return true;
                });
        wait.until(d -> d.findElement(By.id("follow")).getText().contains("keys destroyed"));
        assertThat(browser.findElement(By.id("follow")).getText())
                .contains("Its certificate was revoked");
        screenshot("sessions");

        browser.findElement(By.cssSelector("#tabs a[data-view=tail]")).click();
        wait.until(d -> d.findElement(By.id("tail")).getText().contains(story.sessionId()));
        screenshot("tail");
        browser.findElement(By.cssSelector("#tabs a[data-view=certificates]")).click();
        wait.until(d -> d.findElement(By.id("certificates")).getText().contains("revoked"));
        screenshot("certificates");
        browser.findElement(By.cssSelector("#tabs a[data-view=rates]")).click();
        wait.until(
                d -> d.findElement(By.id("anomalies")).getText().contains("certificate-revoked"));
        screenshot("rates");
    }

    /** The ladder's messages, read in one script call so a redraw cannot come in between. */
    @SuppressWarnings("unchecked")
    private static List<String> messages(WebDriver d) {
        return (List<String>)
                ((JavascriptExecutor) d)
                        .executeScript(
                                "return [...document.querySelectorAll('#ladder g.arrow text.msg')]"
                                        + ".map(t => t.textContent)");
    }

    private static boolean clickArrow(WebDriver d, String message) {
        return (Boolean)
                ((JavascriptExecutor) d)
                        .executeScript(
                                "const g = [...document.querySelectorAll('#ladder g.arrow')]"
                                        + ".find(g => g.querySelector('text.msg').textContent === arguments[0]);"
                                        + " if (g) g.dispatchEvent(new MouseEvent('click', {bubbles: true}));"
                                        + " return !!g;",
                                message);
    }

    private static void screenshot(String name) throws Exception {
        Files.createDirectories(SHOTS);
        File f = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(
                f.toPath(),
                SHOTS.resolve("dashboard-" + name + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }
}
