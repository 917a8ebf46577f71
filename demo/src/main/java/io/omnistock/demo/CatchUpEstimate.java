package io.omnistock.demo;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether the job keeps up with its input, from its backlog and two rates: caught up while the
 * backlog is small, else catching up in {@code backlog / (processed - offered)} when it gains, else
 * falling behind by {@code offered - processed} records a second.
 *
 * <p>"Small" is at most {@link #CAUGHT_UP_WINDOW} of offered input (and at least {@link
 * #CAUGHT_UP_FLOOR} records): the backlog is read from the offsets the job commits with each
 * completed checkpoint (every 5 s), so a job that keeps up still shows up to a checkpoint's worth;
 * the window allows for two.
 *
 * @param backlog input records offered but not yet processed
 * @param offeredPerSecond records offered to the job's input topics per second, recently
 * @param processedPerSecond records the job took in per second, recently
 */
record CatchUpEstimate(long backlog, double offeredPerSecond, double processedPerSecond) {
    static final Duration CAUGHT_UP_WINDOW = Duration.ofSeconds(10);
    static final long CAUGHT_UP_FLOOR = 1_000;

    /** Caught up, yet losing more than this share of the offered rate, is worth saying. */
    static final double NOTABLE_LOSS = 0.1;

    /** The backlog at or below which the job counts as caught up at this offered rate. */
    long caughtUpBelow() {
        return Math.max(
                CAUGHT_UP_FLOOR,
                (long) (Math.max(0, offeredPerSecond) * CAUGHT_UP_WINDOW.toSeconds()));
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
     * {@code caught up}, {@code caught up, but falling behind by 1,500/s}, {@code catching up in
     * ~2m 05s (gaining 1,200/s)}, {@code falling behind by 3,400/s}, or {@code measuring rates}
     * while neither rate is known yet.
     */
    String describe() {
        if (!caughtUp() && offeredPerSecond <= 0 && processedPerSecond <= 0) {
            return "measuring rates"; // the first tick: neither rate has a second interval yet
        }
        if (caughtUp()) {
            return -gainPerSecond() > NOTABLE_LOSS * offeredPerSecond
                    ? String.format(
                            Locale.ROOT,
                            "caught up, but falling behind by %,.0f/s",
                            -gainPerSecond())
                    : "caught up";
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
