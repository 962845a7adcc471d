package io.tlsuite.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tlsuite.kafka.KafkaBrokerTestResource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real handshake, watched in a real browser: the JDK's TLS client connects to the handshake
 * service's TLS port (a separate process, enrolled at the real CA, registering its sessions in the
 * real session store, all publishing to the embedded Kafka broker), and the page shows the session
 * appear live and its ladder with the messages of that handshake in wire order. Then the server's
 * certificate is revoked at the CA, and the cascade the session store runs turns the still open
 * session's row to terminated with its keys destroyed.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class RealHandshakeBrowserTest {
    private static final Pattern SESSION = Pattern.compile("session id</th><td>([^<]+)<");
    private static final Pattern SERIAL =
            Pattern.compile("server certificate serial</th><td>([^<]+)<");

    static WebDriver browser;

    @TestHTTPResource("/")
    URL page;

    @BeforeAll
    static void start() {
        assumeTrue(HeadlessChromium.installed(), HeadlessChromium.MISSING);
        String why = RealSuite.start();
        assumeTrue(why == null, why);
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aRealTlsHandshakeAppearsLiveAndTheRevocationOfItsCertificateTerminatesItsSession()
            throws Exception {
        browser.get(page + "?view=sessions");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(120));
        wait.ignoring(StaleElementReferenceException.class);
        wait.until(d -> d.findElement(By.id("status")).getText().equals("live"));

        // A real TLS 1.3 connection from the JDK's client, kept open (its session stays live).
        try (SSLSocket tls = connect()) {
            String answer = get(tls);
            Matcher sid = SESSION.matcher(answer);
            Matcher serial = SERIAL.matcher(answer);
            assertThat(sid.find()).as("the TLS port's page names the session: %s", answer).isTrue();
            assertThat(serial.find()).isTrue();
            String sessionId = sid.group(1);

            // Its row appears live; opened, it shows the session's life and the handshake's ladder.
            By row = By.cssSelector("#sessions tr[data-session='" + sessionId + "']");
            wait.until(d -> d.findElements(row).size() == 1);
            assertThat(browser.findElement(row).findElement(By.className("state")).getText())
                    .isEqualTo("live");
            wait.until(
                    d -> {
                        d.findElement(row).click();
                        return true;
                    });
            List<String> handshake =
                    List.of(
                            "TCP connect",
                            "ClientHello",
                            "ServerHello",
                            "EncryptedExtensions, Certificate, CertificateVerify, Finished",
                            "Finished",
                            "handshake complete",
                            "store session");
            // Read once, in the wait: a live redraw between two reads can show an empty ladder.
            AtomicReference<List<String>> seen = new AtomicReference<>(List.of());
            wait.until(
                    d -> {
                        List<String> now = HeadlessChromium.messages(d, "#session-ladder");
                        seen.set(now);
                        return now.containsAll(handshake);
                    });
            List<String> shown = seen.get();
            assertThat(shown.stream().filter(handshake::contains).distinct().toList())
                    .as("the real handshake's messages, in wire order, in %s", shown)
                    .containsExactlyElementsOf(handshake);
            assertThat(browser.findElement(By.id("follow")).getText()).contains(sessionId);

            // The ClientHello the JDK really sent: decoded, and its bytes as on the wire.
            // (click and read in one go: a live redraw of the session view closes the detail)
            AtomicReference<String> detail = new AtomicReference<>();
            wait.until(
                    d -> {
                        if (!HeadlessChromium.clickArrow(d, "#session-ladder", "ClientHello")) {
                            return false;
                        }
                        detail.set(d.findElement(By.id("follow")).getText());
                        // "as on the wire" is the detail's own heading: the hint shown while
                        // nothing is selected mentions raw bytes too.
                        return detail.get().contains("as on the wire");
                    });
            assertThat(detail.get()).contains("cipherSuites").containsPattern("0000  01 00 ");
            HeadlessChromium.screenshot(browser, "real-session");

            // The CA revokes the server's certificate; the store terminates the open session.
            revoke(serial.group(1));
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
                        return HeadlessChromium.messages(d, "#session-ladder")
                                .containsAll(List.of("session terminated", "keys destroyed"));
                    });
            assertThat(browser.findElement(By.id("follow")).getText())
                    .contains("Its certificate was revoked");
            HeadlessChromium.screenshot(browser, "real-revocation");
        }
    }

    @Test
    void aClientAgentRunIsShownLiveWithItsRateAndLatencies() throws Exception {
        browser.get(page + "?view=agents");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(120));
        wait.ignoring(StaleElementReferenceException.class);
        wait.until(d -> d.findElement(By.id("status")).getText().equals("live"));
        HttpResponse<String> started =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(RealSuite.agentUrl + "/api/v1/runs"))
                                        .header("Content-Type", "application/json")
                                        .POST(
                                                HttpRequest.BodyPublishers.ofString(
                                                        "{\"scenario\":\"tls13\",\"count\":20,"
                                                                + "\"concurrency\":2}"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(started.body());
        assertThat(id.find()).isTrue();
        String run = id.group(1);
        // The agent's events on tls.agents: the run appears, then ends passed with 20 of 20.
        wait.until(
                d -> {
                    String rows = d.findElement(By.id("runs")).getText();
                    return rows.contains("tls13")
                            && rows.contains("20/20")
                            && rows.contains("passed");
                });
        String rows = browser.findElement(By.id("runs")).getText();
        assertThat(rows).contains("/s");
        assertThat(run).startsWith("run-");
        HeadlessChromium.screenshot(browser, "agents");
    }

    /** A TLS client that trusts only the suite CA's root and checks the host name. */
    private static SSLSocket connect() throws Exception {
        HttpResponse<byte[]> root =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(RealSuite.caUrl + "/api/v1/ca/root"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(root.statusCode()).isEqualTo(200);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry(
                "suite-root",
                CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(root.body())));
        TrustManagerFactory tmf =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLSv1.3");
        ctx.init(null, tmf.getTrustManagers(), null);
        SSLSocket s =
                (SSLSocket) ctx.getSocketFactory().createSocket("localhost", RealSuite.tlsPort);
        SSLParameters p = s.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        p.setProtocols(new String[] {"TLSv1.3"});
        s.setSSLParameters(p);
        s.setSoTimeout(60_000);
        s.startHandshake();
        return s;
    }

    /** {@code GET /} over the connection, read up to the end of the page. */
    private static String get(SSLSocket s) throws IOException {
        s.getOutputStream()
                .write(
                        "GET / HTTP/1.1\r\nHost: localhost\r\nUser-Agent: dashboard-test\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        InputStream in = s.getInputStream();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!got.toString(StandardCharsets.UTF_8).contains("</html>")) {
            int n = in.read(buf);
            if (n < 0) {
                break;
            }
            got.write(buf, 0, n);
        }
        return got.toString(StandardCharsets.UTF_8);
    }

    private static void revoke(String serial) throws Exception {
        HttpResponse<String> r =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        RealSuite.caUrl
                                                                + "/api/v1/certificates/"
                                                                + serial
                                                                + "/revoke"))
                                        .header("Authorization", "Bearer " + RealSuite.ADMIN_TOKEN)
                                        .header("Content-Type", "application/json")
                                        .POST(
                                                HttpRequest.BodyPublishers.ofString(
                                                        "{\"reason\":\"keyCompromise\"}"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
}
