package io.omnistock.demo;

import java.time.Duration;

/**
 * Time the demo was busy: the sum of the intervals between samples during which it was active at
 * either end (the generator sending, or the job still working off a backlog), so minutes idling
 * after the job caught up with a finished generator do not dilute a throughput. Not thread-safe:
 * one caller samples and reads.
 */
final class ActiveTime {
    private long lastNanos;
    private boolean lastActive;
    private long activeNanos;

    /** Starts counting at {@code startNanos}, active (the generator starts with it). */
    ActiveTime(long startNanos) {
        this.lastNanos = startNanos;
        this.lastActive = true;
    }

    /** Records whether the demo is active as of {@code nanos} (nanos never decrease). */
    void sample(long nanos, boolean active) {
        if (active || lastActive) {
            activeNanos += Math.max(0, nanos - lastNanos);
        }
        lastNanos = nanos;
        lastActive = active;
    }

    Duration active() {
        return Duration.ofNanos(activeNanos);
    }

    /** {@code records} per second of active time, 0 before any active time. */
    double perSecond(long records) {
        return ActiveThroughput.perSecond(records, active());
    }
}
