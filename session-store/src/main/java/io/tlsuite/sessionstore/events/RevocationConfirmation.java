package io.tlsuite.sessionstore.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Asks the CA whether a serial is really revoked ({@code GET /api/v1/certificates/{serial}}) before
 * the cascade terminates anything: the topic is writable by any Kafka client, the CA's database is
 * not.
 */
public final class RevocationConfirmation {

    private static final Pattern SERIAL = Pattern.compile("[0-9a-fA-F]{1,64}");

    private final URI base;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public RevocationConfirmation(String caUrl) {
        this.base = URI.create(caUrl.endsWith("/") ? caUrl : caUrl + "/");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    }

    /**
     * Whether the CA records the serial as revoked; false for an unknown or valid serial.
     *
     * @throws UncheckedIOException when the CA cannot be asked (the caller retries)
     */
    public boolean isRevoked(String serial) {
        if (serial == null || !SERIAL.matcher(serial).matches()) {
            return false;
        }
        HttpRequest request =
                HttpRequest.newBuilder(
                                base.resolve(
                                        "api/v1/certificates/" + serial.toLowerCase(Locale.ROOT)))
                        .timeout(Duration.ofSeconds(5))
                        .header("Accept", "application/json")
                        .GET()
                        .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("the CA at " + base + " is unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted"));
        }
        if (response.statusCode() == 404) {
            return false;
        }
        if (response.statusCode() != 200) {
            throw new UncheckedIOException(
                    new IOException("the CA answered HTTP " + response.statusCode()));
        }
        try {
            JsonNode doc = json.readTree(response.body());
            return "revoked".equals(doc.path("status").asText(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
