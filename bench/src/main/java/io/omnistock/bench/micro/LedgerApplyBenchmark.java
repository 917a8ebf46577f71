package io.omnistock.bench.micro;

import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.SourceSystem;
import io.omnistock.bench.ledger.CountingOutput;
import io.omnistock.domain.inventory.EventType;
import io.omnistock.domain.inventory.InMemorySkuState;
import io.omnistock.domain.inventory.InventoryEvent;
import io.omnistock.domain.inventory.LedgerSettings;
import io.omnistock.domain.inventory.SkuLedger;
import io.omnistock.ledger.domain.NodeInfo;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The ledger's hot path without Flink: {@link SkuLedger#apply} of one event to a position of a SKU
 * stocked at {@value #NODES} stores, its state on the heap. Each call applies the next of {@value
 * #RING} prepared events (unique ids, rising event times); when they are used up the SKU's state
 * starts over, so dedupe entries and buffered deltas do not pile up without end.
 */
@State(Scope.Thread)
public class LedgerApplyBenchmark {
    static final int NODES = 50;
    static final int RING = 1 << 14;

    /** Buffered deltas each position starts with (the last hours' movements). */
    static final int OPENING_DELTAS = 8;

    private static final String SKU = "SKU-00042";
    private static final long START = System.currentTimeMillis() - Duration.ofHours(6).toMillis();
    private static final long OUT_OF_ORDERNESS = Duration.ofMinutes(10).toMillis();

    private final LedgerSettings settings = LedgerSettings.defaults();
    private final SkuLedger ledger = new SkuLedger(settings);
    private final CountingOutput out = new CountingOutput();
    private final Map<String, NodeInfo> nodes = new HashMap<>();
    private final String[] nodeIds = new String[NODES];
    private InventoryEvent[] deltas;
    private InventoryEvent[] counts;
    private InMemorySkuState state;
    private int nextDelta;
    private int nextCount;
    private long now;

    @Setup
    public void setUp() {
        for (int n = 0; n < NODES; n++) {
            nodeIds[n] = String.format("STORE-%03d", n + 1);
            NodeInfo node = new NodeInfo(nodeIds[n], NodeType.STORE, NodeStatus.OPEN, 2);
            node.updatedAt = START - Duration.ofDays(1).toMillis();
            nodes.put(nodeIds[n], node);
        }
        long step = Duration.ofSeconds(1).toMillis();
        long first = START + OPENING_DELTAS * NODES * step;
        deltas = new InventoryEvent[RING];
        counts = new InventoryEvent[RING];
        for (int i = 0; i < RING; i++) {
            String node = nodeIds[i % NODES];
            long time = first + i * step;
            deltas[i] =
                    i % 4 == 3
                            ? event("r" + i, time, node, EventType.RECEIPT, 6, SourceSystem.WMS)
                            : event("s" + i, time, node, EventType.SALE, 1, SourceSystem.POS);
            counts[i] = event("c" + i, time, node, EventType.CYCLE_COUNT, 40, SourceSystem.WMS);
        }
        now = System.currentTimeMillis();
        reset();
    }

    /** A fresh state for the SKU: every position with its opening movements. */
    private void reset() {
        state = new InMemorySkuState(nodes);
        long time = START;
        for (int k = 0; k < OPENING_DELTAS; k++) {
            for (String node : nodeIds) {
                EventType type = k == 0 ? EventType.RECEIPT : EventType.SALE;
                InventoryEvent opening =
                        event("o" + k + node, time, node, type, k == 0 ? 48 : 1, SourceSystem.WMS);
                apply(opening);
                time += Duration.ofSeconds(1).toMillis();
            }
        }
    }

    /** A sale or a receipt (3 to 1) at the next store. */
    @Benchmark
    public SkuLedger.Outcome applyDelta() {
        if (nextDelta == RING) {
            nextDelta = 0;
            reset();
        }
        return apply(deltas[nextDelta++]);
    }

    /** A cycle count at the next store, over its buffered deltas. */
    @Benchmark
    public SkuLedger.Outcome applyCount() {
        if (nextCount == RING) {
            nextCount = 0;
            reset();
        }
        return apply(counts[nextCount++]);
    }

    private SkuLedger.Outcome apply(InventoryEvent e) {
        return ledger.apply(
                e, nodes.get(e.nodeId), now, e.eventTime - OUT_OF_ORDERNESS, state, out);
    }

    private static InventoryEvent event(
            String id, long time, String node, EventType type, long quantity, SourceSystem source) {
        return new InventoryEvent("bench-" + id, time, SKU, node, type, quantity, source);
    }
}
