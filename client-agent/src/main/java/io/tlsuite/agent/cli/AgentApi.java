package io.tlsuite.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The agent's REST API as the CLI uses it. */
final class AgentApi {
    static final ObjectMapper JSON = new ObjectMapper();

    /** A refusal by the agent: its problem document. */
    static final class Refused extends Exception {
        final int status;
        final JsonNode problem;

        Refused(int status, JsonNode problem) {
            super(problem.path("detail").asText("HTTP " + status), null, false, false);
            this.status = status;
            this.problem = problem;
        }
    }

    private final URI base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    AgentApi(String baseUrl) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
    }

    String base() {
        return base.toString();
    }

    JsonNode get(String path) throws IOException, Refused {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    JsonNode post(String path, Object body) throws IOException, Refused {
        return send(
                HttpRequest.newBuilder(base.resolve(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    JsonNode delete(String path) throws IOException, Refused {
        return send(HttpRequest.newBuilder(base.resolve(path)).DELETE());
    }

    private JsonNode send(HttpRequest.Builder b) throws IOException, Refused {
        HttpResponse<String> r;
        try {
            r =
                    http.send(
                            b.timeout(Duration.ofSeconds(15)).build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        JsonNode doc =
                r.body() == null || r.body().isBlank()
                        ? JSON.createObjectNode()
                        : JSON.readTree(r.body());
        if (r.statusCode() >= 400) {
            throw new Refused(r.statusCode(), doc);
        }
        return doc;
    }
}
