package io.omnistock.demo;

import java.time.Duration;

/**
 * Throughput over the time the demo was active rather than since it started: records offered per
 * second the generator was sending, and records the job took in per second it was active (sending,
 * or working off its backlog after), so idle time after the job caught up with a finished generator
 * does not dilute either.
 *
 * @param elapsed time since the generator started
 * @param sending time the generator was sending
 * @param active time the generator was sending or the job had a backlog
 * @param offered records the generator had acknowledged
 * @param processed records the job took in
 */
record ActiveThroughput(
        Duration elapsed, Duration sending, Duration active, long offered, long processed) {

    double offeredPerSecond() {
        return perSecond(offered, sending);
    }

    double processedPerSecond() {
        return perSecond(processed, active);
    }

    /** Active time after the generator stopped, spent working off the backlog. */
    Duration draining() {
        return positive(active.minus(sending));
    }

    /** Time not counted: neither sending nor a backlog. */
    Duration idle() {
        return positive(elapsed.minus(active));
    }

    /** {@code records} per second of {@code time}, 0 for no time. */
    static double perSecond(long records, Duration time) {
        return time.isZero() || time.isNegative() ? 0 : records / (time.toNanos() / 1e9);
    }

    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
