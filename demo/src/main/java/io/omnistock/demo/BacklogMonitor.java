package io.omnistock.demo;

import java.time.Duration;

/**
 * Samples, at each progress tick, the job's input backlog ({@link ConsumerLag}), the rates records
 * are offered at (growth of the input topics' end offsets) and taken in at (the job's {@code
 * records-in} counter), and keeps the time the demo was active: the generator sending, or the job
 * still working off a backlog. Not thread-safe: the progress loop samples and reads.
 */
final class BacklogMonitor {
    private final ConsumerLag lag;
    private final RateWindow offered;
    private final RateWindow processed;
    private final ActiveTime active;
    private final ActiveTime sending;
    private CatchUpEstimate latest;

    BacklogMonitor(ConsumerLag lag, Duration rateWindow, long startNanos) {
        this.lag = lag;
        this.offered = new RateWindow(rateWindow);
        this.processed = new RateWindow(rateWindow);
        this.active = new ActiveTime(startNanos);
        this.sending = new ActiveTime(startNanos);
    }

    /**
     * Reads the backlog as of {@code nanos}.
     *
     * @param recordsIn the job's records-in counter now
     * @param generatorSending whether the generator is still sending
     * @return the estimate now, or the last one when the offsets cannot be read (null before the
     *     first)
     */
    CatchUpEstimate sample(long nanos, long recordsIn, boolean generatorSending) {
        ConsumerLag.Offsets offsets = lag.offsets();
        double processedPerSecond = processed.add(nanos, recordsIn);
        if (offsets != null) {
            latest =
                    new CatchUpEstimate(
                            offsets.lag(), offered.add(nanos, offsets.end()), processedPerSecond);
        }
        active.sample(nanos, generatorSending || latest == null || !latest.caughtUp());
        sending.sample(nanos, generatorSending);
        return latest;
    }

    /** The last estimate, null before the offsets could be read once. */
    CatchUpEstimate latest() {
        return latest;
    }

    /** Time the generator was sending or the job had a backlog. */
    ActiveTime active() {
        return active;
    }

    /** Time the generator was sending. */
    ActiveTime sending() {
        return sending;
    }
}
