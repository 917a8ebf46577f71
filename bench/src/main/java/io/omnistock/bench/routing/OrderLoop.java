package io.omnistock.bench.routing;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The in-JVM stand-in for the orders.reservations topic and what the benchmark thread shares with
 * the job's source and sinks (the MiniCluster runs in-process), found by run id: reservation
 * requests the job sent (key and Avro value, read back in by the source), receipts and decisions
 * that reached the sinks, and whether orders may flow.
 */
final class OrderLoop {
    private static final Map<String, OrderLoop> RUNS = new ConcurrentHashMap<>();

    /** Key and value of each reservation request the job sent, oldest first. */
    final Queue<byte[][]> reservations = new ConcurrentLinkedQueue<>();

    /** Availability records at the sink: one per applied receipt (and per grant). */
    final LongAdder availability = new LongAdder();

    final LongAdder decisions = new LongAdder();
    final AtomicLong ordersEmitted = new AtomicLong();

    /** Set once the opening stock is applied everywhere. */
    volatile boolean ordersReleased;

    static OrderLoop create(String runId) {
        OrderLoop loop = new OrderLoop();
        RUNS.put(runId, loop);
        return loop;
    }

    static OrderLoop of(String runId) {
        OrderLoop loop = RUNS.get(runId);
        if (loop == null) {
            throw new IllegalStateException("no order loop for run " + runId);
        }
        return loop;
    }

    static void remove(String runId) {
        RUNS.remove(runId);
    }
}
