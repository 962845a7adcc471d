package io.tlsuite.service.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommonProblemsTest {

    @Test
    void slugsAreUniqueAndStatusesMatchTheirFamily() {
        List<String> slugs = Arrays.stream(CommonProblems.values()).map(p -> p.slug()).toList();
        assertThat(new HashSet<>(slugs)).hasSameSizeAs(slugs);
        for (CommonProblems p : CommonProblems.values()) {
            assertThat(p.slug()).matches("[a-z]+(-[a-z]+)*");
            assertThat(p.status()).isBetween(400, 599);
        }
    }

    @Test
    void theFrameworksOwnStatusesMapToTheirCommonType() {
        assertThat(CommonProblems.forStatus(400)).isEqualTo(CommonProblems.MALFORMED_BODY);
        assertThat(CommonProblems.forStatus(404)).isEqualTo(CommonProblems.NOT_FOUND);
        assertThat(CommonProblems.forStatus(413)).isEqualTo(CommonProblems.BODY_TOO_LARGE);
        assertThat(CommonProblems.forStatus(431)).isEqualTo(CommonProblems.HEADERS_TOO_LARGE);
        assertThat(CommonProblems.forStatus(418)).isEqualTo(CommonProblems.INVALID_REQUEST);
        assertThat(CommonProblems.forStatus(502)).isEqualTo(CommonProblems.INTERNAL_ERROR);
    }

    @Test
    void aProblemSerialisesAsRfc9457WithItsExtensionsAtTopLevel() throws Exception {
        Problem p =
                Problem.of(
                                CommonProblems.INVALID_REQUEST,
                                "2 field(s) are invalid",
                                Map.of("errors", List.of(new FieldError("count", "too big"))))
                        .at("/api/v1/runs");
        @SuppressWarnings("unchecked")
        Map<String, Object> json =
                new ObjectMapper().readValue(new ObjectMapper().writeValueAsString(p), Map.class);
        assertThat(json)
                .containsEntry("type", "https://tlsuite.dev/problems/invalid-request")
                .containsEntry("title", "Invalid request")
                .containsEntry("status", 400)
                .containsEntry("detail", "2 field(s) are invalid")
                .containsEntry("instance", "/api/v1/runs")
                .containsKey("errors");
        assertThat(p.toResponse().getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
    }

    @Test
    void unauthorisedNamesTheSchemeAndRetryAfterBecomesAHeader() {
        assertThat(
                        Problem.of(CommonProblems.UNAUTHORIZED, "token needed")
                                .toResponse()
                                .getHeaderString("WWW-Authenticate"))
                .isEqualTo("Bearer");
        assertThat(
                        Problem.of(
                                        CommonProblems.SERVICE_UNAVAILABLE,
                                        "later",
                                        Map.of(Problem.RETRY_AFTER_SECONDS, 3))
                                .toResponse()
                                .getHeaderString("Retry-After"))
                .isEqualTo("3");
    }

    @Test
    void everyCommonTypeIsInTheCatalogue() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "errors.md"));
        for (CommonProblems p : CommonProblems.values()) {
            assertThat(doc).as("docs/errors.md names %s", p.slug()).contains("`" + p.slug() + "`");
        }
    }
}
