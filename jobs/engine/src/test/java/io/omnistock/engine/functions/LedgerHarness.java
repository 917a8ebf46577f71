package io.omnistock.engine.functions;

import io.omnistock.avro.Availability;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.SourceSystem;
import io.omnistock.domain.inventory.EventType;
import io.omnistock.domain.inventory.InventoryEvent;
import io.omnistock.domain.inventory.LedgerSettings;
import io.omnistock.domain.returns.Returns;
import io.omnistock.ledger.domain.NodeInfo;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;

/**
 * The ledger function in a harness on RocksDB, one subtask, default settings, and the reference
 * data and stock the reference-data tests start from.
 */
final class LedgerHarness {
    private LedgerHarness() {}

    /** An opened harness keeping {@code cacheEntries} SKU summaries on the heap. */
    static KeyedBroadcastOperatorTestHarness<String, SourcedEvent, SourcedEvent, Availability> open(
            int cacheEntries) throws Exception {
        KeyedBroadcastOperatorTestHarness<String, SourcedEvent, SourcedEvent, Availability>
                harness =
                        new KeyedBroadcastOperatorTestHarness<>(
                                new CoBroadcastWithKeyedOperator<>(
                                        new ApplyInventoryEventFunction(
                                                LedgerSettings.defaults(),
                                                Returns.defaults(),
                                                HoldPeriods.of(Duration.ofSeconds(5)),
                                                cacheEntries),
                                        List.of(ApplyInventoryEventFunction.BROADCAST_STATES)),
                                SourcedEvent::sku,
                                Types.STRING,
                                1,
                                1,
                                0);
        harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        harness.open();
        return harness;
    }

    /** An OPEN node with {@code safetyStock}, known from {@code at}. */
    static void node(
            KeyedBroadcastOperatorTestHarness<String, SourcedEvent, SourcedEvent, Availability> h,
            String id,
            NodeType type,
            long safetyStock,
            long at)
            throws Exception {
        NodeInfo node = new NodeInfo(id, type, NodeStatus.OPEN, safetyStock);
        node.updatedAt = at;
        h.processBroadcastElement(SourcedEvent.of(node), at);
    }

    /** A WMS receipt of {@code units} of {@code sku} at {@code nodeId}. */
    static void receipt(
            KeyedBroadcastOperatorTestHarness<String, SourcedEvent, SourcedEvent, Availability> h,
            String sku,
            String nodeId,
            long units,
            long at)
            throws Exception {
        SourcedEvent in = new SourcedEvent();
        in.event =
                new InventoryEvent(
                        "r-" + sku + "-" + nodeId,
                        at,
                        sku,
                        nodeId,
                        EventType.RECEIPT,
                        units,
                        SourceSystem.WMS);
        h.processElement(in, at);
    }
}
