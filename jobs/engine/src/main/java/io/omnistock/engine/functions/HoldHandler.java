package io.omnistock.engine.functions;

import io.omnistock.avro.Availability;
import io.omnistock.domain.inventory.SkuLedger;
import io.omnistock.ledger.domain.Hold;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.Collector;

/**
 * The holds role of {@link ApplyInventoryEventFunction}: cart and checkout holds from
 * holds.requests (HOLD, EXTEND, RELEASE) under {@link SkuLedger#hold}'s rules, and their expiry on
 * the wall clock. The SKU's standing holds live in the {@code holds} map state; each has a
 * processing-time timer at its expiry (an odd millisecond: grace timers of {@link HeldRecords} are
 * even), moved when an EXTEND moves the expiry and deleted when the hold goes, unless another hold
 * of the SKU expires at the same millisecond.
 */
final class HoldHandler implements SkuLedger.HoldStore {
    private final SkuLedger ledger;
    private final SkuKeyedState state;
    private final SkuLedgerOutput output;
    private final ExpirySchedule expiry;
    private final LedgerCounts counts;
    private final MapState<String, Hold> holds;

    /** Expiry of each hold read in the call in progress, as it was read. */
    private final Map<String, Long> readExpiry = new HashMap<>();

    /** Timers a moved or gone hold no longer needs, in the call in progress. */
    private final List<Long> unneeded = new ArrayList<>();

    /** Timers a placed or extended hold needs, in the call in progress. */
    private final List<Long> needed = new ArrayList<>();

    HoldHandler(
            SkuLedger ledger,
            SkuKeyedState state,
            SkuLedgerOutput output,
            ExpirySchedule expiry,
            LedgerCounts counts,
            MapState<String, Hold> holds) {
        this.ledger = ledger;
        this.state = state;
        this.output = output;
        this.expiry = expiry;
        this.counts = counts;
        this.holds = holds;
    }

    /** A hold request (from Kafka) for the loaded SKU. */
    void onRequest(
            SourcedEvent in,
            ApplyInventoryEventFunction.ReadOnlyContext ctx,
            Collector<Availability> out)
            throws Exception {
        output.bind(in, ctx, out);
        TimerService timers = ctx.timerService();
        begin();
        state.limitTo(in.hold.channel, in.hold.eventTime); // a defined channel bounds the hold
        SkuLedger.Outcome outcome;
        try {
            outcome = ledger.hold(in.hold, timers.currentProcessingTime(), state, this, output);
        } finally {
            state.unlimited();
        }
        counts.processed.inc();
        (outcome == SkuLedger.Outcome.DUPLICATE ? counts.duplicates : counts.applied).inc();
        if (outcome != SkuLedger.Outcome.DUPLICATE) { // its dedupe entry expires
            expiry.schedule(in.hold.eventTime, timers);
        }
        settleTimers(timers);
    }

    /**
     * Whether a processing-time timer at {@code timestamp} is a hold's expiry: an odd millisecond
     * at which a standing hold expires. (A grace timer restored from before holds may be odd, but
     * its SKU had no holds then.)
     */
    boolean isHoldTimer(long timestamp) throws Exception {
        if ((timestamp & 1L) == 0) {
            return false;
        }
        for (Hold h : holds.values()) {
            if (h.expiresAt == timestamp) {
                return true;
            }
        }
        return false;
    }

    /** A hold's timer fired: gives back what expired by then and publishes EXPIRED. */
    void onExpiry(
            String sku,
            long timestamp,
            ApplyInventoryEventFunction.OnTimerContext ctx,
            Collector<Availability> out)
            throws Exception {
        output.bind(null, ctx, out);
        begin();
        ledger.expireHolds(sku, timestamp, state, this, output);
        settleTimers(ctx.timerService());
    }

    /**
     * The SKU's holds for a single-SKU order's ROUTE, which converts a hold the order names ({@link
     * SkuLedger#route}); {@link #endRoute} settles the converted hold's timer.
     */
    SkuLedger.HoldStore beginRoute() {
        begin();
        return this;
    }

    void endRoute(TimerService timers) throws Exception {
        settleTimers(timers);
    }

    private void begin() {
        readExpiry.clear();
        unneeded.clear();
        needed.clear();
    }

    /** Registers the timers placed and extended holds need; deletes those no hold needs now. */
    private void settleTimers(TimerService timers) throws Exception {
        for (long timer : needed) {
            timers.registerProcessingTimeTimer(timer);
            counts.timersRegistered.inc();
        }
        for (long timer : unneeded) {
            if (!needed.contains(timer) && !isHoldTimer(timer)) {
                timers.deleteProcessingTimeTimer(timer);
            }
        }
    }

    @Override
    public Hold get(String holdId) {
        try {
            Hold h = holds.get(holdId);
            if (h != null) {
                readExpiry.put(holdId, h.expiresAt);
            }
            return h;
        } catch (Exception e) {
            throw failed(e);
        }
    }

    @Override
    public void put(Hold hold) {
        try {
            Long before = readExpiry.get(hold.holdId);
            if (before == null || before != hold.expiresAt) {
                needed.add(hold.expiresAt);
                if (before != null) {
                    unneeded.add(before);
                }
            }
            holds.put(hold.holdId, hold);
        } catch (Exception e) {
            throw failed(e);
        }
    }

    @Override
    public void remove(String holdId) {
        try {
            Long before = readExpiry.get(holdId);
            if (before != null) {
                unneeded.add(before);
            }
            holds.remove(holdId);
        } catch (Exception e) {
            throw failed(e);
        }
    }

    @Override
    public Iterable<Hold> all() {
        try {
            List<Hold> all = new ArrayList<>();
            for (Hold h : holds.values()) {
                readExpiry.put(h.holdId, h.expiresAt);
                all.add(h);
            }
            return all;
        } catch (Exception e) {
            throw failed(e);
        }
    }

    /** A state backend failure: the task fails and restarts from its last checkpoint. */
    private static IllegalStateException failed(Exception e) {
        return new IllegalStateException("state backend access failed", e);
    }
}
