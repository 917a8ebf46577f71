package io.omnistock.domain.inventory;

import io.omnistock.ledger.domain.InboundUnits;
import io.omnistock.ledger.domain.NodeInfo;
import io.omnistock.ledger.domain.NodeUnits;
import io.omnistock.ledger.domain.Reservation;
import io.omnistock.ledger.domain.StockReply;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Promises against inbound supply for one SKU (docs/concepts/inbound-promises.md), kept by the
 * SKU's ledger beside its reservations: an order allowing future supply is promised units of ASNs
 * no other order was promised ({@link InboundShipment#promised}), whose ETA meets its promise date,
 * earliest ETA first. A receipt of the ASN turns its promised units into ordinary reservations of
 * the order; an ASN revised down, or whose ETA moves past an order's promise date, moves the newest
 * promises onto other inbound, or leaves them backordered. Every such change is a {@link
 * StockReply.Kind#REPROMISED} answer for routing.
 *
 * <p>Orders without future supply never reach this class, and events only when their ASN has
 * promised units: the hot path pays one field check.
 */
final class SkuPromises {
    /** Why promises moved, the first word of a REPROMISED reply's reason. */
    static final String RECEIVED = "INBOUND_RECEIVED";

    static final String REVISED = "INBOUND_REVISED";
    static final String LATE = "INBOUND_LATE";

    /** Oldest promise first: a receipt keeps the oldest promises first. */
    private static final Comparator<Reservation> OLDEST_FIRST =
            Comparator.comparingLong((Reservation r) -> r.reservedAt).thenComparing(r -> r.orderId);

    /** Newest promise first: a revision or a late ASN moves the newest promises first. */
    private static final Comparator<Reservation> NEWEST_FIRST = OLDEST_FIRST.reversed();

    private final PositionPublisher publisher;

    SkuPromises(PositionPublisher publisher) {
        this.publisher = publisher;
    }

    /**
     * Promises the order up to {@code wanted} units of inbound that no order was promised, at the
     * OPEN {@code nodes}, from ASNs whose ETA is at or before {@code promiseBy}, earliest ETA first
     * (then node id, then ASN id); records them on the order's reservation and publishes the
     * positions whose future ATP moved. Returns what was promised, one entry per ASN (empty when
     * nothing could be). {@code working} is a position being changed by the caller (not stored yet)
     * at {@code workingNodeId}, or null; {@code changing} the totals of the change the caller has
     * begun ({@link PositionPublisher#beginChange}), or null to make this one change.
     */
    List<InboundUnits> promise(
            String sku,
            String orderId,
            long orderTime,
            long wanted,
            long promiseBy,
            List<String> nodes,
            long eventTime,
            String causeEventId,
            String workingNodeId,
            Position working,
            NetworkTotals changing,
            SkuLedger.State state,
            SkuLedger.Output out) {
        List<InboundUnits> promised = new ArrayList<>();
        if (wanted <= 0) {
            return promised;
        }
        List<Candidate> candidates = new ArrayList<>();
        Set<String> scanned = new HashSet<>();
        for (String nodeId : nodes) {
            NodeInfo node = state.node(nodeId);
            Position p = nodeId.equals(workingNodeId) ? working : state.position(nodeId);
            if (node == null || !node.isOpen() || p == null || !scanned.add(nodeId)) {
                continue;
            }
            for (InboundShipment s : p.inbound) {
                if (s.eta != InventoryEvent.NO_TIME && s.eta <= promiseBy && s.unpromised() > 0) {
                    candidates.add(new Candidate(nodeId, node, p, s));
                }
            }
        }
        if (candidates.isEmpty()) {
            return promised;
        }
        NetworkTotals totals = changing == null ? publisher.beginChange(state) : changing;
        candidates.sort(
                Comparator.comparingLong((Candidate c) -> c.shipment.eta)
                        .thenComparing(c -> c.nodeId)
                        .thenComparing(c -> c.shipment.asnId));
        Reservation reservation = state.reservation(orderId);
        if (reservation == null) {
            reservation = new Reservation(orderId, orderTime, List.of());
        }
        reservation.promiseBy = promiseBy;
        reservation.promiseNodes = new ArrayList<>(nodes);
        long left = wanted;
        Set<Position> touched = new LinkedHashSet<>();
        for (Candidate c : candidates) {
            if (left == 0) {
                break;
            }
            long take = Math.min(left, c.shipment.unpromised());
            c.shipment.promised += take;
            c.position.inboundChanged = true;
            left -= take;
            addPromise(reservation.promised, c.nodeId, c.shipment.asnId, take, c.shipment.eta);
            promised.add(InboundUnits.of(c.nodeId, c.shipment.asnId, take, c.shipment.eta));
            touched.add(c.position);
        }
        for (Candidate c : candidates) {
            if (c.position != working && touched.remove(c.position)) {
                publisher.publishAndStore(
                        sku,
                        c.nodeId,
                        c.position,
                        c.node,
                        totals,
                        eventTime,
                        causeEventId,
                        state,
                        out);
            }
        }
        state.putReservation(reservation);
        if (changing == null) {
            publisher.endChange(sku, totals, eventTime, out);
        }
        return promised;
    }

    /**
     * A receipt against {@code shipment} at {@code nodeId} brought {@code units}: turns up to that
     * many of its promised units into on-hand reservations of the orders promised them, oldest
     * promise first, and tells each order. The caller publishes and stores {@code p}.
     */
    void received(
            String sku,
            String nodeId,
            Position p,
            InboundShipment shipment,
            long units,
            long eventTime,
            String causeEventId,
            SkuLedger.State state,
            SkuLedger.Output out) {
        long budget = Math.min(units, shipment.promised);
        if (budget <= 0) {
            return;
        }
        for (Reservation r : holdersOf(nodeId, shipment.asnId, OLDEST_FIRST, state)) {
            if (budget == 0) {
                break;
            }
            InboundUnits entry = promiseOn(r, nodeId, shipment.asnId);
            long take = Math.min(entry.units, budget);
            budget -= take;
            entry.units -= take;
            if (entry.units == 0) {
                r.promised.remove(entry);
            }
            shipment.promised -= take;
            p.reserved += take;
            p.inboundChanged = true;
            r.add(nodeId, take);
            state.putReservation(r);
            out.reply(
                    reply(
                            sku,
                            r,
                            eventTime,
                            causeEventId,
                            nodeId,
                            take,
                            RECEIVED
                                    + ": "
                                    + take
                                    + " promised units of ASN "
                                    + shipment.asnId
                                    + " received at "
                                    + nodeId));
        }
    }

    /**
     * An ASN revision was applied to {@code shipment} at {@code nodeId}: promises whose order's
     * promise date its new ETA misses move off it (late), then, while it has more promised than
     * remaining units, the newest promises give back the excess (revised down); what moves is
     * promised from other inbound where it can be, else left backordered. The caller publishes and
     * stores {@code p}.
     */
    void asnChanged(
            String sku,
            String nodeId,
            Position p,
            InboundShipment shipment,
            NetworkTotals totals,
            long eventTime,
            String causeEventId,
            SkuLedger.State state,
            SkuLedger.Output out) {
        if (shipment.promised <= 0) {
            return;
        }
        for (Reservation r : holdersOf(nodeId, shipment.asnId, NEWEST_FIRST, state)) {
            InboundUnits entry = promiseOn(r, nodeId, shipment.asnId);
            long move;
            String reason;
            if (shipment.eta == InventoryEvent.NO_TIME || shipment.eta > r.promiseBy) {
                move = entry.units;
                reason =
                        LATE
                                + ": ASN "
                                + shipment.asnId
                                + " at "
                                + nodeId
                                + " now due "
                                + java.time.Instant.ofEpochMilli(shipment.eta)
                                + ", after the promise date";
            } else if (shipment.promised > shipment.remaining()) {
                move = Math.min(entry.units, shipment.promised - shipment.remaining());
                reason =
                        REVISED
                                + ": ASN "
                                + shipment.asnId
                                + " at "
                                + nodeId
                                + " now brings "
                                + shipment.remaining()
                                + " units";
            } else {
                continue;
            }
            entry.units -= move;
            if (entry.units == 0) {
                r.promised.remove(entry);
            }
            shipment.promised -= move;
            p.inboundChanged = true;
            state.putReservation(r);
            List<InboundUnits> again =
                    promise(
                            sku,
                            r.orderId,
                            r.reservedAt,
                            move,
                            r.promiseBy,
                            r.promiseNodes,
                            eventTime,
                            causeEventId,
                            nodeId,
                            p,
                            totals,
                            state,
                            out);
            Reservation now = state.reservation(r.orderId);
            long repromised = 0;
            for (InboundUnits u : again) {
                repromised += u.units;
            }
            if (now.isEmpty()) {
                state.removeReservation(r.orderId);
            }
            out.reply(
                    reply(
                            sku,
                            now,
                            eventTime,
                            causeEventId,
                            nodeId,
                            move,
                            reason
                                    + "; "
                                    + repromised
                                    + " of "
                                    + move
                                    + " units promised from other inbound, "
                                    + (move - repromised)
                                    + " backordered"));
        }
    }

    /**
     * Gives back every unit promised to {@code r} (a released, committed or moved order), at the
     * positions of their ASNs, publishing and storing those positions.
     */
    void releaseAll(
            String sku,
            Reservation r,
            NetworkTotals totals,
            long eventTime,
            String causeEventId,
            SkuLedger.State state,
            SkuLedger.Output out) {
        if (r.promised == null || r.promised.isEmpty()) {
            return;
        }
        for (InboundUnits u : r.promised) {
            Position p = state.position(u.nodeId);
            if (p == null) {
                continue;
            }
            for (InboundShipment s : p.inbound) {
                if (s.asnId.equals(u.asnId)) {
                    s.promised = Math.max(0, s.promised - u.units);
                    p.inboundChanged = true;
                }
            }
            publisher.publishAndStore(
                    sku,
                    u.nodeId,
                    p,
                    state.node(u.nodeId),
                    totals,
                    eventTime,
                    causeEventId,
                    state,
                    out);
        }
        r.promised.clear();
    }

    private static StockReply reply(
            String sku,
            Reservation r,
            long eventTime,
            String causeEventId,
            String nodeId,
            long units,
            String reason) {
        StockReply reply = new StockReply();
        reply.kind = StockReply.Kind.REPROMISED;
        reply.orderId = r.orderId;
        reply.sku = sku;
        reply.requestId = causeEventId;
        reply.eventTime = eventTime;
        for (NodeUnits u : r.held) {
            reply.units.add(new NodeUnits(u.nodeId, u.units));
        }
        reply.promised = copy(r.promised);
        reply.fromNodeId = nodeId;
        reply.movedUnits = units;
        reply.reason = reason;
        return reply;
    }

    static List<InboundUnits> copy(List<InboundUnits> promised) {
        List<InboundUnits> copy = new ArrayList<>(promised.size());
        for (InboundUnits u : promised) {
            copy.add(InboundUnits.of(u.nodeId, u.asnId, u.units, u.eta));
        }
        return copy;
    }

    private static void addPromise(
            List<InboundUnits> promised, String nodeId, String asnId, long units, long eta) {
        for (InboundUnits u : promised) {
            if (u.nodeId.equals(nodeId) && u.asnId.equals(asnId)) {
                u.units += units;
                u.eta = eta;
                return;
            }
        }
        promised.add(InboundUnits.of(nodeId, asnId, units, eta));
    }

    private static InboundUnits promiseOn(Reservation r, String nodeId, String asnId) {
        for (InboundUnits u : r.promised) {
            if (u.nodeId.equals(nodeId) && u.asnId.equals(asnId)) {
                return u;
            }
        }
        return null;
    }

    /** The reservations promised units of this ASN, in {@code order}. */
    private static List<Reservation> holdersOf(
            String nodeId, String asnId, Comparator<Reservation> order, SkuLedger.State state) {
        List<Reservation> holders = new ArrayList<>();
        for (Reservation r : state.reservations()) {
            if (r.promised != null && promiseOn(r, nodeId, asnId) != null) {
                holders.add(r);
            }
        }
        holders.sort(order);
        return holders;
    }

    /** One ASN at one node that may take a promise. */
    private record Candidate(
            String nodeId, NodeInfo node, Position position, InboundShipment shipment) {}
}
