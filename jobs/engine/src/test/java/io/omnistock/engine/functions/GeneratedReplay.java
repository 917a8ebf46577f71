package io.omnistock.engine.functions;

import io.omnistock.avro.AlertType;
import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.ReturnDisposition;
import io.omnistock.contracts.Topics;
import io.omnistock.domain.inventory.AvailabilityChange;
import io.omnistock.domain.inventory.CountDiscrepancy;
import io.omnistock.domain.inventory.GroupTotals;
import io.omnistock.domain.inventory.InMemorySkuState;
import io.omnistock.domain.inventory.InventoryEvent;
import io.omnistock.domain.inventory.JournalEntry;
import io.omnistock.domain.inventory.LedgerSettings;
import io.omnistock.domain.inventory.NetworkTotals;
import io.omnistock.domain.inventory.Position;
import io.omnistock.domain.inventory.ProjectedStockout;
import io.omnistock.domain.inventory.Rejection;
import io.omnistock.domain.inventory.SkuLedger;
import io.omnistock.domain.inventory.StockAlert;
import io.omnistock.generator.GeneratedRecord;
import io.omnistock.ledger.domain.NodeInfo;
import io.omnistock.ledger.domain.StockReply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The engine's decode path and rules without the Flink runtime, over a generated stream in arrival
 * order (watermark = highest event time seen minus the 10 min out-of-orderness bound): every SKU's
 * state on maps, records through the job's own deserializer first. Alerts are recorded.
 */
final class GeneratedReplay implements SkuLedger.Output {
    private static final long OUT_OF_ORDERNESS = Duration.ofMinutes(10).toMillis();

    /** An alert the ledger raised; a PROJECTED_STOCKOUT carries its expected time. */
    record Raised(String key, AlertType type, long eventTime, long atp, long expectedTime) {}

    final Map<String, InMemorySkuState> skus = new HashMap<>();
    final Map<String, NodeInfo> nodes = new HashMap<>();
    final List<Raised> alerts = new ArrayList<>();

    /** The movement journal by key {@code sku|node}, in order (while the journal is on). */
    final Map<String, List<JournalEntry>> journal = new HashMap<>();

    final SkuLedger ledger;
    private final InventoryDeserializationSchema schema;
    private final List<SourcedEvent> decoded = new ArrayList<>();
    private final Collector<SourcedEvent> collector =
            new Collector<>() {
                @Override
                public void collect(SourcedEvent record) {
                    decoded.add(record);
                }

                @Override
                public void close() {}
            };
    private long offset;
    long maxEventTime = Long.MIN_VALUE;
    private DeadLetterReason rejection;
    String lastMessage;

    GeneratedReplay(LedgerSettings settings) {
        ledger = new SkuLedger(settings);
        schema = new InventoryDeserializationSchema(settings);
        schema.open(null);
    }

    /** Applies one record; returns the dead-letter reason it got, or null. */
    DeadLetterReason apply(GeneratedRecord record) {
        decoded.clear();
        byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
        schema.deserialize(
                new ConsumerRecord<>(record.topic(), 0, offset++, key, record.value()), collector);
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
                maxEventTime == Long.MIN_VALUE ? Long.MIN_VALUE : maxEventTime - OUT_OF_ORDERNESS;
        rejection = null;
        InMemorySkuState state = skus.computeIfAbsent(e.sku, sku -> new InMemorySkuState(nodes));
        ledger.apply(e, nodes.get(e.nodeId), System.currentTimeMillis(), watermark, state, this);
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
    public void availability(AvailabilityChange change) {}

    @Override
    public void network(String sku, NetworkTotals t, long eventTime) {}

    @Override
    public void group(
            String sku, String group, GroupTotals.Figures figures, long changes, long eventTime) {}

    @Override
    public void discrepancy(CountDiscrepancy discrepancy) {}

    @Override
    public void countCompared(
            InventoryEvent count, NodeInfo node, long expected, boolean matched) {}

    @Override
    public void alert(StockAlert a) {
        alerts.add(
                new Raised(
                        Topics.positionKey(a.sku(), a.nodeId()),
                        a.type(),
                        a.eventTime(),
                        a.atp(),
                        Long.MAX_VALUE));
    }

    @Override
    public void projectedStockout(ProjectedStockout p) {
        alerts.add(
                new Raised(
                        Topics.positionKey(p.sku(), p.nodeId()),
                        AlertType.PROJECTED_STOCKOUT,
                        p.eventTime(),
                        p.atp(),
                        p.expectedStockoutTime()));
    }

    @Override
    public void rejected(InventoryEvent event, Rejection r) {
        rejection = r.reason();
        lastMessage = r.message();
    }

    @Override
    public void reply(StockReply reply) {
        throw new AssertionError("no routing in a generated inventory stream: " + reply);
    }

    @Override
    public void movement(JournalEntry entry) {
        journal.computeIfAbsent(
                        Topics.positionKey(entry.event().sku, entry.event().nodeId),
                        key -> new ArrayList<>())
                .add(entry);
    }

    @Override
    public void returned(ReturnDisposition disposition) {
        // till returns are triaged; the reference ledger restocks them all, as they are ungraded
    }
}
