package io.omnistock.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shipped monitoring (monitoring/): the Grafana dashboard's and the Prometheus alert rules'
 * queries, parsed with Jackson, and the metric names and label matchers in them.
 */
record MonitoringQueries(JsonNode dashboard, JsonNode alerts, List<String> expressions) {
    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    static final Path DASHBOARD = ROOT.resolve("monitoring/grafana/dashboards/omnistock.json");
    static final Path ALERTS = ROOT.resolve("monitoring/prometheus/alerts.yml");

    private static final Pattern METRIC = Pattern.compile("\\bflink_[A-Za-z0-9_]+");
    private static final Pattern LABEL_MATCHER =
            Pattern.compile("\\b(job_name|operator_name)(=~?)\"([^\"]*)\"");

    static MonitoringQueries load() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        JsonNode alerts = new YAMLMapper().readTree(ALERTS.toFile());
        List<String> expressions = new ArrayList<>();
        dashboard
                .path("panels")
                .forEach(
                        p ->
                                p.path("targets")
                                        .forEach(t -> expressions.add(t.path("expr").asText())));
        alerts.path("groups")
                .forEach(
                        g ->
                                g.path("rules")
                                        .forEach(r -> expressions.add(r.path("expr").asText())));
        return new MonitoringQueries(dashboard, alerts, expressions);
    }

    /** Every {@code flink_*} metric name the queries use. */
    Set<String> metricNames() {
        Set<String> names = new TreeSet<>();
        for (String expr : expressions) {
            Matcher m = METRIC.matcher(expr);
            while (m.find()) {
                names.add(m.group());
            }
        }
        return names;
    }

    /** Every {@code job_name} or {@code operator_name} matcher, as a regular expression. */
    Set<LabelMatcher> labelMatchers() {
        Set<LabelMatcher> matchers = new TreeSet<>();
        for (String expr : expressions) {
            Matcher m = LABEL_MATCHER.matcher(expr);
            while (m.find()) {
                String value = m.group(3);
                matchers.add(
                        new LabelMatcher(
                                m.group(1),
                                m.group(2).equals("=~") ? value : Pattern.quote(value)));
            }
        }
        return matchers;
    }

    /** A label and the regular expression its value must match. */
    record LabelMatcher(String label, String regex) implements Comparable<LabelMatcher> {
        @Override
        public int compareTo(LabelMatcher o) {
            return (label + regex).compareTo(o.label + o.regex);
        }
    }
}
