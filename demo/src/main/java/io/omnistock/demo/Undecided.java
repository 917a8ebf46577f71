package io.omnistock.demo;

import java.util.Locale;

/**
 * Requests sent to the job that it has not answered yet (orders without a decision, quotes without
 * a response).
 *
 * @param sent requests sent
 * @param undecided of those, not answered yet
 */
record Undecided(long sent, long undecided) {

    /**
     * From counts of requests sent and answered (more answers than requests count as none left).
     */
    static Undecided ofCounts(long sent, long answered) {
        return new Undecided(sent, Math.max(0, sent - answered));
    }

    /** Requests answered. */
    long decided() {
        return sent - undecided;
    }

    /** Share of the requests not answered yet, 0 before the first. */
    double share() {
        return sent == 0 ? 0 : (double) undecided / sent;
    }

    /** {@code 1,234 of 20,286 (6.1%)}. */
    String describe() {
        return String.format(Locale.ROOT, "%,d of %,d (%.1f%%)", undecided, sent, 100 * share());
    }
}
