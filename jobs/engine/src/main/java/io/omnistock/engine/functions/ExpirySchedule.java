package io.omnistock.engine.functions;

import io.omnistock.domain.inventory.Position;
import java.time.Duration;
import org.apache.flink.streaming.api.TimerService;

/**
 * The SKU's expiry timer: forgets dedupe ids, buffered deltas and received ASNs a horizon behind
 * the watermark. Timers fire on the hour after time + horizon, so a SKU has at most one per hour,
 * and most events register none.
 */
final class ExpirySchedule {
    private static final long EXPIRY_BUCKET_MILLIS = Duration.ofHours(1).toMillis();

    private final long horizonMillis;
    private final SkuKeyedState state;
    private final LedgerMetrics.Count timersRegistered;

    ExpirySchedule(long horizonMillis, SkuKeyedState state, LedgerMetrics.Count timersRegistered) {
        this.horizonMillis = horizonMillis;
        this.state = state;
        this.timersRegistered = timersRegistered;
    }

    /**
     * Makes sure an expiry timer fires for what an event at {@code eventTime} left behind: one
     * registered no later is enough, as each expiry registers the next. Most events register
     * nothing, sparing a timer write per event.
     */
    void schedule(long eventTime, TimerService timers) {
        long timer = expiryTimer(eventTime);
        SkuSummary summary = state.summary;
        if (timer < summary.expiryTimer) {
            timers.registerEventTimeTimer(timer);
            timersRegistered.inc();
            summary.expiryTimer = timer;
            state.changed();
        }
    }

    /**
     * The expiry timer fired: forgets what is older than the horizon behind the watermark and
     * schedules the next expiry for what is left.
     */
    void expire(TimerService timers) throws Exception {
        long cutoff = timers.currentWatermark() - horizonMillis;
        long earliestLeft = state.expire(cutoff);
        state.summary.expiryTimer = SkuSummary.NO_TIMER; // this one fired
        state.changed();
        if (earliestLeft != Position.NO_DELTA) {
            schedule(earliestLeft, timers);
        }
    }

    /** Expiry timers fire on the hour after time + horizon: at most one timer per SKU per hour. */
    private long expiryTimer(long eventTime) {
        long due = eventTime + horizonMillis;
        return due - Math.floorMod(due, EXPIRY_BUCKET_MILLIS) + EXPIRY_BUCKET_MILLIS;
    }
}
