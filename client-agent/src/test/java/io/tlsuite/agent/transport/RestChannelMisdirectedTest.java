package io.tlsuite.agent.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A balancer in front of two replicas, where only one may continue a TLS 1.2 RSA handshake: the
 * other answers 421 held-by-another-replica and changes nothing. The channel sends the same flight
 * again until the holder answers, and gives up with the problem after its attempts.
 */
class RestChannelMisdirectedTest {

    private HttpServer balancer;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (balancer != null) {
            balancer.stop(0);
        }
    }

    /**
     * Answers the first flight with a handshake id and secret; later flights {@code misdirected}
     * times 421, then 200.
     */
    private String start(int misdirected) throws IOException {
        AtomicInteger flights = new AtomicInteger();
        balancer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        balancer.createContext(
                "/api/v1/handshakes",
                exchange -> {
                    String body =
                            new String(
                                    exchange.getRequestBody().readAllBytes(),
                                    StandardCharsets.UTF_8);
                    String secret = exchange.getRequestHeaders().getFirst("Tlsuite-Client-Secret");
                    requests.add(exchange.getRequestURI().getPath() + " " + secret + " " + body);
                    if (exchange.getRequestURI().getPath().endsWith("/flights")) {
                        if (flights.incrementAndGet() <= misdirected) {
                            answer(
                                    exchange,
                                    421,
                                    "{\"type\":\"held-by-another-replica\",\"replica\":\"r1\"}");
                        } else {
                            answer(
                                    exchange,
                                    200,
                                    "{\"handshakeId\":\"h1\",\"state\":\"established\",\"records\":\""
                                            + Base64.getEncoder().encodeToString(new byte[] {9, 9})
                                            + "\",\"sessionId\":\"s1\"}");
                        }
                    } else {
                        answer(
                                exchange,
                                201,
                                "{\"handshakeId\":\"h1\",\"clientSecret\":\"sekrit\",\"records\":\""
                                        + Base64.getEncoder().encodeToString(new byte[] {1})
                                        + "\"}");
                    }
                });
        balancer.start();
        return "http://127.0.0.1:" + balancer.getAddress().getPort() + "/";
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
        exchange.sendResponseHeaders(status, b.length);
        exchange.getResponseBody().write(b);
        exchange.close();
    }

    private RestChannel channel(String base) {
        return new RestChannel(HttpClient.newHttpClient(), base, Duration.ofSeconds(5), false);
    }

    @Test
    void aMisdirectedFlightIsSentAgainUntilTheHolderAnswers() throws Exception {
        RestChannel channel = channel(start(3));
        channel.send(new byte[] {22, 3, 1});
        assertThat(channel.receive()).containsExactly(1);
        channel.send(new byte[] {22, 3, 3});
        assertThat(channel.receive()).containsExactly(9, 9);
        assertThat(channel.sessionId()).isEqualTo("s1");
        List<String> flights =
                requests.stream()
                        .filter(r -> r.startsWith("/api/v1/handshakes/h1/flights"))
                        .toList();
        // the same flight, with the client's secret, four times: three refusals, then the holder
        assertThat(flights).hasSize(4).allMatch(r -> r.equals(flights.get(0)));
        assertThat(flights.get(0)).contains(" sekrit ");
    }

    @Test
    void afterItsAttemptsTheChannelReportsTheProblem() throws Exception {
        RestChannel channel = channel(start(Integer.MAX_VALUE));
        channel.send(new byte[] {22, 3, 1});
        assertThatThrownBy(() -> channel.send(new byte[] {22, 3, 3}))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("421")
                .hasMessageContaining("held-by-another-replica");
        assertThat(requests.stream().filter(r -> r.contains("/flights")))
                .hasSize(RestChannel.MISDIRECTED_ATTEMPTS);
    }
}
