package io.omnistock.demo;

import java.time.Duration;

/**
 * Samples, at each progress tick, how far the job is behind: its input backlog ({@link
 * ConsumerLag}) against the rates records are offered at (growth of the input topics' end offsets)
 * and taken in at (the job's {@code records-in} counter), and its undecided orders ({@link
 * PendingOrders}). Keeps the time the demo was active: the generator sending, or the job still
 * behind. Not thread-safe: the progress loop samples and reads.
 */
final class BacklogMonitor {
    private final ConsumerLag lag;
    private final PendingOrders pendingOrders;
    private final RateWindow offered;
    private final RateWindow processed;
    private final ActiveTime active;
    private final ActiveTime sending;
    private CatchUpEstimate input;
    private PendingOrders.Snapshot orders;

    BacklogMonitor(
            ConsumerLag lag, PendingOrders pendingOrders, Duration rateWindow, long startNanos) {
        this.lag = lag;
        this.pendingOrders = pendingOrders;
        this.offered = new RateWindow(rateWindow);
        this.processed = new RateWindow(rateWindow);
        this.active = new ActiveTime(startNanos);
        this.sending = new ActiveTime(startNanos);
        this.orders = pendingOrders.snapshot(startNanos);
    }

    /**
     * Reads the backlogs as of {@code nanos}.
     *
     * @param recordsIn the job's records-in counter now
     * @param generatorSending whether the generator is still sending
     */
    void sample(long nanos, long recordsIn, boolean generatorSending) {
        ConsumerLag.Offsets offsets = lag.offsets();
        double processedPerSecond = processed.add(nanos, recordsIn);
        if (offsets != null) {
            input =
                    new CatchUpEstimate(
                            offsets.lag(), offered.add(nanos, offsets.end()), processedPerSecond);
        }
        orders = pendingOrders.snapshot(nanos);
        boolean behind = input == null || !input.caughtUp() || !orders.caughtUp();
        active.sample(nanos, generatorSending || behind);
        sending.sample(nanos, generatorSending);
    }

    /** The input backlog as of the last sample that could read it; null before the first. */
    CatchUpEstimate input() {
        return input;
    }

    /** The undecided orders as of the last sample. */
    PendingOrders.Snapshot orders() {
        return orders;
    }

    /** Time the generator was sending or the job was behind. */
    ActiveTime active() {
        return active;
    }

    /** Time the generator was sending. */
    ActiveTime sending() {
        return sending;
    }
}
