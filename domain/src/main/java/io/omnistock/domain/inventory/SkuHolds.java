package io.omnistock.domain.inventory;

import io.omnistock.domain.holds.HoldCommand;
import io.omnistock.domain.holds.HoldOutcome;
import io.omnistock.ledger.domain.Hold;
import io.omnistock.ledger.domain.NodeInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Cart and checkout holds of one SKU (docs/concepts/holds.md), kept by the SKU's ledger: a HOLD
 * sets units aside at one node ({@link Position#held}) when its ATP covers them, all or nothing; an
 * EXTEND moves the expiry; a RELEASE, or the expiry on the wall clock, gives the units back. Held
 * units are not available to promise: ATP = max(0, onHand - reserved - held - safetyStock), for
 * reservations, probes, quotes and the network totals alike. A hold is never moved: a node that
 * closes or falls short keeps its holds (its ATP shows 0) until they are released or expire.
 */
final class SkuHolds {
    private final PositionPublisher publisher;

    SkuHolds(PositionPublisher publisher) {
        this.publisher = publisher;
    }

    /**
     * A hold's wall-clock expiry, {@code ttlMillis} after {@code nowMillis}: rounded up to an odd
     * millisecond, so a processing-time timer at it is told apart from the even grace timers of
     * held records.
     */
    static long expiry(long nowMillis, long ttlMillis) {
        return (nowMillis + ttlMillis) | 1L;
    }

    SkuLedger.Outcome apply(
            HoldCommand c,
            long nowMillis,
            SkuLedger.State state,
            SkuLedger.HoldStore holds,
            SkuLedger.Output out) {
        if (state.seen(c.eventId)) {
            return SkuLedger.Outcome.DUPLICATE;
        }
        state.remember(c.eventId, c.eventTime);
        switch (c.action) {
            case HOLD -> hold(c, nowMillis, state, holds, out);
            case EXTEND -> extend(c, nowMillis, holds, out);
            case RELEASE -> release(c, state, holds, out);
            default -> throw new IllegalArgumentException("unexpected " + c.action);
        }
        return SkuLedger.Outcome.APPLIED;
    }

    private void hold(
            HoldCommand c,
            long nowMillis,
            SkuLedger.State state,
            SkuLedger.HoldStore holds,
            SkuLedger.Output out) {
        Hold standing = holds.get(c.holdId);
        if (standing != null) {
            out.hold(
                    HoldOutcome.refused(
                            c, "hold " + c.holdId + " already stands at " + standing.nodeId));
            return;
        }
        String nodeId = c.nodeId != null ? c.nodeId : mostAvailable(state);
        if (nodeId == null) {
            out.hold(HoldOutcome.refused(c, "no OPEN node has " + c.sku + " available"));
            return;
        }
        NodeInfo node = state.node(nodeId);
        if (node == null) {
            out.hold(HoldOutcome.refused(c, "unknown node " + nodeId));
            return;
        }
        if (!node.isOpen()) {
            out.hold(HoldOutcome.refused(c, "node " + nodeId + " is " + node.status));
            return;
        }
        Position p = state.position(nodeId);
        long atp = p == null ? 0 : state.sellable(node, p.atp(state.safetyStock(node)));
        if (atp < c.quantity) {
            out.hold(
                    HoldOutcome.refused(
                            c,
                            "only "
                                    + atp
                                    + " available at "
                                    + nodeId
                                    + (c.nodeId == null ? " (the most of any OPEN node)" : "")
                                    + ", "
                                    + c.quantity
                                    + " wanted"));
            return;
        }
        p.held += c.quantity;
        publish(c.sku, nodeId, p, node, c.eventTime, c.eventId, state, out);
        Hold placed =
                new Hold(
                        c.holdId,
                        nodeId,
                        c.quantity,
                        expiry(nowMillis, c.ttlMillis),
                        c.channel,
                        c.eventTime);
        holds.put(placed);
        out.hold(outcome(HoldOutcome.Type.HELD, c.sku, placed, c.eventId, c.eventTime));
    }

    /**
     * The OPEN node with the most ATP of the SKU (the smallest node id among equals), or null when
     * no OPEN node has any.
     */
    private static String mostAvailable(SkuLedger.State state) {
        String[] best = {null};
        long[] bestAtp = {0};
        state.stock()
                .forEach(
                        (nodeId, free, due) -> {
                            NodeInfo node = state.node(nodeId);
                            if (node == null || !node.isOpen()) {
                                return;
                            }
                            long atp =
                                    state.sellable(
                                            node, Position.atp(free, state.safetyStock(node)));
                            if (atp > bestAtp[0]
                                    || (atp == bestAtp[0]
                                            && atp > 0
                                            && nodeId.compareTo(best[0]) < 0)) {
                                best[0] = nodeId;
                                bestAtp[0] = atp;
                            }
                        });
        return best[0];
    }

    private static void extend(
            HoldCommand c, long nowMillis, SkuLedger.HoldStore holds, SkuLedger.Output out) {
        Hold h = holds.get(c.holdId);
        if (h == null) {
            out.hold(HoldOutcome.refused(c, unknown(c.holdId)));
            return;
        }
        h.expiresAt = expiry(nowMillis, c.ttlMillis);
        holds.put(h);
        out.hold(outcome(HoldOutcome.Type.EXTENDED, c.sku, h, c.eventId, c.eventTime));
    }

    private void release(
            HoldCommand c, SkuLedger.State state, SkuLedger.HoldStore holds, SkuLedger.Output out) {
        Hold h = holds.get(c.holdId);
        if (h == null) {
            out.hold(HoldOutcome.refused(c, unknown(c.holdId)));
            return;
        }
        giveBack(c.sku, h, c.eventTime, c.eventId, state, holds, out);
        out.hold(outcome(HoldOutcome.Type.RELEASED, c.sku, h, c.eventId, c.eventTime));
    }

    /**
     * Gives back the units of every hold whose expiry is at or before {@code nowMillis} (wall
     * clock), publishing EXPIRED for each; returns how many expired.
     */
    int expire(
            String sku,
            long nowMillis,
            SkuLedger.State state,
            SkuLedger.HoldStore holds,
            SkuLedger.Output out) {
        List<Hold> due = new ArrayList<>();
        for (Hold h : holds.all()) {
            if (h.expiresAt <= nowMillis) {
                due.add(h);
            }
        }
        due.sort((a, b) -> a.holdId.compareTo(b.holdId));
        for (Hold h : due) {
            giveBack(sku, h, h.expiresAt, h.holdId + "|EXPIRED", state, holds, out);
            out.hold(outcome(HoldOutcome.Type.EXPIRED, sku, h, null, h.expiresAt));
        }
        return due.size();
    }

    private void giveBack(
            String sku,
            Hold h,
            long eventTime,
            String causeEventId,
            SkuLedger.State state,
            SkuLedger.HoldStore holds,
            SkuLedger.Output out) {
        Position p = state.position(h.nodeId);
        if (p != null) {
            p.held -= h.units;
            NodeInfo node = state.node(h.nodeId);
            if (node != null) {
                publish(sku, h.nodeId, p, node, eventTime, causeEventId, state, out);
            } else {
                state.putPosition(h.nodeId, p);
            }
        }
        holds.remove(h.holdId);
    }

    private void publish(
            String sku,
            String nodeId,
            Position p,
            NodeInfo node,
            long eventTime,
            String causeEventId,
            SkuLedger.State state,
            SkuLedger.Output out) {
        NetworkTotals totals = publisher.beginChange(state);
        publisher.publishAndStore(
                sku, nodeId, p, node, totals, eventTime, causeEventId, state, out);
        publisher.endChange(sku, totals, eventTime, out);
    }

    private static String unknown(String holdId) {
        return "no hold " + holdId + " stands (never held, released or expired)";
    }

    private static HoldOutcome outcome(
            HoldOutcome.Type type, String sku, Hold h, String requestEventId, long eventTime) {
        boolean standing = type == HoldOutcome.Type.HELD || type == HoldOutcome.Type.EXTENDED;
        return new HoldOutcome(
                type,
                h.holdId,
                sku,
                h.nodeId,
                h.units,
                standing ? h.expiresAt : HoldOutcome.NO_EXPIRY,
                null,
                h.channel,
                requestEventId,
                eventTime);
    }
}
