package io.omnistock.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.connectors.KafkaOptions.DeliveryMode;
import io.omnistock.contracts.Topics;
import io.omnistock.deploy.ChildJvm;
import io.omnistock.engine.MonitoringQueries.LabelMatcher;
import io.omnistock.testing.Await;
import io.omnistock.testing.KafkaBrokerExtension;
import io.omnistock.testing.KafkaTestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every metric the shipped dashboard and alert rules query is one the jobs or Flink export: the
 * engine and analytics jobs run on the real broker and a MiniCluster with Flink's Prometheus
 * reporter (the one config.yaml configures), and the names, and the job and operator names the
 * queries select, are read from the reporter's {@code /metrics} page.
 */
class MonitoringMetricsITCase {
    /**
     * The reporter binds the first free port of a range: a single port picked free before the
     * cluster starts can be taken meanwhile (by the broker, say), and the scrape reads whichever
     * port of the range serves the reporter's page.
     */
    private static final int FIRST_PORT = ChildJvm.freePort();

    private static final int PORTS = 10;
    private static final Duration DEADLINE = Duration.ofMinutes(2);
    private static final Pattern SAMPLE =
            Pattern.compile("^([A-Za-z_:][A-Za-z0-9_:]*)(\\{(.*)})? ", Pattern.MULTILINE);
    private static final Pattern LABEL = Pattern.compile("([A-Za-z_]+)=\"([^\"]*)\"");

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(4)
                            .setConfiguration(prometheusReporter())
                            .build());

    private static Configuration prometheusReporter() {
        Configuration conf = new Configuration();
        conf.setString(
                "metrics.reporter.prom.factory.class",
                "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        conf.setString("metrics.reporter.prom.port", FIRST_PORT + "-" + (FIRST_PORT + PORTS - 1));
        return conf;
    }

    @Test
    void everyMetricTheDashboardAndAlertsQueryIsExportedByTheRunningJobs() throws Exception {
        MonitoringQueries queries = MonitoringQueries.load();
        Set<String> wanted = queries.metricNames();
        Set<LabelMatcher> matchers = queries.labelMatchers();
        KAFKA.createTopics(Topics.all(), 2);
        // input to fetch: the Kafka source registers its lag (pendingRecords) with a partition's
        // first fetched records; undecodable ones also exercise the dead-letter counters
        try (KafkaTestClient client = new KafkaTestClient(KAFKA.bootstrapServers())) {
            for (int i = 0; i < 20; i++) {
                client.send(
                        Topics.POS.name(),
                        "key-" + i,
                        "not avro".getBytes(StandardCharsets.UTF_8),
                        System.currentTimeMillis());
            }
        }

        try (RunningLedger ledger =
                        RunningLedger.start(KAFKA.bootstrapServers(), DeliveryMode.EXACTLY_ONCE);
                RunningAnalytics analytics = RunningAnalytics.start(KAFKA.bootstrapServers())) {
            Exported exported =
                    Await.until(
                            "the reporter exports every metric and label the queries use",
                            MonitoringMetricsITCase::scrape,
                            e ->
                                    e.names().containsAll(wanted)
                                            && matchers.stream().allMatch(e::has),
                            DEADLINE);

            assertThat(exported.names()).containsAll(wanted);
            assertThat(matchers).allMatch(exported::has);
        } catch (AssertionError e) {
            Exported last = scrape();
            Set<String> missing = new HashSet<>(wanted);
            missing.removeAll(last.names());
            throw new AssertionError(
                    "not exported: "
                            + missing
                            + "; no such label value: "
                            + matchers.stream().filter(m -> !last.has(m)).toList(),
                    e.getCause() == null ? null : e.getCause().getCause());
        }
        // the check can fail: a name the jobs do not export is never found
        assertThat(scrape().names())
                .doesNotContain("flink_taskmanager_job_task_operator_no_such_counter");
    }

    /** The {@code /metrics} page of the port of the range that the reporter bound. */
    private static HttpResponse<String> reporterPage() throws Exception {
        Exception last = null;
        for (int port = FIRST_PORT; port < FIRST_PORT + PORTS; port++) {
            try {
                HttpResponse<String> page =
                        HttpClient.newHttpClient()
                                .send(
                                        HttpRequest.newBuilder(
                                                        URI.create(
                                                                "http://localhost:"
                                                                        + port
                                                                        + "/metrics"))
                                                .timeout(Duration.ofSeconds(10))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString());
                if (page.statusCode() == 200 && page.body().contains("flink_")) {
                    return page;
                }
            } catch (java.io.IOException e) {
                last = e; // not the reporter's port (nothing, or another server, listens there)
            }
        }
        throw new IllegalStateException(
                "no Prometheus reporter page on ports "
                        + FIRST_PORT
                        + "-"
                        + (FIRST_PORT + PORTS - 1),
                last);
    }

    /** The metric names and the values of the job and operator labels the reporter serves now. */
    private static Exported scrape() throws Exception {
        HttpResponse<String> page = reporterPage();
        Set<String> names = new HashSet<>();
        Map<String, Set<String>> labelValues = new HashMap<>();
        Matcher sample = SAMPLE.matcher(page.body());
        while (sample.find()) {
            names.add(sample.group(1));
            if (sample.group(3) != null) {
                Matcher label = LABEL.matcher(sample.group(3));
                while (label.find()) {
                    if (label.group(1).equals("job_name")
                            || label.group(1).equals("operator_name")) {
                        labelValues
                                .computeIfAbsent(label.group(1), k -> new HashSet<>())
                                .add(label.group(2));
                    }
                }
            }
        }
        return new Exported(names, labelValues);
    }

    private record Exported(Set<String> names, Map<String, Set<String>> labelValues) {
        boolean has(LabelMatcher matcher) {
            return labelValues.getOrDefault(matcher.label(), Set.of()).stream()
                    .anyMatch(v -> v.matches(matcher.regex()));
        }
    }
}
