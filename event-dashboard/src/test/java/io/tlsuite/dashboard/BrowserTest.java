package io.tlsuite.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import io.tlsuite.kafka.SharedBroker;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
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

    static WebDriver browser;

    @TestHTTPResource("/")
    URL page;

    @BeforeAll
    static void startBrowser() {
        assumeTrue(HeadlessChromium.installed(), HeadlessChromium.MISSING);
        browser = HeadlessChromium.start();
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
        // Read and compared in one go: the ladder is redrawn as the rest of the story arrives, so a
        // second read after the wait could catch it between two redraws.
        List<List<String>> lastShown = new java.util.ArrayList<>(List.of(List.of()));
        try {
            wait.until(
                    d -> {
                        List<String> shown = HeadlessChromium.messages(d, "#ladder");
                        lastShown.set(0, shown);
                        int from = shown.indexOf("TCP connect");
                        int to = shown.lastIndexOf("store session");
                        return from >= 0
                                && to > from
                                && shown.subList(from, to + 1).equals(expected);
                    });
        } catch (org.openqa.selenium.TimeoutException e) {
            assertThat(lastShown.get(0))
                    .as("the ladder, in wire order")
                    .containsSubsequence(expected);
            throw e;
        }
        assertThat(browser.findElement(By.id("ladder-title")).getText())
                .contains(story.handshakeId());

        // Click the ClientHello: its decoded fields and its bytes as on the wire.
        wait.until(d -> HeadlessChromium.clickArrow(d, "#ladder", "ClientHello"));
        // Read once, in the wait: "as on the wire" is the detail's own heading (the hint shown
        // while nothing is selected mentions raw bytes too).
        AtomicReference<String> shown = new AtomicReference<>("");
        wait.until(
                d -> {
                    shown.set(d.findElement(By.id("arrow-detail")).getText());
                    return shown.get().contains("as on the wire");
                });
        String detail = shown.get();
        assertThat(detail)
                .contains("decoded fields")
                .contains("cipherSuites")
                .contains("raw bytes");
        assertThat(detail).containsPattern("0000  01 00 ");
        HeadlessChromium.screenshot(browser, "ladder");

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
        HeadlessChromium.screenshot(browser, "sessions");

        browser.findElement(By.cssSelector("#tabs a[data-view=tail]")).click();
        wait.until(d -> d.findElement(By.id("tail")).getText().contains(story.sessionId()));
        HeadlessChromium.screenshot(browser, "tail");
        browser.findElement(By.cssSelector("#tabs a[data-view=certificates]")).click();
        wait.until(d -> d.findElement(By.id("certificates")).getText().contains("revoked"));
        HeadlessChromium.screenshot(browser, "certificates");
        browser.findElement(By.cssSelector("#tabs a[data-view=rates]")).click();
        wait.until(
                d -> d.findElement(By.id("anomalies")).getText().contains("certificate-revoked"));
        HeadlessChromium.screenshot(browser, "rates");
    }
}
