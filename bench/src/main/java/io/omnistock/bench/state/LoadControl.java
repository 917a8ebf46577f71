package io.omnistock.bench.state;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the benchmark thread and the job's source and sink share in this JVM (the MiniCluster runs
 * in-process, on the application class loader), found by run id: how many update events each source
 * reader may emit after loading, when the first position went out, and how many availability
 * records reached the sink.
 */
final class LoadControl {
    private static final Map<String, LoadControl> RUNS = new ConcurrentHashMap<>();

    /** Update events each reader may emit once its positions are loaded. */
    final AtomicLong updatesPerReader = new AtomicLong();

    /** Availability records that reached the sink: one per applied RECEIPT. */
    final LongAdder availability = new LongAdder();

    /** System.nanoTime() when the first position event was emitted; 0 before. */
    final AtomicLong firstPositionNanos = new AtomicLong();

    static LoadControl create(String runId) {
        LoadControl control = new LoadControl();
        RUNS.put(runId, control);
        return control;
    }

    static LoadControl of(String runId) {
        LoadControl control = RUNS.get(runId);
        if (control == null) {
            throw new IllegalStateException("no load control for run " + runId);
        }
        return control;
    }

    static void remove(String runId) {
        RUNS.remove(runId);
    }
}
