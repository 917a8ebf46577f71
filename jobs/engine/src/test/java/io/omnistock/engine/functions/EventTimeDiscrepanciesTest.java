package io.omnistock.engine.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.Availability;
import io.omnistock.avro.CountCheck;
import io.omnistock.avro.Discrepancy;
import io.omnistock.avro.SourceSystem;
import io.omnistock.contracts.Topics;
import io.omnistock.domain.inventory.LedgerSettings;
import io.omnistock.domain.returns.Returns;
import io.omnistock.generator.GeneratedRecord;
import io.omnistock.generator.GeneratedRun;
import io.omnistock.generator.NetworkConfig;
import io.omnistock.generator.ReferenceLedger;
import io.omnistock.generator.RetailEventGenerator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Discrepancies judged in event time (docs/design.md 3), through the real function on RocksDB: one
 * generated stream fed in event-time order and again with the warehouse and 3PL feeds running ahead
 * of the tills (within the watermark's out-of-orderness bound) gives the same discrepancies and the
 * same inventory accuracy, and those are the counts that disagree with the generator's event-time
 * book.
 */
class EventTimeDiscrepanciesTest {
    private static final long OUT_OF_ORDERNESS = Duration.ofMinutes(10).toMillis();

    /** How far ahead of the tills, in event time, the warehouse and 3PL records arrive. */
    private static final long FEED_SKEW = Duration.ofMinutes(5).toMillis();

    private static final Set<String> AHEAD = Set.of(Topics.WMS.name(), Topics.THREE_PL.name());

    /** What a feed made of the counts. */
    record Judged(
            Set<String> discrepancies, Set<String> checks, double accuracy, long superseded) {}

    @ParameterizedTest
    @ValueSource(longs = {7, 42})
    void skewedFeedsGiveTheDiscrepanciesAndAccuracyOfTheInOrderStream(long seed) throws Exception {
        GeneratedRun run = RetailEventGenerator.generate(NetworkConfig.small().withSeed(seed));
        List<GeneratedRecord> valid =
                run.records().stream()
                        .filter(r -> r.kind() != GeneratedRecord.Kind.MALFORMED)
                        .toList();
        List<GeneratedRecord> inOrder = new ArrayList<>(valid);
        inOrder.sort(Comparator.comparingLong(GeneratedRecord::eventTime));
        List<GeneratedRecord> skewed = new ArrayList<>(valid);
        skewed.sort(Comparator.comparingLong(EventTimeDiscrepanciesTest::arrival));

        Judged ordered = feed(run.nodeRecords(), inOrder);
        Judged skew = feed(run.nodeRecords(), skewed);

        assertThat(skew.superseded())
                .as("the skew makes deltas arrive after counts stamped after them")
                .isGreaterThan(ordered.superseded());
        assertThat(ordered.discrepancies()).isNotEmpty();
        assertThat(skew.discrepancies()).isEqualTo(ordered.discrepancies());
        assertThat(skew.checks()).isEqualTo(ordered.checks());
        assertThat(skew.accuracy()).isEqualTo(ordered.accuracy());
        assertThat(ordered.discrepancies())
                .as("the counts that disagree with the event-time book")
                .isEqualTo(
                        run.reference().mismatches().stream()
                                .map(EventTimeDiscrepanciesTest::key)
                                .collect(Collectors.toSet()));
    }

    /** When a record arrives: its event time, the warehouse's and 3PL's ahead of the tills. */
    private static long arrival(GeneratedRecord r) {
        return AHEAD.contains(r.topic()) ? r.eventTime() - FEED_SKEW : r.eventTime();
    }

    /**
     * Feeds the records through the function with the watermark at the highest event time seen
     * minus the out-of-orderness bound, then ends the input.
     */
    private static Judged feed(List<GeneratedRecord> nodes, List<GeneratedRecord> records)
            throws Exception {
        LedgerSettings settings = LedgerSettings.defaults();
        InventoryDeserializationSchema schema = new InventoryDeserializationSchema(settings);
        schema.open(null);
        try (KeyedBroadcastOperatorTestHarness<String, SourcedEvent, SourcedEvent, Availability>
                harness = harness(settings)) {
            long offset = 0;
            for (GeneratedRecord node : nodes) {
                harness.processBroadcastElement(
                        SourcedEvent.of(decode(schema, node, offset++).node), node.eventTime());
            }
            long maxEventTime = Long.MIN_VALUE;
            long watermark = Long.MIN_VALUE;
            for (GeneratedRecord record : records) {
                SourcedEvent in = decode(schema, record, offset++);
                assertThat(in.isRejected()).as("%s", record).isFalse();
                harness.processElement(in, record.eventTime());
                maxEventTime = Math.max(maxEventTime, record.eventTime());
                if (maxEventTime - OUT_OF_ORDERNESS > watermark) {
                    watermark = maxEventTime - OUT_OF_ORDERNESS;
                    harness.watermark(watermark);
                }
            }
            harness.watermark(Long.MAX_VALUE);

            List<Discrepancy> discrepancies = values(harness, LedgerOutputs.DISCREPANCIES);
            List<CountCheck> checks = values(harness, LedgerOutputs.COUNT_CHECKS);
            assertThat(values(harness, LedgerOutputs.DEAD_LETTERS)).isEmpty();
            assertThat(checks)
                    .isNotEmpty()
                    .allSatisfy(
                            c -> {
                                assertThat(c.getExpected()).as(c.getEventId()).isNotNull();
                                assertThat(c.getMatched())
                                        .as(c.getEventId())
                                        .isEqualTo(c.getCounted() == c.getExpected());
                                assertThat(c.getBatchId() != null)
                                        .as("%s carries its 3PL batch", c.getEventId())
                                        .isEqualTo(c.getSource() == SourceSystem.THREE_PL);
                            });
            assertThat(checks).anyMatch(c -> c.getBatchId() != null);
            long matched = checks.stream().filter(CountCheck::getMatched).count();
            return new Judged(
                    discrepancies.stream()
                            .map(
                                    d ->
                                            d.getEventId()
                                                    + " "
                                                    + d.getExpected()
                                                    + "->"
                                                    + d.getCounted())
                            .collect(Collectors.toSet()),
                    checks.stream()
                            .map(c -> c.getEventId() + " " + c.getMatched())
                            .collect(Collectors.toSet()),
                    (double) matched / checks.size(),
                    ((Number)
                                    harness.getEnvironment()
                                            .getAccumulatorRegistry()
                                            .getUserMap()
                                            .get(LedgerMetrics.SUPERSEDED_DELTAS)
                                            .getLocalValue())
                            .longValue());
        }
    }

    private static String key(ReferenceLedger.CountMismatch m) {
        return m.countEventId() + " " + m.expected() + "->" + m.counted();
    }

    private static SourcedEvent decode(
            InventoryDeserializationSchema schema, GeneratedRecord record, long offset)
            throws Exception {
        List<SourcedEvent> decoded = new ArrayList<>();
        byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
        schema.deserialize(
                new ConsumerRecord<>(record.topic(), 0, offset, key, record.value()),
                new Collector<>() {
                    @Override
                    public void collect(SourcedEvent e) {
                        decoded.add(e);
                    }

                    @Override
                    public void close() {}
                });
        return decoded.get(0);
    }

    private static <T> List<T> values(
            KeyedBroadcastOperatorTestHarness<String, SourcedEvent, SourcedEvent, Availability> h,
            org.apache.flink.util.OutputTag<T> tag) {
        return h.getSideOutput(tag) == null
                ? List.of()
                : h.getSideOutput(tag).stream().map(StreamRecord::getValue).toList();
    }

    private static KeyedBroadcastOperatorTestHarness<
                    String, SourcedEvent, SourcedEvent, Availability>
            harness(LedgerSettings settings) throws Exception {
        KeyedBroadcastOperatorTestHarness<String, SourcedEvent, SourcedEvent, Availability> h =
                new KeyedBroadcastOperatorTestHarness<>(
                        new CoBroadcastWithKeyedOperator<>(
                                new ApplyInventoryEventFunction(
                                        settings,
                                        Returns.defaults(),
                                        HoldPeriods.of(Duration.ofSeconds(5)),
                                        1_000),
                                List.of(ApplyInventoryEventFunction.BROADCAST_STATES)),
                        SourcedEvent::sku,
                        Types.STRING,
                        1,
                        1,
                        0);
        h.setStateBackend(new EmbeddedRocksDBStateBackend());
        h.open();
        return h;
    }
}
