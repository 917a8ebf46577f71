package io.omnistock.ledger.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.AlertType;
import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.SourceSystem;
import io.omnistock.connectors.Topics;
import io.omnistock.generator.ExpectedPosition;
import io.omnistock.generator.GeneratedRecord;
import io.omnistock.generator.GeneratedRun;
import io.omnistock.generator.NetworkConfig;
import io.omnistock.generator.RetailEventGenerator;
import io.omnistock.ledger.domain.InMemorySkuState;
import io.omnistock.ledger.domain.InventoryEvent;
import io.omnistock.ledger.domain.LedgerSettings;
import io.omnistock.ledger.domain.NetworkTotals;
import io.omnistock.ledger.domain.NodeInfo;
import io.omnistock.ledger.domain.Position;
import io.omnistock.ledger.domain.Rejection;
import io.omnistock.ledger.domain.SkuLedger;
import io.omnistock.ledger.domain.StockReply;
import io.omnistock.ledger.domain.forecast.Forecast;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine's decode path and rules, without the Flink runtime, replayed over generated streams in
 * arrival order (watermark = highest event time seen minus the out-of-orderness bound): the ledger
 * ends equal to the generator's reference and dead-letters exactly the malformed records.
 */
class GeneratedStreamReplayTest {
    private static final long OUT_OF_ORDERNESS = Duration.ofMinutes(10).toMillis();

    @ParameterizedTest
    @ValueSource(longs = {7, 11, 42})
    void theRulesReplayAGeneratedStreamToTheReferenceLedger(long seed) {
        GeneratedRun run = RetailEventGenerator.generate(NetworkConfig.small().withSeed(seed));
        Replay replay = new Replay();
        List<GeneratedRecord> all = new ArrayList<>(run.nodeRecords());
        all.addAll(run.records());

        List<String> wrongReasons = new ArrayList<>();
        for (GeneratedRecord record : all) {
            DeadLetterReason reason = replay.apply(record);
            if (reason != record.expectedReason()) {
                wrongReasons.add(record + " -> " + reason + " " + replay.lastMessage);
            }
        }

        assertThat(wrongReasons).isEmpty();
        Map<String, ExpectedPosition> expected = run.reference().positions();
        Map<String, Position> positions = replay.positionsByKey();
        assertThat(positions.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach(
                (key, want) -> {
                    Position got = positions.get(key);
                    assertThat(
                                    new long[] {
                                        got.publishedOnHand,
                                        got.publishedInTransit,
                                        got.publishedAtp
                                    })
                            .as(key)
                            .containsExactly(want.onHand(), want.inTransit(), want.atp());
                });
    }

    /** All SKUs' state on maps; records go through the job's own deserializer first. */
    private static final class Replay implements SkuLedger.Output {
        final Map<String, InMemorySkuState> skus = new HashMap<>();
        final Map<String, NodeInfo> nodes = new HashMap<>();
        final SkuLedger ledger = new SkuLedger(LedgerSettings.defaults());
        final InventoryDeserializationSchema schema =
                new InventoryDeserializationSchema(LedgerSettings.defaults());
        final List<SourcedEvent> decoded = new ArrayList<>();
        final Collector<SourcedEvent> collector =
                new Collector<>() {
                    @Override
                    public void collect(SourcedEvent record) {
                        decoded.add(record);
                    }

                    @Override
                    public void close() {}
                };
        long offset;
        long maxEventTime = Long.MIN_VALUE;
        DeadLetterReason rejection;
        String lastMessage;

        Replay() {
            schema.open(null);
        }

        DeadLetterReason apply(GeneratedRecord record) {
            decoded.clear();
            byte[] key =
                    record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
            schema.deserialize(
                    new ConsumerRecord<>(record.topic(), 0, offset++, key, record.value()),
                    collector);
            SourcedEvent in = decoded.get(0);
            lastMessage = in.rejectionMessage;
            if (in.isRejected()) {
                return in.rejection;
            }
            if (in.node != null) {
                nodes.put(in.node.nodeId, in.node);
                return null;
            }
            InventoryEvent e = in.event;
            long watermark =
                    maxEventTime == Long.MIN_VALUE
                            ? Long.MIN_VALUE
                            : maxEventTime - OUT_OF_ORDERNESS;
            rejection = null;
            InMemorySkuState state =
                    skus.computeIfAbsent(e.sku, sku -> new InMemorySkuState(nodes));
            ledger.apply(
                    e, nodes.get(e.nodeId), System.currentTimeMillis(), watermark, state, this);
            if (rejection == null) {
                maxEventTime = Math.max(maxEventTime, e.eventTime);
            }
            return rejection;
        }

        /** Every SKU's positions, keyed {@code sku|node} as on the availability topic. */
        Map<String, Position> positionsByKey() {
            Map<String, Position> all = new HashMap<>();
            skus.forEach(
                    (sku, state) ->
                            state.positions.forEach(
                                    (node, position) ->
                                            all.put(Topics.positionKey(sku, node), position)));
            return all;
        }

        @Override
        public void availability(
                String sku,
                String nodeId,
                Position p,
                NodeInfo node,
                long t,
                SourceSystem s,
                String id,
                Forecast forecast) {}

        @Override
        public void network(String sku, NetworkTotals t, long eventTime) {}

        @Override
        public void discrepancy(
                String sku, String nodeId, long expected, long counted, InventoryEvent count) {}

        @Override
        public void countCompared(InventoryEvent count, NodeInfo node, boolean matched) {}

        @Override
        public void alert(
                String sku,
                String nodeId,
                AlertType type,
                long prev,
                long atp,
                long threshold,
                long t,
                long v) {}

        @Override
        public void projectedStockout(
                String sku,
                String nodeId,
                long atp,
                Forecast forecast,
                long leadTimeMillis,
                long eventTime,
                long version) {}

        @Override
        public void rejected(InventoryEvent event, Rejection r) {
            rejection = r.reason();
            lastMessage = r.message();
        }

        @Override
        public void reply(StockReply reply) {
            throw new AssertionError("no routing in a generated inventory stream: " + reply);
        }
    }
}
