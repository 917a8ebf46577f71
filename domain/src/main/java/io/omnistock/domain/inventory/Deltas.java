package io.omnistock.domain.inventory;

/** How a delta (a sale, receipt, transfer, adjustment, fulfilment, void) changes a position. */
final class Deltas {
    private Deltas() {}

    /** Applies {@code delta} units of event {@code e} to {@code p}, unless a count covers it. */
    static SkuLedger.Outcome apply(Position p, InventoryEvent e, long delta) {
        if (e.type == EventType.RECEIPT && e.reference != null && !e.reference.isBlank()) {
            InboundShipment shipment = p.shipment(e.reference);
            shipment.received += delta;
            shipment.lastTouched = Math.max(shipment.lastTouched, e.eventTime);
            p.inboundChanged = true;
        }
        if (p.hasCount() && e.eventTime <= p.lastCountTime) {
            CountChecks.lateDelta(p, e.eventTime, delta); // still counts toward its count's check
            if (e.type == EventType.SALE) { // a VOID may still name it
                p.recentDeltas.add(new BufferedDelta(e.eventId, e.eventTime, e.type, delta));
            }
            return SkuLedger.Outcome.SUPERSEDED_BY_COUNT;
        }
        p.recentDeltas.add(new BufferedDelta(e.eventId, e.eventTime, e.type, delta));
        p.onHand += delta;
        p.earliestAppliedDelta = Math.min(p.earliestAppliedDelta, e.eventTime);
        return SkuLedger.Outcome.APPLIED;
    }
}
