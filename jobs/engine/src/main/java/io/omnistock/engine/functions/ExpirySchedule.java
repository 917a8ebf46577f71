package io.omnistock.engine.functions;

import io.omnistock.avro.Availability;
import io.omnistock.domain.inventory.Position;
import io.omnistock.domain.inventory.SkuLedger;
import java.time.Duration;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.Collector;

/**
 * The SKU's event-time timers, for two jobs: expiry forgets dedupe ids, buffered deltas and
 * received ASNs a horizon behind the watermark, in one pass over the SKU's positions; a check timer
 * settles the count checks the watermark has reached (discrepancies judged in event time,
 * docs/design.md 3), reading only the positions with a check due ({@link PendingCheckNodes}).
 * Expiry timers fire on the hour after time + horizon, so a SKU has at most one per hour and most
 * events register none ({@link SkuSummary#expiryTimer} keeps the earliest); a check timer fires at
 * exactly its count's time plus the settle delay, so it includes every delta the watermark lets in
 * before then ({@link SkuSummary#checkTimer} keeps the earliest). A timer on the hour does both
 * jobs.
 */
final class ExpirySchedule {
    private static final long EXPIRY_BUCKET_MILLIS = Duration.ofHours(1).toMillis();

    private final long horizonMillis;
    private final SkuLedger ledger;
    private final SkuLedgerOutput output;
    private final SkuKeyedState state;
    private final LedgerMetrics.Count timersRegistered;

    ExpirySchedule(
            long horizonMillis,
            SkuLedger ledger,
            SkuLedgerOutput output,
            SkuKeyedState state,
            LedgerMetrics.Count timersRegistered) {
        this.horizonMillis = horizonMillis;
        this.ledger = ledger;
        this.output = output;
        this.state = state;
        this.timersRegistered = timersRegistered;
    }

    /**
     * Makes sure an expiry timer fires for what an event at {@code eventTime} left behind: one
     * registered no later is enough, as each expiry registers the next. Most events register
     * nothing, sparing a timer write per event.
     */
    void schedule(long eventTime, TimerService timers) {
        registerBy(expiryTimer(eventTime), timers);
    }

    /**
     * Makes sure a check timer fires when the watermark reaches the check of a count as of {@code
     * asOf}, unless the check already settled as the count arrived.
     */
    void scheduleCheck(long asOf, TimerService timers) {
        registerCheck(ledger.checkDue(asOf), timers);
    }

    /**
     * A timer fired at {@code time}: on the hour (or at an expiry time a savepoint of the earlier
     * layout shared with checks) it settles the due count checks and forgets what is older than the
     * horizon behind the watermark, in one pass over the positions; otherwise it settles the due
     * checks alone. Either way it registers the next timers for what is left.
     */
    void fire(
            String sku,
            long time,
            ApplyInventoryEventFunction.OnTimerContext ctx,
            Collector<Availability> out)
            throws Exception {
        TimerService timers = ctx.timerService();
        long watermark = timers.currentWatermark();
        output.bind(null, ctx, out);
        SkuKeyedState.CheckSettler settler =
                (nodeId, p) ->
                        ledger.settleChecks(sku, nodeId, p, state.node(nodeId), watermark, output);
        SkuSummary summary = state.summary;
        if (time >= summary.checkTimer) {
            summary.checkTimer = SkuSummary.NO_TIMER; // fired
        }
        if (Math.floorMod(time, EXPIRY_BUCKET_MILLIS) != 0 && time < summary.expiryTimer) {
            registerCheck(state.settleDueChecks(watermark, settler, ledger::checkDue), timers);
            return;
        }
        SkuKeyedState.Left left =
                state.expire(watermark - horizonMillis, settler, ledger::nextCheckDue);
        summary.expiryTimer = SkuSummary.NO_TIMER; // this one fired
        state.changed();
        if (left.earliestExpiring() != Position.NO_DELTA) {
            schedule(left.earliestExpiring(), timers);
        }
        registerCheck(left.nextCheckDue(), timers);
    }

    private void registerBy(long timer, TimerService timers) {
        SkuSummary summary = state.summary;
        if (timer < summary.expiryTimer) {
            register(timer, timers);
            summary.expiryTimer = timer;
            state.changed();
        }
    }

    private void registerCheck(long due, TimerService timers) {
        SkuSummary summary = state.summary;
        if (due != Position.NO_DELTA
                && due > timers.currentWatermark()
                && due < summary.checkTimer) {
            register(due, timers);
            summary.checkTimer = due;
        }
    }

    private void register(long timer, TimerService timers) {
        timers.registerEventTimeTimer(timer);
        timersRegistered.inc();
    }

    /** Expiry timers fire on the hour after time + horizon: at most one timer per SKU per hour. */
    private long expiryTimer(long eventTime) {
        long due = eventTime + horizonMillis;
        return due - Math.floorMod(due, EXPIRY_BUCKET_MILLIS) + EXPIRY_BUCKET_MILLIS;
    }
}
