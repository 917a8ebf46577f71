package io.omnistock.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.connectors.KafkaOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/**
 * The analytics job's uids are a savepoint contract, like the ledger job's (its OperatorUidTest):
 * every operator has an explicit, unique uid, and the metric operators keep the uids they had in
 * the ledger job, so their state and their outputs keep their contracts.
 */
class AnalyticsOperatorUidTest {
    /** The metric operators' uids, released with the ledger job and kept when they moved here. */
    private static final List<String> METRIC_UIDS =
            List.of(
                    "decision-to-fact",
                    "decision-facts",
                    "count-facts",
                    "dead-letter-to-fact",
                    "dead-letter-facts",
                    "return-to-fact",
                    "return-facts",
                    "metric-minute-sums",
                    "metrics-1m",
                    "metrics-1h");

    /**
     * Added with the analytics job: its source, the split of its input, count checks to facts; then
     * the counts of the facts that came too late for any revision of their window; then the
     * reconciliation reports (their count checks' watermarks, the reports by node).
     */
    private static final List<String> JOB_UIDS =
            List.of(
                    "analytics-sources",
                    "split-analytics-input",
                    "count-check-to-fact",
                    "expired-metric-facts-1m",
                    "expired-metric-facts-1h",
                    "reconciliation-checks",
                    "reconciliation-reports");

    private static final List<String> SINK_TOPICS =
            List.of(
                    "metrics.sustainability",
                    "metrics.operations",
                    "deadletter",
                    "metrics.reconciliation");

    @Test
    void everyOperatorHasAUniqueExplicitUid() {
        StreamGraph graph = analyticsGraph();

        assertThat(graph.getStreamNodes()).extracting(StreamNode::getOperatorName).isNotEmpty();
        assertThat(
                        graph.getStreamNodes().stream()
                                .filter(n -> n.getTransformationUID() == null)
                                .map(StreamNode::getOperatorName))
                .isEmpty();
        Map<String, Long> counts =
                graph.getStreamNodes().stream()
                        .collect(
                                Collectors.groupingBy(
                                        StreamNode::getTransformationUID,
                                        TreeMap::new,
                                        Collectors.counting()));
        assertThat(counts).allSatisfy((uid, n) -> assertThat(n).as(uid).isEqualTo(1L));
    }

    @Test
    void theUidsAreTheReleasedOnes() {
        List<String> expected = new ArrayList<>(METRIC_UIDS);
        expected.addAll(JOB_UIDS);
        for (String topic : SINK_TOPICS) {
            expected.add(topic + "-sink");
            expected.add("Sink Committer: " + topic + "-sink");
        }

        assertThat(analyticsGraph().getStreamNodes())
                .extracting(StreamNode::getTransformationUID)
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theWindowsAreTheKeyedOperators() {
        assertThat(
                        analyticsGraph().getStreamNodes().stream()
                                .filter(n -> n.getStateKeySerializer() != null)
                                .map(StreamNode::getTransformationUID))
                .containsExactlyInAnyOrder("metrics-1m", "metrics-1h", "reconciliation-reports");
    }

    /** The real job's graph; its Kafka clients are only built, nothing connects. */
    static StreamGraph analyticsGraph() {
        Configuration conf = new Configuration();
        conf.set(KafkaOptions.BOOTSTRAP_SERVERS, "unreachable.invalid:9092");
        StreamExecutionEnvironment env = AnalyticsJob.environment(conf);
        AnalyticsJob.build(env, conf);
        return env.getStreamGraph();
    }
}
