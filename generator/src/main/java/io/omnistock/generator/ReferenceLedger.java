package io.omnistock.generator;

import io.omnistock.avro.NodeRecord;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.PosEvent;
import io.omnistock.avro.ThreePlEvent;
import io.omnistock.avro.WmsEvent;
import io.omnistock.contracts.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The exact final state a perfect engine must hold, computed from the valid events in event-time
 * order (the world's own truth, not a re-implementation of the engine's buffering):
 *
 * <ul>
 *   <li>each delta moves onHand by its signed quantity: SALE -, RETURN +, VOID + the voided sale's
 *       quantity, RECEIPT +, PICK/SHIP -, ADJUSTMENT +/-, DAMAGE -, TRANSFER_OUT -, TRANSFER_IN +;
 *   <li>an absolute count (CYCLE_COUNT, SNAPSHOT) as of T sets onHand = count; deltas stamped
 *       exactly T are part of it (whichever of the two is applied first);
 *   <li>inTransit = sum over the ASNs to a position of max(0, latest ASN qty - units received by
 *       RECEIPTs naming that asnId); counts never change it;
 *   <li>atp = max(0, onHand - safetyStock); network figures sum OPEN nodes only;
 *   <li>a position exists once it had one event (a count and an ASN included).
 * </ul>
 *
 * Events must be applied in non-decreasing event time and must all be valid (the generator never
 * feeds it duplicates or malformed records); anything else is a bug and throws.
 */
public final class ReferenceLedger {
    private final Map<String, NodeRecord> nodes = new HashMap<>();
    private final Map<String, Position> positions = new HashMap<>();
    private final Map<String, Sale> openSales = new HashMap<>();
    private final Map<String, Asn> asns = new HashMap<>();
    private final Map<String, Long> receivedByAsn = new HashMap<>();
    private long clock = Long.MIN_VALUE;
    private long countMismatches;
    private final List<CountMismatch> mismatches = new ArrayList<>();

    /** A ledger over these nodes (safety stock, type and status come from them). */
    public ReferenceLedger(Collection<NodeRecord> nodes) {
        for (NodeRecord node : nodes) {
            this.nodes.put(node.getNodeId(), node);
        }
    }

    /** Applies a valid till event. */
    public void apply(PosEvent e) {
        long time = advance(e.getEventTime());
        Position position = position(e.getSku(), e.getNodeId());
        switch (e.getType()) {
            case SALE -> {
                openSales.put(e.getEventId(), new Sale(position.key, e.getQuantity()));
                position.delta(time, -e.getQuantity());
            }
            case RETURN -> position.delta(time, e.getQuantity());
            case VOID -> {
                Sale sale = openSales.remove(e.getVoidedEventId());
                if (sale == null || !sale.positionKey.equals(position.key)) {
                    throw new IllegalArgumentException(
                            "VOID " + e.getEventId() + " of an unknown or voided sale");
                }
                position.delta(time, sale.quantity);
            }
        }
    }

    /** Applies a valid warehouse event. */
    public void apply(WmsEvent e) {
        long time = advance(e.getEventTime());
        Position position = position(e.getSku(), e.getNodeId());
        int qty = e.getQuantity();
        switch (e.getType()) {
            case RECEIPT -> {
                if (e.getAsnId() != null) {
                    receivedByAsn.merge(e.getAsnId(), (long) qty, Long::sum);
                }
                position.delta(time, qty);
            }
            case TRANSFER_IN, ADJUSTMENT -> position.delta(time, qty);
            case PICK, SHIP, DAMAGE, TRANSFER_OUT -> position.delta(time, -qty);
            case CYCLE_COUNT -> count(position, e.getEventId(), time, qty);
        }
    }

    /** Applies a valid 3PL event. */
    public void apply(ThreePlEvent e) {
        long time = advance(e.getEventTime());
        Position position = position(e.getSku(), e.getNodeId());
        switch (e.getType()) {
            case SNAPSHOT -> count(position, e.getEventId(), time, e.getQuantity());
            case ADJUSTMENT -> position.delta(time, e.getQuantity());
            case ASN -> asns.put(e.getAsnId(), new Asn(position.key, e.getQuantity()));
        }
    }

    /** Every position keyed by {@code sku|node}, sorted by key. */
    public Map<String, ExpectedPosition> positions() {
        Map<String, Long> inTransit = inTransitByPosition();
        Map<String, ExpectedPosition> result = new TreeMap<>();
        for (Position p : positions.values()) {
            long safety = nodes.get(p.nodeId).getSafetyStock();
            result.put(
                    p.key,
                    new ExpectedPosition(
                            p.sku,
                            p.nodeId,
                            p.onHand,
                            inTransit.getOrDefault(p.key, 0L),
                            safety,
                            Math.max(0, p.onHand - safety)));
        }
        return Collections.unmodifiableMap(result);
    }

