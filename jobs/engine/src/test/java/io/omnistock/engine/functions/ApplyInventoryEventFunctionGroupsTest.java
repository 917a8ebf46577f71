package io.omnistock.engine.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.omnistock.avro.Availability;
import io.omnistock.avro.GroupAvailability;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.SourceSystem;
import io.omnistock.contracts.Topics;
import io.omnistock.domain.inventory.EventType;
import io.omnistock.domain.inventory.InventoryEvent;
import io.omnistock.domain.inventory.LedgerSettings;
import io.omnistock.domain.returns.Returns;
import io.omnistock.ledger.domain.NodeInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ledger function's group availability on RocksDB with a one-entry summary cache, so a SKU's
 * summary is rebuilt from its positions whenever another SKU was touched in between: records on the
 * {@link LedgerOutputs#GROUPS} side output, change-only, with rising versions per key.
 */
class ApplyInventoryEventFunctionGroupsTest {
    private static final long T0 = Instant.parse("2026-03-02T08:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    private static final AtomicLong OFFSETS = new AtomicLong();

    private KeyedBroadcastOperatorTestHarness<String, SourcedEvent, SourcedEvent, Availability>
            harness;

    @BeforeEach
    void open() throws Exception {
        harness = harness(null);
        // STORE-1 (safety stock 1) in brand-a and east; DC-1 in east
        node("STORE-1", NodeType.STORE, NodeStatus.OPEN, 1, T0 - HOUR, "brand-a", "east");
        node("DC-1", NodeType.DC, NodeStatus.OPEN, 0, T0 - HOUR, "east");
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void aStockChangePublishesTheGroupsOfItsNodeWithTheirFigures() throws Exception {
        send(event("r-1", "SKU-1", "DC-1", EventType.RECEIPT, 40, T0));
        send(event("r-2", "SKU-1", "STORE-1", EventType.RECEIPT, 6, T0 + MINUTE));

        // east: DC 40 (ATP 40), then STORE 6 (ATP 5) joins: 46 on hand, ATP 45, two nodes.
        // Versions: the SKU's change count, each new position one availability version and one
        // network share change: 2, then 4
        assertThat(groups())
                .containsExactlyInAnyOrder(
                        tuple("SKU-1|east", 40L, 0L, 40L, 1, 2L),
                        tuple("SKU-1|brand-a", 6L, 0L, 5L, 1, 4L),
                        tuple("SKU-1|east", 46L, 0L, 45L, 2, 4L));
        assertThat(values().get(0).getEventId()).isEqualTo("SKU-1|east|2");
        GroupAvailability last = values().get(2);
        assertThat(last.getEventTime().toEpochMilli()).isEqualTo(T0 + MINUTE);
    }

    @Test
    void aNodeLeavingAGroupAndClosingRepublishesTheGroupsOfEverySkuAlsoWhenRebuilt()
            throws Exception {
        send(event("r-1", "SKU-1", "DC-1", EventType.RECEIPT, 40, T0));
        send(event("r-2", "SKU-1", "STORE-1", EventType.RECEIPT, 6, T0 + MINUTE));
        send(event("r-3", "SKU-2", "STORE-1", EventType.RECEIPT, 3, T0 + 2 * MINUTE));
        harness.getSideOutput(LedgerOutputs.GROUPS).clear();

        // STORE-1 leaves east: SKU-1 is rebuilt from RocksDB by the pass (SKU-2 was cached last)
        node("STORE-1", NodeType.STORE, NodeStatus.OPEN, 1, T0 + HOUR, "brand-a");
        assertThat(groups())
                .as("east loses STORE-1's figures; brand-a's did not move")
                .extracting(t -> List.of(t.toArray()).subList(0, 5))
                .containsExactlyInAnyOrder(
                        List.of("SKU-1|east", 40L, 0L, 40L, 1),
                        List.of("SKU-2|east", 0L, 0L, 0L, 0));
        harness.getSideOutput(LedgerOutputs.GROUPS).clear();

        node("DC-1", NodeType.DC, NodeStatus.CLOSED, 0, T0 + 2 * HOUR, "east");
        assertThat(groups())
                .extracting(t -> List.of(t.toArray()).subList(0, 5))
                .containsExactly(List.of("SKU-1|east", 0L, 0L, 0L, 0));
    }

    @Test
    void theHighestVersionPerKeyIsTheFinalStateAcrossARestore() throws Exception {
        List<GroupAvailability> all = new java.util.ArrayList<>();
        send(event("r-1", "SKU-1", "DC-1", EventType.RECEIPT, 40, T0));
        send(event("r-2", "SKU-1", "STORE-1", EventType.RECEIPT, 6, T0 + MINUTE));
        send(event("r-3", "SKU-2", "STORE-1", EventType.RECEIPT, 3, T0 + 2 * MINUTE));
        node("STORE-1", NodeType.STORE, NodeStatus.OPEN, 1, T0 + HOUR, "brand-a");
        all.addAll(values());
        OperatorSubtaskState checkpoint = harness.snapshot(1, T0 + HOUR);
        harness.close();

        harness = harness(checkpoint);
        send(event("s-1", "SKU-1", "STORE-1", EventType.SALE, 2, T0 + 2 * HOUR));
        send(event("s-2", "SKU-2", "DC-1", EventType.RECEIPT, 7, T0 + 2 * HOUR));
        all.addAll(values());

        Map<String, GroupAvailability> latest = new HashMap<>();
        Map<String, Long> previous = new HashMap<>();
        for (GroupAvailability g : all) {
            String key = Topics.groupKey(g.getSku(), g.getNodeGroup());
            assertThat(g.getVersion()).as(key).isGreaterThan(previous.getOrDefault(key, 0L));
            previous.put(key, g.getVersion());
            latest.merge(key, g, (a, b) -> a.getVersion() >= b.getVersion() ? a : b);
        }
        // SKU-1: STORE-1 4 on hand (ATP 3) in brand-a only; east holds DC-1's 40.
        // SKU-2: STORE-1 3 (ATP 2) in brand-a; east holds DC-1's 7, received after the restore
        assertThat(latest.values())
                .extracting(
                        g -> Topics.groupKey(g.getSku(), g.getNodeGroup()),
                        GroupAvailability::getOnHand,
                        GroupAvailability::getAtp,
                        GroupAvailability::getNodes)
                .containsExactlyInAnyOrder(
                        tuple("SKU-1|brand-a", 4L, 3L, 1),
                        tuple("SKU-1|east", 40L, 40L, 1),
                        tuple("SKU-2|brand-a", 3L, 2L, 1),
                        tuple("SKU-2|east", 7L, 7L, 1));
        assertThat(latest.get("SKU-1|brand-a").getVersion() >>> 32)
                .as("published after the restore: its generation")
                .isEqualTo(1);
    }

    private List<GroupAvailability> values() {
        return harness.getSideOutput(LedgerOutputs.GROUPS) == null
                ? List.of()
                : harness.getSideOutput(LedgerOutputs.GROUPS).stream()
                        .map(r -> ((StreamRecord<GroupAvailability>) r).getValue())
                        .toList();
    }

    private List<Tuple> groups() {
        return values().stream()
                .map(
                        g ->
                                tuple(
                                        Topics.groupKey(g.getSku(), g.getNodeGroup()),
                                        g.getOnHand(),
                                        g.getReserved(),
                                        g.getAtp(),
                                        g.getNodes(),
                                        g.getVersion()))
                .toList();
    }

    private void node(
            String id,
            NodeType type,
            NodeStatus status,
            long safetyStock,
            long updatedAt,
            String... groups)
            throws Exception {
        NodeInfo node = new NodeInfo(id, type, status, safetyStock).inGroups(List.of(groups));
        node.updatedAt = updatedAt;
        harness.processBroadcastElement(SourcedEvent.of(node), updatedAt);
    }

    private void send(InventoryEvent event) throws Exception {
        harness.processElement(sourced(event), event.eventTime);
    }

    private static InventoryEvent event(
            String id, String sku, String node, EventType type, long qty, long time) {
        SourceSystem source = type == EventType.SALE ? SourceSystem.POS : SourceSystem.WMS;
        return new InventoryEvent(id, time, sku, node, type, qty, source);
    }

    private static SourcedEvent sourced(InventoryEvent event) {
        SourcedEvent sourced = new SourcedEvent();
        sourced.event = event;
        sourced.topic = event.source == SourceSystem.POS ? "inventory.pos" : "inventory.wms";
        sourced.partition = 0;
        sourced.offset = OFFSETS.incrementAndGet();
        sourced.recordTimestamp = event.eventTime;
        sourced.key = event.sku;
        sourced.bytes = ("raw:" + event.eventId).getBytes(StandardCharsets.UTF_8);
        return sourced;
    }

    /** The function on RocksDB with one summary on the heap, as the ledger tests run it. */
    private static KeyedBroadcastOperatorTestHarness<
                    String, SourcedEvent, SourcedEvent, Availability>
            harness(OperatorSubtaskState checkpoint) throws Exception {
        KeyedBroadcastOperatorTestHarness<String, SourcedEvent, SourcedEvent, Availability> h =
                new KeyedBroadcastOperatorTestHarness<>(
                        new CoBroadcastWithKeyedOperator<>(
                                new ApplyInventoryEventFunction(
                                        LedgerSettings.defaults(),
                                        Returns.defaults(),
                                        HoldPeriods.of(Duration.ofSeconds(5)),
                                        1),
                                List.of(ApplyInventoryEventFunction.BROADCAST_STATES)),
                        SourcedEvent::sku,
                        Types.STRING,
                        1,
                        1,
                        0);
        h.setStateBackend(new EmbeddedRocksDBStateBackend());
        if (checkpoint == null) {
            h.open();
        } else {
            h.setup();
            h.initializeState(checkpoint);
            h.open();
        }
        return h;
    }
}
