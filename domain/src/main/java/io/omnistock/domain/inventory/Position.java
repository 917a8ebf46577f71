package io.omnistock.domain.inventory;

import io.omnistock.avro.NodeType;
import java.util.ArrayList;
import java.util.List;

/**
 * The ledger's position of one SKU at one node (docs/design.md 3): on-hand by the count-plus-deltas
 * rule, reservations, inbound ASNs, the ids of the events applied here within the horizon, the
 * count checks waiting for the watermark, and what was last published. A Flink POJO kept in
 * RocksDB: everything an event at this node needs is one state entry, read once and written once.
 */
public class Position {
    public static final long NO_COUNT = Long.MIN_VALUE;
    public static final long NO_DELTA = Long.MAX_VALUE;

    public long onHand;
    public long reserved;

    /** Units set aside by cart and checkout holds ({@link SkuHolds}): not available to promise. */
    public long held;

    /** As-of time of the count in force, or {@link #NO_COUNT}. */
    public long lastCountTime = NO_COUNT;

    /** Event time of the earliest delta ever applied, or {@link #NO_DELTA}. */
    public long earliestAppliedDelta = NO_DELTA;

    /** Deltas seen within the horizon, in arrival order. */
    public List<BufferedDelta> recentDeltas = new ArrayList<>();

    /**
     * Ids of events applied here within the horizon that {@link #recentDeltas} does not hold: with
     * those, every event id applied at this position (dedupe, docs/design.md 3.5).
     */
    public List<RememberedEvent> rememberedEvents = new ArrayList<>();

    /**
     * Counts whose comparison with the ledger waits for the watermark (docs/design.md 3), oldest
     * as-of time first: see {@link CountChecks}.
     */
    public List<PendingCountCheck> pendingChecks = new ArrayList<>();

    /** ASNs (and receipts against them) still open or within the horizon. */
    public List<InboundShipment> inbound = new ArrayList<>();

    // --- what was last published for this position ---
    /** Version of the last published availability; 0 before the first. */
    public long version;

    public long publishedOnHand;
    public long publishedReserved;
    public long publishedHeld;
    public long publishedInTransit;
    public long publishedSafetyStock;
    public long publishedAtp;

    /** Set when an ASN or receipt changed the in-transit lines, cleared on publish. */
    public boolean inboundChanged;

    // --- this position's share of the SKU's network totals ---
    public boolean countedInNetwork;
    public NodeType countedType;
    public long countedAtp;

    /** How many times this share changed (see {@link NetworkTotals#version}). */
    public long networkChanges;

    // --- demand forecast (see forecast.DemandForecast) ---
    /** Exponentially weighted demand in units per day as of {@link #demandRateTime}. */
    public double demandRate;

    /** Event time of the latest demand, or {@link InventoryEvent#NO_TIME} before the first. */
    public long demandRateTime = InventoryEvent.NO_TIME;

    /** Earliest event time applied at this position, or {@link #NO_DELTA}: starts its history. */
    public long observedSince = NO_DELTA;

    /** Whether a PROJECTED_STOCKOUT alert was raised and cover has not recovered since. */
    public boolean stockoutAlerted;

    public Position() {}

    public boolean hasCount() {
        return lastCountTime != NO_COUNT;
    }

    /** Inbound units promised to orders allowing future supply, all ASNs together. */
    public long promisedInbound() {
        long total = 0;
        for (InboundShipment shipment : inbound) {
            total += shipment.promised;
        }
        return total;
    }

    /** Units still expected from ASNs at this node. */
    public long inTransit() {
        long total = 0;
        for (InboundShipment shipment : inbound) {
            total += shipment.remaining();
        }
        return total;
    }

    /**
     * ATP = max(0, onHand - reserved - held - safetyStock), never above on-hand less reserved and
     * held whatever the reference data says (a negative safety stock is dead-lettered, and counts
     * as 0 here).
     */
    public long atp(long safetyStock) {
        return atp(free(), safetyStock);
    }

    /** On-hand less reserved and held: what ATP is before safety stock. */
    public long free() {
        return onHand - reserved - held;
    }

    /**
     * ATP of {@code free} units (on-hand less reserved and held) with {@code safetyStock} held
     * back.
     */
    public static long atp(long free, long safetyStock) {
        return Math.max(0, free - Math.max(0, safetyStock));
    }

    /** Sum of the deltas seen with an event time strictly after {@code time}. */
    long deltasAfter(long time) {
        long sum = 0;
        for (BufferedDelta d : recentDeltas) {
            if (d.eventTime > time) {
                sum += d.delta;
            }
        }
        return sum;
    }

    /**
     * Drops buffered deltas a count as of {@code asOf} already includes: no later count can need
     * them (an older count is stale), but their ids are still remembered. Sales stay until the
     * horizon, for VOIDs to find.
     */
    void forgetDeltasCoveredBy(long asOf) {
        recentDeltas.removeIf(
                d -> {
                    boolean covered = d.eventTime <= asOf && d.type != EventType.SALE;
                    if (covered) {
                        rememberedEvents.add(new RememberedEvent(d.eventId, d.eventTime));
                    }
                    return covered;
                });
    }

    /** Whether an event with this id was applied here within the horizon. */
    public boolean hasApplied(String eventId) {
        if (findDelta(eventId) != null) {
            return true;
        }
        for (RememberedEvent e : rememberedEvents) {
            if (e.eventId.equals(eventId)) {
                return true;
            }
        }
        return false;
    }

    /** Remembers an applied event's id, unless it is the delta just buffered (which holds it). */
    void remember(String eventId, long eventTime) {
        int last = recentDeltas.size() - 1;
        if (last < 0 || !recentDeltas.get(last).eventId.equals(eventId)) {
            rememberedEvents.add(new RememberedEvent(eventId, eventTime));
        }
    }

    BufferedDelta findDelta(String eventId) {
        for (BufferedDelta d : recentDeltas) {
            if (d.eventId.equals(eventId)) {
                return d;
            }
        }
        return null;
    }

    /** The shipment of this ASN, or null. */
    InboundShipment findShipment(String asnId) {
        for (InboundShipment shipment : inbound) {
            if (shipment.asnId.equals(asnId)) {
                return shipment;
            }
        }
        return null;
    }

    InboundShipment shipment(String asnId) {
        for (InboundShipment shipment : inbound) {
            if (shipment.asnId.equals(asnId)) {
                return shipment;
            }
        }
        InboundShipment created = new InboundShipment(asnId);
        inbound.add(created);
        return created;
    }

    /**
     * Forgets deltas older than {@code cutoff} (on-hand already holds them) and fully received ASNs
     * not touched since. Returns whether anything that can expire is left.
     */
    public boolean expire(long cutoff) {
        recentDeltas.removeIf(d -> d.eventTime < cutoff);
        rememberedEvents.removeIf(e -> e.eventTime < cutoff);
        inbound.removeIf(s -> s.remaining() == 0 && s.lastTouched < cutoff);
        return earliestExpiring() != NO_DELTA;
    }

    /** Earliest event time among what {@link #expire} may later forget, or NO_DELTA. */
    public long earliestExpiring() {
        long earliest = NO_DELTA;
        for (BufferedDelta d : recentDeltas) {
            earliest = Math.min(earliest, d.eventTime);
        }
        for (RememberedEvent e : rememberedEvents) {
            earliest = Math.min(earliest, e.eventTime);
        }
        for (InboundShipment s : inbound) {
            if (s.remaining() == 0) {
                earliest = Math.min(earliest, s.lastTouched);
            }
        }
        return earliest;
    }
}