    /**
     * Network availability keyed by SKU, for every SKU holding a position anywhere (all zeros when
     * its only positions are at non-OPEN nodes), sorted by SKU.
     */
    public Map<String, ExpectedNetwork> network() {
        Map<String, NetworkSum> sums = new TreeMap<>();
        for (ExpectedPosition p : positions().values()) {
            NetworkSum sum = sums.computeIfAbsent(p.sku(), sku -> new NetworkSum());
            NodeRecord node = nodes.get(p.nodeId());
            if (node.getStatus() == NodeStatus.OPEN) {
                sum.add(node.getType(), p.atp());
            }
        }
        Map<String, ExpectedNetwork> result = new TreeMap<>();
        sums.forEach((sku, sum) -> result.put(sku, sum.toExpected(sku)));
        return Collections.unmodifiableMap(result);
    }

    /**
     * Counts that disagreed with the event-time book at their time, the position having had an
     * earlier count or delta: shrink revealed at stores and DCs, unreported movements at 3PLs. The
     * engine judges counts in event time, so it reports the same discrepancies whenever every delta
     * stamped at or before a count's time arrives before the watermark passes that time (plus the
     * settle delay); deltas later than that make it report differently.
     */
    public long countMismatches() {
        return countMismatches;
    }

    /**
     * The counts behind {@link #countMismatches}, in event-time order: what the book held at each
     * count's time and what was counted. An engine judging counts in event time (every delta
     * stamped at or before T that arrives before the watermark passes T) reports these.
     */
    public List<CountMismatch> mismatches() {
        return Collections.unmodifiableList(mismatches);
    }

    /** A count that disagreed with the event-time book at its time. */
    public record CountMismatch(String countEventId, long expected, long counted) {}

    private void count(Position position, String eventId, long time, long quantity) {
        if (position.touched && position.onHand != quantity) {
            countMismatches++;
            mismatches.add(new CountMismatch(eventId, position.onHand, quantity));
        }
        position.count(time, quantity);
    }

    private Map<String, Long> inTransitByPosition() {
        Map<String, Long> result = new HashMap<>();
        asns.forEach(
                (asnId, asn) ->
                        result.merge(
                                asn.positionKey,
                                Math.max(0, asn.quantity - receivedByAsn.getOrDefault(asnId, 0L)),
                                Long::sum));
        return result;
    }

    private long advance(Instant eventTime) {
        long time = eventTime.toEpochMilli();
        if (time < clock) {
            throw new IllegalArgumentException(
                    "events must come in event-time order: " + eventTime + " after " + clock);
        }
        clock = time;
        return time;
    }

    private Position position(String sku, String nodeId) {
        if (!nodes.containsKey(nodeId)) {
            throw new IllegalArgumentException("unknown node " + nodeId);
        }
        String key = Topics.positionKey(sku, nodeId);
        return positions.computeIfAbsent(key, k -> new Position(k, sku, nodeId));
    }

    /** One SKU's ATP over OPEN nodes: in total, per node type, and the nodes counted. */
    private static final class NetworkSum {
        private final Map<NodeType, Long> byType = new EnumMap<>(NodeType.class);
        private long total;
        private int openNodes;

        void add(NodeType type, long atp) {
            total += atp;
            byType.merge(type, atp, Long::sum);
            openNodes++;
        }

        ExpectedNetwork toExpected(String sku) {
            return new ExpectedNetwork(
                    sku,
                    total,
                    of(NodeType.STORE),
                    of(NodeType.DC),
                    of(NodeType.DARK_STORE),
                    of(NodeType.THREE_PL),
                    openNodes);
        }

        private long of(NodeType type) {
            return byType.getOrDefault(type, 0L);
        }
    }

    private record Sale(String positionKey, long quantity) {}

    private record Asn(String positionKey, long quantity) {}

    private static final class Position {
        final String key;
        final String sku;
        final String nodeId;
        long onHand;
        long countTime = Long.MIN_VALUE;
        boolean touched;

        Position(String key, String sku, String nodeId) {
            this.key = key;
            this.sku = sku;
            this.nodeId = nodeId;
        }

        void delta(long time, long quantity) {
            touched = true;
            if (time > countTime) {
                onHand += quantity;
            }
        }

        void count(long time, long quantity) {
            touched = true;
            countTime = time;
            onHand = quantity;
        }
    }
}
