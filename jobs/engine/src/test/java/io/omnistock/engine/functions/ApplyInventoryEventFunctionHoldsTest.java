package io.omnistock.engine.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.Availability;
import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.HoldEvent;
import io.omnistock.avro.HoldEventType;
import io.omnistock.avro.NetworkAvailability;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.SourceSystem;
import io.omnistock.domain.holds.HoldCommand;
import io.omnistock.domain.inventory.EventType;
import io.omnistock.domain.inventory.InventoryEvent;
import io.omnistock.domain.inventory.LedgerSettings;
import io.omnistock.domain.returns.Returns;
import io.omnistock.ledger.domain.Hold;
import io.omnistock.ledger.domain.NodeInfo;
import io.omnistock.ledger.domain.NodeUnits;
import io.omnistock.ledger.domain.StockReply;
import io.omnistock.ledger.domain.StockRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cart and checkout holds in the ledger function (harness, RocksDB): every outcome on the
 * hold-events side output, held units on availability and out of ATP and the network totals, and
 * expiry on processing-time timers (odd milliseconds) that move with an extension and go with a
 * release, apart from the grace timers of held records (even milliseconds).
 */
class ApplyInventoryEventFunctionHoldsTest {
    private static final long T0 = Instant.parse("2026-03-02T08:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000;

    /** The wall clock at the first request: even. */
    private static final long P0 = 5_000_000;

    private KeyedBroadcastOperatorTestHarness<String, SourcedEvent, SourcedEvent, Availability>
            harness;
    private int requests;

    @BeforeEach
    void open() throws Exception {
        harness =
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
        harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        harness.open();
        harness.setProcessingTime(P0);
        node("S1", NodeType.STORE, 2);
        node("D1", NodeType.DC, 0);
        receipt("S1", 10);
        receipt("D1", 10);
        harness.getOutput().clear();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void aHoldIsHeldPublishedAndExpiresOnTheWallClock() throws Exception {
        hold("H-1", "D1", 4, 60);

        HoldEvent held = lastHoldEvent();
        assertThat(held.getType()).isEqualTo(HoldEventType.HELD);
        assertThat(held.getHoldId()).isEqualTo("H-1");
        assertThat(held.getNodeId()).isEqualTo("D1");
        assertThat(held.getQuantity()).isEqualTo(4);
        // P0 + 60,000 is even: the expiry is the odd millisecond after it
        assertThat(held.getExpiresAt()).isEqualTo(Instant.ofEpochMilli(P0 + 60_001));
        assertThat(held.getChannel()).isEqualTo("WEB");
        Availability d1 = lastAvailability("D1");
        assertThat(d1.getHeld()).isEqualTo(4);
        assertThat(d1.getAtp()).isEqualTo(6); // 10 - 4
        assertThat(lastNetworkAtp()).isEqualTo(14); // S1 10 - 2 safety + D1 6
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);

        harness.setProcessingTime(P0 + 60_000);
        assertThat(holdEvents()).hasSize(1);

        harness.setProcessingTime(P0 + 60_001);
        HoldEvent expired = lastHoldEvent();
        assertThat(expired.getType()).isEqualTo(HoldEventType.EXPIRED);
        assertThat(expired.getQuantity()).isEqualTo(4);
        assertThat(expired.getEventTime()).isEqualTo(Instant.ofEpochMilli(P0 + 60_001));
        assertThat(expired.getEventId()).isEqualTo("H-1|EXPIRED|" + (P0 + 60_001));
        assertThat(lastAvailability("D1").getHeld()).isZero();
        assertThat(lastAvailability("D1").getAtp()).isEqualTo(10);
        assertThat(lastNetworkAtp()).isEqualTo(18);
        assertThat(standingHolds()).isEmpty();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void anExtensionMovesTheTimerAndAReleaseDeletesIt() throws Exception {
        hold("H-1", "D1", 4, 60);
        harness.setProcessingTime(P0 + 30_000);

        request("H-1", HoldCommand.Action.EXTEND, null, 0, 60);

        assertThat(lastHoldEvent().getType()).isEqualTo(HoldEventType.EXTENDED);
        assertThat(lastHoldEvent().getExpiresAt()).isEqualTo(Instant.ofEpochMilli(P0 + 90_001));
        assertThat(harness.numProcessingTimeTimers()).as("the old one deleted").isEqualTo(1);
        harness.setProcessingTime(P0 + 60_001);
        assertThat(lastHoldEvent().getType()).isEqualTo(HoldEventType.EXTENDED);
        assertThat(lastAvailability("D1").getHeld()).isEqualTo(4);

        request("H-1", HoldCommand.Action.RELEASE, null, 0, 0);

        assertThat(lastHoldEvent().getType()).isEqualTo(HoldEventType.RELEASED);
        assertThat(lastAvailability("D1").getHeld()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
        harness.setProcessingTime(P0 + 90_001);
        assertThat(lastHoldEvent().getType()).isEqualTo(HoldEventType.RELEASED);
    }

    @Test
    void anUnknownHoldIsRefusedAndARepeatedRequestAnsweredOnce() throws Exception {
        request("H-9", HoldCommand.Action.RELEASE, null, 0, 0);
        SourcedEvent hold = holdRecord("H-1", HoldCommand.Action.HOLD, null, 3, 60);
        harness.processElement(hold, T0);
        harness.processElement(hold, T0);

        assertThat(holdEvents())
                .extracting(HoldEvent::getType, HoldEvent::getHoldId, HoldEvent::getNodeId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(HoldEventType.REFUSED, "H-9", null),
                        org.assertj.core.groups.Tuple.tuple(HoldEventType.HELD, "H-1", "D1"));
        assertThat(holdEvents().get(0).getReason())
                .isEqualTo("no hold H-9 stands (never held, released or expired)");
        assertThat(lastAvailability("D1").getHeld()).isEqualTo(3); // D1 10 beats S1 8
    }

    @Test
    void aReservationCannotTakeHeldUnitsUntilTheHoldGoes() throws Exception {
        hold("H-1", "D1", 8, 60);

        assertThat(reserve("O-1", "D1", 3).kind).isEqualTo(StockReply.Kind.REFUSED);

        harness.setProcessingTime(P0 + 60_001);
        assertThat(reserve("O-2", "D1", 3).kind).isEqualTo(StockReply.Kind.GRANTED);
    }

    @Test
    void aHeldRecordsGraceTimerIsNotTakenForAHoldsExpiry() throws Exception {
        hold("H-1", "D1", 1, 600);
        SourcedEvent unknownNode = new SourcedEvent();
        unknownNode.topic = "inventory.wms";
        unknownNode.bytes = new byte[0];
        unknownNode.event =
                new InventoryEvent(
                        "r-X9", T0, "SKU-1", "X9", EventType.RECEIPT, 1, SourceSystem.WMS);
        harness.processElement(unknownNode, T0); // waits 5 s for its node

        assertThat(harness.numProcessingTimeTimers()).isEqualTo(2);
        harness.setProcessingTime(P0 + 5_000); // the grace timer: even

        assertThat(values(LedgerOutputs.DEAD_LETTERS))
                .extracting(DeadLetter::getReason)
                .containsExactly(DeadLetterReason.UNKNOWN_NODE);
        assertThat(holdEvents()).extracting(HoldEvent::getType).containsExactly(HoldEventType.HELD);
        assertThat(standingHolds()).containsExactly("H-1");
    }

    private void hold(String holdId, String nodeId, long quantity, int ttlSeconds)
            throws Exception {
        request(holdId, HoldCommand.Action.HOLD, nodeId, quantity, ttlSeconds);
    }

    private void request(
            String holdId, HoldCommand.Action action, String nodeId, long qty, int ttlSeconds)
            throws Exception {
        harness.processElement(holdRecord(holdId, action, nodeId, qty, ttlSeconds), T0);
    }

    private SourcedEvent holdRecord(
            String holdId, HoldCommand.Action action, String nodeId, long qty, int ttlSeconds) {
        SourcedEvent in = new SourcedEvent();
        in.topic = "holds.requests";
        in.key = "SKU-1";
        in.bytes = new byte[0];
        in.hold =
                new HoldCommand(
                        "hold-req-" + ++requests,
                        T0,
                        holdId,
                        "SKU-1",
                        action,
                        nodeId,
                        qty,
                        ttlSeconds * 1000L,
                        "WEB");
        return in;
    }

    private StockReply reserve(String orderId, String nodeId, long units) throws Exception {
        StockRequest request =
                new StockRequest(
                        orderId + "/r",
                        T0 + MINUTE,
                        orderId,
                        "SKU-1",
                        StockRequest.Action.RESERVE,
                        1);
        request.units.add(new NodeUnits(nodeId, units));
        harness.processElement(SourcedEvent.of(request), T0 + MINUTE);
        List<SourcedEvent> replies = values(LedgerOutputs.STOCK_REPLIES);
        return replies.get(replies.size() - 1).reply;
    }

    private List<String> standingHolds() throws Exception {
        KeyedStateBackend<Object> backend = harness.getOperator().getKeyedStateBackend();
        backend.setCurrentKey("SKU-1");
        MapState<String, Hold> holds =
                backend.getPartitionedState(
                        VoidNamespace.INSTANCE,
                        VoidNamespaceSerializer.INSTANCE,
                        ApplyInventoryEventFunction.HOLDS);
        List<String> ids = new ArrayList<>();
        holds.keys().forEach(ids::add);
        return ids;
    }

    private List<HoldEvent> holdEvents() {
        return values(LedgerOutputs.HOLD_EVENTS);
    }

    private HoldEvent lastHoldEvent() {
        List<HoldEvent> events = holdEvents();
        return events.get(events.size() - 1);
    }

    private Availability lastAvailability(String nodeId) {
        List<Availability> at =
                harness.extractOutputValues().stream()
                        .filter(a -> a.getNodeId().equals(nodeId))
                        .toList();
        return at.get(at.size() - 1);
    }

    private long lastNetworkAtp() {
        List<NetworkAvailability> network = values(LedgerOutputs.NETWORK);
        return network.get(network.size() - 1).getNetworkAtp();
    }

    private void node(String id, NodeType type, long safetyStock) throws Exception {
        NodeInfo node = new NodeInfo(id, type, NodeStatus.OPEN, safetyStock);
        node.updatedAt = T0 - MINUTE;
        harness.processBroadcastElement(SourcedEvent.of(node), node.updatedAt);
    }

    private void receipt(String nodeId, long units) throws Exception {
        SourcedEvent in = new SourcedEvent();
        in.event =
                new InventoryEvent(
                        "r-" + nodeId,
                        T0 - MINUTE,
                        "SKU-1",
                        nodeId,
                        EventType.RECEIPT,
                        units,
                        SourceSystem.WMS);
        harness.processElement(in, T0 - MINUTE);
    }

    private <T> List<T> values(OutputTag<T> tag) {
        return harness.getSideOutput(tag) == null
                ? List.of()
                : harness.getSideOutput(tag).stream().map(StreamRecord::getValue).toList();
    }
}
