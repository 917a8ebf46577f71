package io.omnistock.bench.ledger;

import io.omnistock.bench.CpuClock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one benchmark job and the benchmark tell each other while the job runs, in this JVM (the job
 * runs on a local MiniCluster, so its source and sinks reach a static registry by run id): the
 * input to replay, how many sink writers are open (the source waits for all of them, so no task is
 * still deploying when the timed part starts), the clock started when the source emits its first
 * inventory event, and its end: when the sinks that mark the end have all seen the final watermark,
 * which the source emits after its last event, so every event before it has been processed.
 */
final class RunProbe {
    private static final Map<String, RunProbe> RUNS = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT_ID = new AtomicLong();

    private final String id;
    private final LedgerInput input;
    private final int endWriters;
    private final AtomicInteger writersOpen = new AtomicInteger();
    private final AtomicInteger writersAtEnd = new AtomicInteger();
    private final AtomicReference<CpuClock> clock = new AtomicReference<>();
    private final AtomicLong eventsEmitted = new AtomicLong();
    private final LongAdder recordsOut = new LongAdder();
    private final CompletableFuture<CpuClock.Interval> finished = new CompletableFuture<>();
    private volatile boolean nodesEmitted;
    private volatile JvmActivity atStart;
    private volatile JvmActivity activity;

    private RunProbe(String id, LedgerInput input, int endWriters) {
        this.id = id;
        this.input = input;
        this.endWriters = endWriters;
    }

    /**
     * A new probe for a job over this input, registered until {@link #close()}.
     *
     * @param endWriters how many sink writers mark the end (each must see the final watermark)
     */
    static RunProbe open(String label, LedgerInput input, int endWriters) {
        RunProbe probe = new RunProbe(label + "-" + NEXT_ID.incrementAndGet(), input, endWriters);
        RUNS.put(probe.id, probe);
        return probe;
    }

    static RunProbe of(String id) {
        RunProbe probe = RUNS.get(id);
        if (probe == null) {
            throw new IllegalStateException("no benchmark run " + id + " in this JVM");
        }
        return probe;
    }

    String id() {
        return id;
    }

    LedgerInput input() {
        return input;
    }

    /** Emitted by every reader after its last event: later than every event time of the input. */
    long finalWatermark() {
        return input.maxEventTime + 1;
    }

    void writerOpened() {
        writersOpen.incrementAndGet();
    }

    int writersOpen() {
        return writersOpen.get();
    }

    void nodesEmitted() {
        nodesEmitted = true;
    }

    boolean isNodesEmitted() {
        return nodesEmitted;
    }

    /** Starts the clock, unless a reader started it already. */
    void startClock() {
        if (clock.get() == null && clock.compareAndSet(null, new CpuClock())) {
            atStart = JvmActivity.now();
        }
    }

    /** A source reader emitted this many inventory events (reported once it is done). */
    void emitted(long events) {
        eventsEmitted.addAndGet(events);
    }

    long eventsEmitted() {
        return eventsEmitted.get();
    }

    /** A sink writer saw this many records so far (reported when it reaches the end). */
    void recordsOut(long records) {
        recordsOut.add(records);
    }

    long recordsOut() {
        return recordsOut.sum();
    }

    /** A writer that marks the end saw the final watermark: the last one stops the clock. */
    void writerAtEnd() {
        if (writersAtEnd.incrementAndGet() == endWriters) {
            CpuClock started = clock.get();
            if (started == null) {
                finished.completeExceptionally(
                        new IllegalStateException(id + ": the source emitted no event"));
            } else {
                CpuClock.Interval interval = started.stop();
                activity = JvmActivity.now().since(atStart);
                finished.complete(interval);
            }
        }
    }

    /** Completes with the timed interval, from the first event to the end. */
    CompletableFuture<CpuClock.Interval> finished() {
        return finished;
    }

    /** JIT and GC time within the timed interval, once it is over. */
    JvmActivity activity() {
        return activity;
    }

    void close() {
        RUNS.remove(id);
    }
}
