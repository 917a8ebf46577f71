package io.omnistock.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The demo's lines about keeping up: the live backlog line, and the summary's throughput over
 * active time, undecided requests and final backlog, with a plain warning and a lower {@code
 * --rate} to try when the run ends behind.
 */
final class BacklogReport {
    /** A suggested {@code --rate} is this share of the rate the job kept up with... */
    static final double SUGGESTED_SHARE = 0.7;

    /** ...rounded down to a multiple of this (and at least this). */
    static final long SUGGESTED_STEP = 500;

    private BacklogReport() {}

    /**
     * E.g. {@code backlog 412,345 input records (~103 s of input) | offered 4,012/s, taken in
     * 3,650/s: falling behind by 362/s | orders undecided 3,700 of 20,286 (18.2%), 1,210 waiting
     * over 20 s (oldest 31s) | quotes undecided 4,000 of 19,000 (21.1%)}.
     *
     * @param input the input backlog, null while the job's offsets cannot be read yet
     */
    static String progressLine(
            CatchUpEstimate input, PendingOrders.Snapshot orders, Undecided quotes) {
        String backlog =
                input == null
                        ? "backlog n/a (the job has not committed input offsets yet)"
                        : String.format(
                                Locale.ROOT,
                                "backlog %,9d input records%s | offered %,6.0f/s, taken in"
                                        + " %,6.0f/s: %s",
                                input.backlog(),
                                inputSeconds(input),
                                input.offeredPerSecond(),
                                input.processedPerSecond(),
                                input.describe());
        return String.format(
                Locale.ROOT,
                "      | %s | orders undecided %s | quotes undecided %s",
                backlog,
                orders.describe(),
                quotes.describe());
    }

    /**
     * The summary's lines (each ends with a line separator).
     *
     * @param input the input backlog at the end, null if it could never be read
     * @param orders the undecided orders at the end
     */
    static String summary(
            CatchUpEstimate input,
            PendingOrders.Snapshot orders,
            Undecided quotes,
            ActiveThroughput throughput) {
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
                        "  undecided at the end: orders %s; quotes %s%n",
                        orders.describe(),
                        quotes.describe()));
        boolean inputBehind = input == null || !input.caughtUp();
        s.append(
                input == null
                        ? "  backlog at the end: n/a (the job never committed input offsets)\n"
                        : String.format(
                                Locale.ROOT,
                                "  backlog at the end: %,d input records not yet processed%s: %s%n",
                                input.backlog(),
                                inputSeconds(input),
                                inputBehind
                                        ? "NOT caught up"
                                        : "caught up (at most a checkpoint's worth)"));
        List<String> behind = new ArrayList<>();
        if (inputBehind) {
            behind.add(
                    input == null
                            ? "with its input backlog unknown"
                            : String.format(
                                    Locale.ROOT,
                                    "%,d input records behind the generator",
                                    input.backlog()));
        }
        if (!orders.caughtUp()) {
            behind.add(
                    String.format(
                            Locale.ROOT,
                            "%,d %s waiting over %d s for %s decision",
                            orders.overdue(),
                            orders.overdue() == 1 ? "order" : "orders",
                            PendingOrders.DECISION_ALLOWANCE.toSeconds(),
                            orders.overdue() == 1 ? "its" : "their"));
        }
        if (behind.isEmpty()) {
            return s.toString();
        }
        double keptUpWith =
                keptUpWith(throughput, inputBehind, orders.undecided().sent(), orders.overdue());
        s.append(
                String.format(
                        Locale.ROOT,
                        "  WARNING: the job fell behind. It ended %s, with %.1f%% of orders and"
                                + " %.1f%% of quotes undecided, so the figures above cover only what"
                                + " it got through. It kept up with about %,.0f events/s here; run"
                                + " again with a lower rate, e.g. ./omnistock-demo --rate %d%n",
                        String.join(" and ", behind),
                        100 * orders.undecided().share(),
                        100 * quotes.share(),
                        keptUpWith,
                        suggestedRate(keptUpWith)));
        return s.toString();
    }

    /**
     * Events per second the job kept up with: what it took in while active when its input fell
     * behind, else what was offered; scaled by the share of orders not overdue (decided, or still
     * within {@link PendingOrders#DECISION_ALLOWANCE}), since decisions can fall behind on their
     * own.
     */
    static double keptUpWith(
            ActiveThroughput throughput, boolean inputBehind, long ordersSent, long overdue) {
        double rate = inputBehind ? throughput.processedPerSecond() : throughput.offeredPerSecond();
        return ordersSent > 0 ? rate * (ordersSent - overdue) / ordersSent : rate;
    }

    /** {@link #SUGGESTED_SHARE} of {@code keptUpWith}, a multiple of the step. */
    static long suggestedRate(double keptUpWith) {
        long steps = (long) (SUGGESTED_SHARE * keptUpWith / SUGGESTED_STEP);
        return Math.max(1, steps) * SUGGESTED_STEP;
    }

    private static String inputSeconds(CatchUpEstimate e) {
        return e.secondsOfOffered()
                .map(s -> String.format(Locale.ROOT, " (~%.0f s of input)", s))
                .orElse("");
    }
}
