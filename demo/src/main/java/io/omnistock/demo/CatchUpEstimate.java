package io.omnistock.demo;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether the job keeps up with what is offered, from a backlog and two rates: caught up while the
 * backlog is within its {@link Allowance}, else catching up in {@code backlog / (processed -
 * offered)} when it gains, else falling behind by {@code offered - processed} a second.
 *
 * @param backlog records (or orders) offered but not yet processed (decided)
 * @param offeredPerSecond offered per second, recently
 * @param processedPerSecond processed (decided) per second, recently
 * @param allowance the backlog a job that keeps up still shows
 */
record CatchUpEstimate(
        long backlog, double offeredPerSecond, double processedPerSecond, Allowance allowance) {

    /**
     * The input backlog is read from the offsets the job commits with each completed checkpoint
     * (every 5 s), so a job that keeps up still shows up to a checkpoint's worth: 10 s of input (at
     * least 1,000 records) allows for two.
     */
    static final Allowance INPUT = new Allowance(Duration.ofSeconds(10), 1_000);

    /**
     * An order's decision waits for its reservation round trip through Kafka (committed with a
     * checkpoint) and is read {@code read_committed} after the checkpoint that commits it: 20 s of
     * orders (at least 100) allows for about four checkpoints.
     */
    static final Allowance ORDERS = new Allowance(Duration.ofSeconds(20), 100);

    /**
     * The backlog still counted as caught up: {@code window} of what is offered, at least {@code
     * floor}.
     */
    record Allowance(Duration window, long floor) {}

    /** The backlog at or below which the job counts as caught up at this offered rate. */
    long caughtUpBelow() {
        return Math.max(
                allowance.floor(),
                (long) (Math.max(0, offeredPerSecond) * allowance.window().toSeconds()));
    }

    boolean caughtUp() {
        return backlog <= caughtUpBelow();
    }

    /** Per second the backlog shrinks by (negative: grows by). */
    double gainPerSecond() {
        return processedPerSecond - offeredPerSecond;
    }

    /**
     * Time to work off the backlog at the current rates; empty when not gaining; 0 when caught up.
     */
    Optional<Duration> timeToCatchUp() {
        if (caughtUp()) {
            return Optional.of(Duration.ZERO);
        }
        if (gainPerSecond() <= 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis((long) (1000.0 * backlog / gainPerSecond())));
    }

    /**
     * {@code caught up}, {@code catching up in ~2m 05s (gaining 1,200/s)} or {@code falling behind
     * by 3,400/s}.
     */
    String describe() {
        if (caughtUp()) {
            return "caught up";
        }
        return timeToCatchUp()
                .map(
                        eta ->
                                String.format(
                                        Locale.ROOT,
                                        "catching up in ~%s (gaining %,.0f/s)",
                                        minutesSeconds(eta),
                                        gainPerSecond()))
                .orElseGet(
                        () ->
                                String.format(
                                        Locale.ROOT,
                                        "falling behind by %,.0f/s",
                                        -gainPerSecond()));
    }

    /** Seconds of what is offered the backlog amounts to; empty while nothing is offered. */
    Optional<Double> secondsOfOffered() {
        return offeredPerSecond <= 0 ? Optional.empty() : Optional.of(backlog / offeredPerSecond);
    }

    /** {@code 45s}, {@code 2m 05s}, {@code 1h 02m}. */
    static String minutesSeconds(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", s / 3600, s % 3600 / 60);
    }
}
