package io.omnistock.demo;

import java.util.Locale;

/**
 * The demo's lines about keeping up: the live backlog line, and the summary's backlog, undecided
 * requests, active-time throughput and, when the run ends behind, a plain warning with a lower
 * {@code --rate} to try.
 */
final class BacklogReport {
    /** A suggested {@code --rate} is this share of the rate the job sustained... */
    static final double SUGGESTED_SHARE = 0.7;

    /** ...rounded down to a multiple of this (and at least this). */
    static final long SUGGESTED_STEP = 500;

    private BacklogReport() {}

    /**
     * E.g. {@code backlog 412,345 input records (~103 s of input) | offered 4,012/s, taken in
     * 3,650/s: falling behind by 362/s | undecided: orders 3,700 of 20,286 (18.2%), quotes 4,000 of
     * 19,000 (21.0%)}.
     *
     * @param estimate the latest estimate, null while the job's offsets cannot be read yet
     */
    static String progressLine(CatchUpEstimate estimate, Undecided orders, Undecided quotes) {
        String backlog =
                estimate == null
                        ? "backlog n/a (the job has not committed input offsets yet)"
                        : String.format(
                                Locale.ROOT,
                                "backlog %,9d input records%s | offered %,6.0f/s, taken in"
                                        + " %,6.0f/s: %s",
                                estimate.backlog(),
                                inputSeconds(estimate),
                                estimate.offeredPerSecond(),
                                estimate.processedPerSecond(),
                                estimate.describe());
        return "      | "
                + backlog
                + " | undecided: orders "
                + orders.describe()
                + ", quotes "
                + quotes.describe();
    }

    /** The summary's lines (each ends with a line separator). */
    static String summary(
            CatchUpEstimate end, Undecided orders, Undecided quotes, ActiveThroughput throughput) {
        StringBuilder s = new StringBuilder();
        s.append(
                String.format(
                        Locale.ROOT,
                        "  throughput over %d s active (generator sending %d s, then %d s working"
                                + " off the backlog; %d s idle not counted): offered %,.0f events/s,"
                                + " the ledger took in %,.0f records/s (reservations included)%n",
                        throughput.active().toSeconds(),
                        throughput.sending().toSeconds(),
                        throughput.draining().toSeconds(),
                        throughput.idle().toSeconds(),
                        throughput.offeredPerSecond(),
                        throughput.processedPerSecond()));
        s.append(
                String.format(
                        Locale.ROOT,
                        "  undecided at the end: orders %s, quotes %s%n",
                        orders.describe(),
                        quotes.describe()));
        if (end == null) {
            s.append("  backlog at the end: n/a (the job never committed input offsets)\n");
            return s.toString();
        }
        s.append(
                String.format(
                        Locale.ROOT,
                        "  backlog at the end: %,d input records not yet processed%s: %s%n",
                        end.backlog(),
                        inputSeconds(end),
                        end.caughtUp()
                                ? "caught up (at most a checkpoint's worth)"
                                : "NOT caught up"));
        if (!end.caughtUp()) {
            s.append(
                    String.format(
                            Locale.ROOT,
                            "  WARNING: the job fell behind. It ended %,d input records behind the"
                                    + " generator with %.1f%% of orders and %.1f%% of quotes"
                                    + " undecided, so the figures above cover only what it"
                                    + " processed. It took in about %,.0f records/s here; run"
                                    + " again with a lower rate, e.g. ./omnistock-demo --rate %d%n",
                            end.backlog(),
                            100 * orders.share(),
                            100 * quotes.share(),
                            throughput.processedPerSecond(),
                            suggestedRate(throughput.processedPerSecond())));
        }
        return s.toString();
    }

    /** {@link #SUGGESTED_SHARE} of {@code sustainedPerSecond}, a multiple of the step. */
    static long suggestedRate(double sustainedPerSecond) {
        long steps = (long) (SUGGESTED_SHARE * sustainedPerSecond / SUGGESTED_STEP);
        return Math.max(1, steps) * SUGGESTED_STEP;
    }

    private static String inputSeconds(CatchUpEstimate e) {
        return e.secondsOfInput()
                .map(s -> String.format(Locale.ROOT, " (~%.0f s of input)", s))
                .orElse("");
    }
}
