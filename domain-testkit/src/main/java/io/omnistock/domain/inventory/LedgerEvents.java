package io.omnistock.domain.inventory;

import io.omnistock.avro.SourceSystem;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test vocabulary: named instants and event builders, e.g. {@code sale("SKU-1", STORE, 3, at(10,
 * 5))}.
 */
final class LedgerEvents {
    static final Instant DAY = Instant.parse("2026-03-02T00:00:00Z");
    static final String SKU = "SKU-1";
    static final String STORE = "STORE-1";
    static final String DC = "DC-1";
    static final String THREE_PL = "3PL-1";

    private static final AtomicLong IDS = new AtomicLong();

    /** Event time at hh:mm on the test day. */
    static long at(int hour, int minute) {
        return DAY.plus(Duration.ofHours(hour).plusMinutes(minute)).toEpochMilli();
    }

    static InventoryEvent event(EventType type, String node, long qty, long time) {
        SourceSystem source =
                switch (type) {
                    case SALE, RETURN, VOID -> SourceSystem.POS;
                    case SNAPSHOT, ASN -> SourceSystem.THREE_PL;
                    default -> SourceSystem.WMS;
                };
        return new InventoryEvent(
                type.name().toLowerCase() + "-" + IDS.incrementAndGet(),
                time,
                SKU,
                node,
                type,
                qty,
                source);
    }

    static InventoryEvent sale(String node, long qty, long time) {
        return event(EventType.SALE, node, qty, time);
    }

    static InventoryEvent returned(String node, long qty, long time) {
        return event(EventType.RETURN, node, qty, time);
    }

    static InventoryEvent voidOf(InventoryEvent sale, long time) {
        return event(EventType.VOID, sale.nodeId, 0, time).withReference(sale.eventId);
    }

    static InventoryEvent receipt(String node, long qty, long time) {
        return event(EventType.RECEIPT, node, qty, time);
    }

    static InventoryEvent receiptAgainst(String asnId, String node, long qty, long time) {
        return receipt(node, qty, time).withReference(asnId);
    }

    static InventoryEvent adjustment(String node, long signedQty, long time) {
        return event(EventType.ADJUSTMENT, node, signedQty, time);
    }

    static InventoryEvent cycleCount(String node, long count, long asOf) {
        return event(EventType.CYCLE_COUNT, node, count, asOf);
    }

    static InventoryEvent snapshot(String node, long count, long asOf) {
        return event(EventType.SNAPSHOT, node, count, asOf);
    }

    static InventoryEvent transferOut(String from, String to, long qty, long time) {
        return event(EventType.TRANSFER_OUT, from, qty, time).withCounterpart(to);
    }

    static InventoryEvent transferIn(String to, String from, long qty, long time) {
        return event(EventType.TRANSFER_IN, to, qty, time).withCounterpart(from);
    }

    static InventoryEvent asn(String asnId, String node, long qty, long time, long eta) {
        return event(EventType.ASN, node, qty, time).withReference(asnId).withEta(eta);
    }

    /** A copy with the same event id (a duplicate delivery). */
    static InventoryEvent copyOf(InventoryEvent e) {
        return new InventoryEvent(
                        e.eventId, e.eventTime, e.sku, e.nodeId, e.type, e.quantity, e.source)
                .withReference(e.reference)
                .withCounterpart(e.counterpartNodeId)
                .withEta(e.eta)
                .withReturned(e.returned);
    }

    private LedgerEvents() {}
}
