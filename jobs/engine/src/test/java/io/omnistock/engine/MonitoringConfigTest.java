package io.omnistock.engine;

import static io.omnistock.engine.MonitoringQueries.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.GlobalConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped monitoring parses and is wired together: the dashboard and the alert rules cover what
 * operators watch, and docker-compose.yml mounts the files Prometheus and Grafana read, where their
 * configurations expect them. (The metric names are checked against a running job in {@link
 * MonitoringMetricsITCase}.)
 */
class MonitoringConfigTest {
    private static MonitoringQueries queries;
    private static JsonNode services;
    private static JsonNode prometheus;

    @BeforeAll
    static void parse() throws IOException {
        queries = MonitoringQueries.load();
        services =
                new YAMLMapper()
                        .readTree(ROOT.resolve("docker-compose.yml").toFile())
                        .path("services");
        prometheus =
                new YAMLMapper()
                        .readTree(ROOT.resolve("monitoring/prometheus/prometheus.yml").toFile());
    }

    @Test
    void theDashboardHasAPanelForEachThingOperatorsWatch() {
        List<String> titles = new ArrayList<>();
        queries.dashboard().path("panels").forEach(p -> titles.add(p.path("title").asText()));

        for (String watched :
                List.of(
                        "Ingest rate per source",
                        "Ledger throughput",
                        "Availability updates",
                        "Dead letters",
                        "Routing decisions",
                        "Decision latency",
                        "Quotes",
                        "Consumer lag",
                        "Checkpoint duration",
                        "Checkpoint size",
                        "Backpressure",
                        "Restarts")) {
            assertThat(titles).as(watched).anyMatch(t -> t.startsWith(watched));
        }
        queries.dashboard()
                .path("panels")
                .forEach(
                        p -> {
                            assertThat(p.path("targets")).as(p.path("title").asText()).isNotEmpty();
                            assertThat(p.path("datasource").path("uid").asText())
                                    .isEqualTo(datasourceUid());
                        });
    }

    @Test
    void theAlertRulesCoverLagDeadLettersCheckpointsRestartsAndDecisionLatency() {
        List<String> alerts = new ArrayList<>();
        queries.alerts()
                .path("groups")
                .forEach(g -> g.path("rules").forEach(r -> alerts.add(r.path("alert").asText())));

        assertThat(alerts)
                .containsExactlyInAnyOrder(
                        "OmniStockConsumerLagGrowing",
                        "OmniStockDeadLetterRate",
                        "OmniStockCheckpointFailures",
                        "OmniStockJobRestarting",
                        "OmniStockDecisionLatencyHigh");
        queries.alerts()
                .path("groups")
                .forEach(
                        g ->
                                g.path("rules")
                                        .forEach(
                                                r -> {
                                                    assertThat(
                                                                    r.path("labels")
                                                                            .path("severity")
                                                                            .asText())
                                                            .isIn("warning", "critical");
                                                    assertThat(
                                                                    r.path("annotations")
                                                                            .path("summary")
                                                                            .asText())
                                                            .isNotBlank();
                                                }));
        assertThat(queries.expressions()).allMatch(e -> e.contains("flink_"));
    }

    @Test
    void prometheusReadsTheRulesAndScrapesEveryFlinkProcessOnTheReportersPort() {
        String reporterPorts =
                GlobalConfiguration.loadConfiguration(ROOT.resolve("flink-conf").toString())
                        .toMap()
                        .get("metrics.reporter.prom.port");
        String firstPort = reporterPorts.split("-")[0];

        assertThat(mountTarget("prometheus", "./monitoring/prometheus/prometheus.yml"))
                .isEqualTo("/etc/prometheus/prometheus.yml");
        String rules = mountTarget("prometheus", "./monitoring/prometheus/alerts.yml");
        assertThat(prometheus.path("rule_files").get(0).asText()).isEqualTo(rules);
        String scrape = prometheus.path("scrape_configs").toString();
        assertThat(scrape)
                .contains("\"jobmanager:" + firstPort + "\"")
                .contains("\"names\":[\"taskmanager\"]")
                .contains("\"port\":" + firstPort);
        assertThat(services.has("jobmanager") && services.has("taskmanager")).isTrue();
    }

    @Test
    void grafanaIsProvisionedWithPrometheusAndTheDashboard() throws IOException {
        String provisioning = mountTarget("grafana", "./monitoring/grafana/provisioning");
        String dashboards = mountTarget("grafana", "./monitoring/grafana/dashboards");
        assertThat(provisioning).isEqualTo("/etc/grafana/provisioning");
        JsonNode provider =
                new YAMLMapper()
                        .readTree(
                                ROOT.resolve(
                                                "monitoring/grafana/provisioning/dashboards/omnistock.yml")
                                        .toFile())
                        .path("providers")
                        .get(0);
        assertThat(provider.path("options").path("path").asText()).isEqualTo(dashboards);
        JsonNode datasource = datasource();
        assertThat(datasource.path("url").asText())
                .isEqualTo("http://prometheus:9090")
                .contains(services.path("prometheus").path("ports").get(0).asText().split(":")[1]);
    }

    private static JsonNode datasource() {
        try {
            return new YAMLMapper()
                    .readTree(
                            ROOT.resolve(
                                            "monitoring/grafana/provisioning/datasources/prometheus.yml")
                                    .toFile())
                    .path("datasources")
                    .get(0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String datasourceUid() {
        return datasource().path("uid").asText();
    }

    /** The target {@code service} mounts {@code source} at; the source must exist. */
    private static String mountTarget(String service, String source) {
        assertThat(ROOT.resolve(source)).exists();
        List<String> targets = new ArrayList<>();
        services.path(service)
                .path("volumes")
                .forEach(
                        v -> {
                            String[] parts = v.asText().split(":");
                            if (parts[0].equals(source)) {
                                targets.add(parts[1]);
                            }
                        });
        assertThat(targets).as(service + " mounts " + source).hasSize(1);
        return targets.get(0);
    }
}
