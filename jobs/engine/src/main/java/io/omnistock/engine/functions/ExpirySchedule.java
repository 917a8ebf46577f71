package io.omnistock.engine.functions;

import io.omnistock.avro.Availability;
import io.omnistock.domain.inventory.Position;
import io.omnistock.domain.inventory.SkuLedger;
import java.time.Duration;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.Collector;

/**
 * The SKU's event-time timer, one mechanism for two jobs: it forgets dedupe ids, buffered deltas
 * and received ASNs a horizon behind the watermark, and it settles the count checks the watermark
 * has reached (discrepancies judged in event time, docs/design.md 3). The SKU keeps the earliest
 * timer it registered ({@link SkuSummary#expiryTimer}); a firing does both jobs and registers the
 * next due time of either. Expiry fires on the hour after time + horizon, so a SKU has at most one
 * expiry timer per hour and most events register none; a check fires at exactly its count's time
 * plus the settle delay, so it includes every delta the watermark lets in before then.
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
     * Makes sure the timer fires when the watermark reaches the check of a count as of {@code
     * asOf}, unless the check already settled as the count arrived.
     */
    void scheduleCheck(long asOf, TimerService timers) {
        long due = ledger.checkDue(asOf);
        if (due > timers.currentWatermark()) {
            registerBy(due, timers);
        }
    }

    /**
     * The timer fired: settles the count checks due, forgets what is older than the horizon behind
     * the watermark, and registers the next timer for what is left.
     */
    void fire(
            String sku, ApplyInventoryEventFunction.OnTimerContext ctx, Collector<Availability> out)
            throws Exception {
        TimerService timers = ctx.timerService();
        long watermark = timers.currentWatermark();
        output.bind(null, ctx, out);
        SkuKeyedState.Left left =
                state.expire(
                        watermark - horizonMillis,
                        (nodeId, p) ->
                                ledger.settleChecks(
                                        sku, nodeId, p, state.node(nodeId), watermark, output),
                        ledger::nextCheckDue);
        state.summary.expiryTimer = SkuSummary.NO_TIMER; // this one fired
        state.changed();
        if (left.earliestExpiring() != Position.NO_DELTA) {
            schedule(left.earliestExpiring(), timers);
        }
        if (left.nextCheckDue() != Position.NO_DELTA) {
            registerBy(left.nextCheckDue(), timers);
        }
    }

    private void registerBy(long timer, TimerService timers) {
        SkuSummary summary = state.summary;
        if (timer < summary.expiryTimer) {
            timers.registerEventTimeTimer(timer);
            timersRegistered.inc();
            summary.expiryTimer = timer;
            state.changed();
        }
    }

    /** Expiry timers fire on the hour after time + horizon: at most one timer per SKU per hour. */
    private long expiryTimer(long eventTime) {
        long due = eventTime + horizonMillis;
        return due - Math.floorMod(due, EXPIRY_BUCKET_MILLIS) + EXPIRY_BUCKET_MILLIS;
    }
}
