package io.omnistock.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.connectors.KafkaOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/**
 * Uids are the savepoint contract: a savepoint maps each operator's state to the operator with the
 * same uid in the new job. An operator without one gets a hash of its place in the graph, which
 * changes when an operator is added before it, and its state is then lost at the next upgrade (or
 * the restore refuses). Every operator of the ledger job's stream graph must have an explicit,
 * unique uid: keyed operators and sources obviously, but also plain functions, since any of them
 * may keep operator state (CheckpointedFunction) that the graph does not show. Sinks' writers take
 * the uid given to {@code sinkTo(...)}, their committers {@code "Sink Committer: " + uid} (Flink
 * 2.2's derivation).
 */
class OperatorUidTest {
    /** Every uid of the released job: renaming or dropping one loses that operator's state. */
    private static final List<String> RELEASED_UIDS =
            List.of(
                    "inventory-sources",
                    "split-input",
                    "probe-order-skus",
                    "apply-inventory-events",
                    "route-orders",
                    // added with sourcing rules (routing.rules)
                    "sourcing-rules-source",
                    "parse-sourcing-rules",
                    "sourcing-rules-watermarks");

    // decision-to-fact ... metrics-1h and the metrics.* sinks moved to the analytics job (its
    // AnalyticsOperatorUidTest): a savepoint taken before restores with --allowNonRestoredState.

    private static final List<String> SINK_TOPICS =
            List.of(
                    "inventory.availability",
                    "inventory.availability.network",
                    "inventory.alerts",
                    "inventory.discrepancies",
                    "orders.decisions",
                    "orders.reservations",
                    "returns.dispositions",
                    "deadletter",
                    "quotes.responses", // added with delivery-options quotes
                    "holds.events", // added with holds
                    "inventory.count-checks", // added when the metric windows left the job
                    "inventory.availability.groups", // added with group availability
                    "inventory.movements", // added with the movement journal
                    "inventory.availability.channels"); // added with sales channels

    @Test
    void everyOperatorOfTheLedgerJobHasAUniqueExplicitUid() {
        StreamGraph graph = ledgerGraph();

        assertThat(operatorsWithoutUid(graph)).isEmpty();
        assertThat(duplicateUids(graph)).isEmpty();
    }

    @Test
    void theUidsAreTheReleasedOnes() {
        List<String> expected = new ArrayList<>(RELEASED_UIDS);
        for (String topic : SINK_TOPICS) {
            expected.add(topic + "-sink");
            expected.add("Sink Committer: " + topic + "-sink");
        }

        assertThat(uids(ledgerGraph())).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theStatefulOperatorsAreAmongThem() {
        StreamGraph graph = ledgerGraph();
        List<String> keyed =
                graph.getStreamNodes().stream()
                        .filter(n -> n.getStateKeySerializer() != null)
                        .map(StreamNode::getTransformationUID)
                        .toList();

        assertThat(keyed)
                .containsExactlyInAnyOrder(EnginePipeline.APPLY_UID, EnginePipeline.ROUTE_UID);
    }

    @Test
    void anOperatorWithoutUidIsReportedByName() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<String> skus = env.fromData("SKU-1", "SKU-2").uid("skus");
        skus.keyBy(sku -> sku, Types.STRING)
                .process(new CountPerKey())
                .name("count-per-sku") // no uid: the omission to catch
                .sinkTo(new DiscardingSink<>())
                .uid("discard");
        skus.map(String::toLowerCase).name("lower-case").uid("lower-case").print().uid("print");

        StreamGraph graph = env.getStreamGraph();

        assertThat(operatorsWithoutUid(graph)).containsExactly("count-per-sku (keyed state)");
        assertThat(duplicateUids(graph)).isEmpty();
    }

    @Test
    void aUidGivenTwiceIsReported() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<String> skus = env.fromData("SKU-1", "SKU-2").uid("skus");
        skus.map(String::toLowerCase).uid("normalise").sinkTo(new DiscardingSink<>()).uid("a");
        skus.map(String::trim).uid("normalise").sinkTo(new DiscardingSink<>()).uid("b");

        StreamGraph graph = env.getStreamGraph();

        assertThat(operatorsWithoutUid(graph)).isEmpty();
        assertThat(duplicateUids(graph)).containsExactly("normalise");
    }

    /** The real job's graph; its Kafka clients are only built, nothing connects. */
    private static StreamGraph ledgerGraph() {
        Configuration conf = new Configuration();
        conf.set(KafkaOptions.BOOTSTRAP_SERVERS, "unreachable.invalid:9092");
        StreamExecutionEnvironment env = EngineJob.environment(conf);
        EngineJob.build(env, conf);
        return env.getStreamGraph();
    }

    /** Operators with no explicit uid, by name, marked when they hold keyed state. */
    static List<String> operatorsWithoutUid(StreamGraph graph) {
        return graph.getStreamNodes().stream()
                .filter(n -> n.getTransformationUID() == null)
                .map(
                        n ->
                                n.getOperatorName()
                                        + (n.getStateKeySerializer() != null
                                                ? " (keyed state)"
                                                : ""))
                .sorted()
                .toList();
    }

    static List<String> duplicateUids(StreamGraph graph) {
        Map<String, Long> counts =
                graph.getStreamNodes().stream()
                        .map(StreamNode::getTransformationUID)
                        .filter(uid -> uid != null)
                        .collect(
                                Collectors.groupingBy(
                                        uid -> uid, TreeMap::new, Collectors.counting()));
        return counts.entrySet().stream()
                .filter(e -> e.getValue() > 1)
                .map(Map.Entry::getKey)
                .toList();
    }

    private static List<String> uids(StreamGraph graph) {
        return graph.getStreamNodes().stream()
                .map(StreamNode::getTransformationUID)
                .collect(Collectors.toCollection(ArrayList::new));
    }

    /** A keyed function whose state a forgotten uid would put at risk. */
    private static final class CountPerKey extends KeyedProcessFunction<String, String, String> {
        private transient ValueState<Long> count;

        @Override
        public void open(OpenContext openContext) {
            count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
        }

        @Override
        public void processElement(String sku, Context ctx, Collector<String> out)
                throws Exception {
            long seen = count.value() == null ? 1 : count.value() + 1;
            count.update(seen);
            out.collect(sku + "=" + seen);
        }
    }
}
