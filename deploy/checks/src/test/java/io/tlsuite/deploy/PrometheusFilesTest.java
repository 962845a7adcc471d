package io.tlsuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * deploy/observability: promtool accepts configs and rules, rule tests pass, the dashboard reads.
 */
class PrometheusFilesTest {

    private static List<Path> files(String glob) throws IOException {
        List<Path> out = new ArrayList<>();
        try (var s = Files.newDirectoryStream(DeployTree.observability(), glob)) {
            s.forEach(out::add);
        }
        return out.stream().sorted().toList();
    }

    private static void promtool(String... args) {
        ExternalTool.PROMTOOL.assumeInstalled();
        ExternalTool.Result r = ExternalTool.PROMTOOL.run(DeployTree.observability(), args);
        assertThat(r.exitCode())
                .as("promtool %s:\n%s", String.join(" ", args), r.output())
                .isZero();
    }

    @Test
    void promtoolAcceptsEveryScrapeConfig() throws IOException {
        List<Path> configs = files("prometheus*.{yml,yaml}");
        assertThat(configs).hasSizeGreaterThanOrEqualTo(2);
        for (Path p : configs) {
            promtool("check", "config", p.getFileName().toString());
        }
    }

    @Test
    void promtoolAcceptsTheRules() throws IOException {
        List<Path> rules = files("*rules*.{yml,yaml}");
        assertThat(rules).isNotEmpty();
        for (Path p : rules) {
            promtool("check", "rules", p.getFileName().toString());
        }
    }

    @Test
    void theRuleUnitTestsPass() {
        promtool("test", "rules", "tests/tlsuite-rules.test.yml");
    }

    @Test
    void everyServiceIsScrapedInBothConfigsUnderItsOwnJobName() throws IOException {
        for (String config : List.of("prometheus.yml", "prometheus-local.yml")) {
            String text = Files.readString(DeployTree.observability().resolve(config));
            Set<String> jobs = new TreeSet<>();
            Matcher m = Pattern.compile("job_name:\\s*(\\S+)").matcher(text);
            while (m.find()) jobs.add(m.group(1));
            assertThat(jobs)
                    .as(config)
                    .containsExactlyInAnyOrderElementsOf(ImageList.SUITE_SERVICES);
            assertThat(text).as(config).contains("metrics_path: /q/metrics");
        }
    }

    @Test
    void theKubernetesScrapeConfigNamesHeadlessServicesThatExist() throws IOException {
        String text = Files.readString(DeployTree.observability().resolve("prometheus.yml"));
        Matcher m =
                Pattern.compile(
                                "names: \\[([a-z-]+)\\.tlsuite\\.svc\\.cluster\\.local]\\s+type: A\\s+port: (\\d+)")
                        .matcher(text);
        RenderedOverlay prod = RenderedOverlay.of("prod");
        int found = 0;
        while (m.find()) {
            found++;
            Service s = prod.named(Service.class, m.group(1));
            assertThat(s.getSpec().getClusterIP())
                    .as(m.group(1) + " is headless")
                    .isEqualTo("None");
            assertThat(s.getSpec().getPorts().get(0).getPort())
                    .isEqualTo(Integer.parseInt(m.group(2)));
        }
        assertThat(found).isEqualTo(ImageList.SUITE_SERVICES.size());
    }

    @Test
    void theDashboardReadsAndEveryPanelQueriesPrometheus() throws IOException {
        JsonNode dash =
                JsonMapper.builder()
                        .build()
                        .readTree(
                                Files.readString(
                                        DeployTree.observability()
                                                .resolve("grafana-dashboard.json")));
        assertThat(dash.path("uid").asString()).isEqualTo("tlsuite-overview");
        List<JsonNode> panels = new ArrayList<>();
        dash.path("panels").forEach(panels::add);
        List<JsonNode> graphs =
                panels.stream().filter(p -> !"row".equals(p.path("type").asString())).toList();
        assertThat(graphs).hasSizeGreaterThan(10);
        Set<Integer> ids = new TreeSet<>();
        for (JsonNode p : panels) {
            assertThat(ids.add(p.path("id").asInt())).as("panel ids are unique").isTrue();
        }
        for (JsonNode p : graphs) {
            assertThat(p.path("targets").size()).as(p.path("title").asString()).isPositive();
            p.path("targets").forEach(t -> assertThat(t.path("expr").asString()).isNotBlank());
        }
        // the queries Grafana would send: at least the alerting metrics are charted
        String all = Stream.of(dash.toString()).findFirst().orElseThrow();
        assertThat(all)
                .contains(
                        "handshake_duration_seconds_bucket",
                        "sessionstore_backend_up",
                        "tlsuite_ca_outbox_pending",
                        "kafka_consumer_fetch_manager_records_lag_max");
    }
}
