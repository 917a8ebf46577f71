package io.omnistock.serving;

import java.util.HashMap;
import java.util.Map;

/**
 * Readiness: the service is caught up once its position on every partition has reached the end
 * offset that partition had when the service started (for a {@code read_committed} reader, the last
 * stable offset). Once caught up it stays so: later records are the live stream, whose lag is a
 * metric, not a readiness condition. Thread-safe.
 *
 * @param <P> the partition type
 */
public final class CatchUp<P> {
    private final Map<P, Long> targets;
    private final Map<P, Long> positions = new HashMap<>();
    private volatile boolean caughtUp;
    private volatile long remaining;

    /** Targets: the end offset of each partition at start. */
    public CatchUp(Map<P, Long> targets) {
        this.targets = Map.copyOf(targets);
        targets.keySet().forEach(p -> positions.put(p, 0L));
        recompute();
    }

    /** The reader's next offset on {@code partition} is {@code position}. */
    public synchronized void positionAt(P partition, long position) {
        if (caughtUp || !targets.containsKey(partition)) {
            return;
        }
        positions.merge(partition, position, Math::max);
        recompute();
    }

    /** True once every partition has reached its target. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** Records (offsets) still to read to reach the targets; 0 once caught up. */
    public long remaining() {
        return remaining;
    }

    /** The sum of the targets: how many offsets there were to read at start. */
    public long total() {
        return targets.values().stream().mapToLong(Long::longValue).sum();
    }

    private void recompute() {
        long left = 0;
        for (Map.Entry<P, Long> t : targets.entrySet()) {
            left += Math.max(0, t.getValue() - positions.get(t.getKey()));
        }
        remaining = left;
        if (left == 0) {
            caughtUp = true;
        }
    }
}
