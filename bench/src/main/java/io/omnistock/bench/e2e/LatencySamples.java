package io.omnistock.bench.e2e;

import java.util.Arrays;

/**
 * The latencies of one figure, in nanoseconds. Percentiles are nearest-rank over the sorted
 * samples: the p-th percentile of n samples is {@code sorted[ceil(p / 100 * n) - 1]}, a latency
 * that was actually measured (no interpolation). Thread-safe: the watcher adds while the caller
 * reads.
 */
final class LatencySamples {
    private long[] nanos = new long[4096];
    private int size;

    synchronized void add(long latencyNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = latencyNanos;
    }

    synchronized int size() {
        return size;
    }

    /** The nearest-rank {@code p}-th percentile in milliseconds; NaN without samples. */
    synchronized double percentileMillis(double p) {
        return percentile(Arrays.copyOf(nanos, size), p) / 1e6;
    }

    /**
     * The nearest-rank {@code p}-th percentile of {@code values} (sorted in place); NaN if empty.
     */
    static double percentile(long[] values, double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
        }
        if (values.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(values);
        int rank = (int) Math.ceil(p / 100 * values.length);
        return values[Math.max(0, Math.min(values.length, rank) - 1)];
    }
}
