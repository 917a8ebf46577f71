package io.omnistock.demo;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Orders offered to the job that have no decision yet, by order id, with the time each was offered.
 * Offer each valid order once (the generator's exact re-sends and malformed records are not orders
 * to decide); its first decision of any status takes it off, and decisions of ids not pending
 * (malformed orders, a RE_ROUTED after the first decision) change nothing. Holds only the undecided
 * ids. Thread-safe: the generator offers while the output watcher decides and the progress loop
 * reads.
 */
final class PendingOrders {
    /**
     * A decision waits for its reservation round trip through Kafka, committed with a checkpoint
     * (every 5 s), and is read {@code read_committed} after the checkpoint that commits it: an
     * order undecided for longer than about four checkpoints is overdue.
     */
    static final Duration DECISION_ALLOWANCE = Duration.ofSeconds(20);

    /** Undecided ids in the order they were offered, with the nanoTime they were offered at. */
    private final Map<String, Long> pending = new LinkedHashMap<>();

    private long offered;

    /**
     * A valid order about to be sent; call before sending, so its decision cannot come first.
     *
     * @param nanos {@link System#nanoTime()} now (never less than an earlier offer's)
     */
    synchronized void offered(String orderId, long nanos) {
        offered++;
        pending.putIfAbsent(orderId, nanos);
    }

    /** A decision read for {@code orderId}. */
    synchronized void decided(String orderId) {
        pending.remove(orderId);
    }

    /** The orders undecided as of {@code nanos}, and how many have waited too long. */
    synchronized Snapshot snapshot(long nanos) {
        long overdue = 0;
        Duration oldest = Duration.ZERO;
        boolean first = true;
        for (long offeredAt : pending.values()) {
            Duration waited = Duration.ofNanos(Math.max(0, nanos - offeredAt));
            if (first) {
                oldest = waited;
                first = false;
            }
            if (waited.compareTo(DECISION_ALLOWANCE) <= 0) {
                break; // offered in order: the rest waited less
            }
            overdue++;
        }
        return new Snapshot(
                new Undecided(offered, Math.min(offered, pending.size())), overdue, oldest);
    }

    /**
     * @param undecided orders offered and not decided yet
     * @param overdue of those, orders undecided for longer than {@link #DECISION_ALLOWANCE}
     * @param oldestWait how long the oldest undecided order has waited (0 with none)
     */
    record Snapshot(Undecided undecided, long overdue, Duration oldestWait) {

        /** No order has waited longer than {@link #DECISION_ALLOWANCE} for its decision. */
        boolean caughtUp() {
            return overdue == 0;
        }

        /**
         * {@code 2,858 of 3,902 (73.2%), 1,210 waiting over 20 s (oldest 31 s)} or {@code 120 of
         * 3,902 (3.1%), none waiting over 20 s}.
         */
        String describe() {
            return undecided.describe()
                    + (caughtUp()
                            ? String.format(
                                    Locale.ROOT,
                                    ", none waiting over %d s",
                                    DECISION_ALLOWANCE.toSeconds())
                            : String.format(
                                    Locale.ROOT,
                                    ", %,d waiting over %d s (oldest %s)",
                                    overdue,
                                    DECISION_ALLOWANCE.toSeconds(),
                                    CatchUpEstimate.minutesSeconds(oldestWait)));
        }
    }
}
