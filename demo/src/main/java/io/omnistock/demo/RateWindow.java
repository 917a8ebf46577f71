package io.omnistock.demo;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The rate of a growing count over a sliding window of recent samples: (latest - oldest) / seconds
 * between them, keeping the oldest sample no older than the window (but always two samples, so a
 * slow caller still gets a rate). Not thread-safe: one caller samples and reads.
 */
final class RateWindow {
    private final long windowNanos;
    private final Deque<long[]> samples = new ArrayDeque<>();

    RateWindow(Duration window) {
        this.windowNanos = window.toNanos();
    }

    /** Adds {@code count} as of {@code nanos} and returns the rate per second over the window. */
    double add(long nanos, long count) {
        if (!samples.isEmpty() && count < samples.peekLast()[1]) {
            samples.clear(); // the count was reset (a restarted job's counters): start again
        }
        samples.addLast(new long[] {nanos, count});
        while (samples.size() > 2 && nanos - samples.peekFirst()[0] > windowNanos) {
            samples.removeFirst();
        }
        return perSecond();
    }

    /** The rate per second over the window; 0 before two samples. */
    double perSecond() {
        if (samples.size() < 2) {
            return 0;
        }
        long[] first = samples.peekFirst();
        long[] last = samples.peekLast();
        double seconds = (last[0] - first[0]) / 1e9;
        return seconds <= 0 ? 0 : (last[1] - first[1]) / seconds;
    }
}
