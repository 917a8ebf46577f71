package io.omnistock.generator;

import io.omnistock.avro.NodeRecord;
import io.omnistock.avro.PosEvent;
import io.omnistock.avro.ThreePlEvent;
import io.omnistock.avro.WmsEvent;
import io.omnistock.contracts.AvroCodec;
import io.omnistock.contracts.DecodeException;
import io.omnistock.contracts.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A test oracle: the reconciliation rules of docs/design.md section 3 applied to records in ARRIVAL
 * order, with unbounded buffers (so no horizon). If the generator's perturbations respect the
 * contract, its final state equals the reference ledger computed in event-time order.
 */
final class ContractModel {
    private final AvroCodec<PosEvent> pos = Topics.POS.codec();
    private final AvroCodec<WmsEvent> wms = Topics.WMS.codec();
    private final AvroCodec<ThreePlEvent> threePl = Topics.THREE_PL.codec();
    private final Map<String, NodeRecord> nodes = new HashMap<>();
    private final Set<String> seenIds = new HashSet<>();
    private final Map<String, Position> positions = new HashMap<>();
    private final Map<String, Sale> sales = new HashMap<>();
    private final Set<String> voidedSales = new HashSet<>();
    private final Map<String, Asn> asns = new HashMap<>();
    private final Map<String, Long> received = new HashMap<>();

    ContractModel(List<NodeRecord> nodeRecords) {
        nodeRecords.forEach(n -> nodes.put(n.getNodeId(), n));
    }

    /** Applies one valid or duplicate record; malformed ones are skipped. */
    void accept(GeneratedRecord record) throws DecodeException {
        if (record.kind() == GeneratedRecord.Kind.MALFORMED) {
            return;
        }
        if (record.topic().equals(Topics.POS.name())) {
            PosEvent e = pos.decode(record.value());
            if (seenIds.add(e.getEventId())) {
                apply(e);
            }
        } else if (record.topic().equals(Topics.WMS.name())) {
            WmsEvent e = wms.decode(record.value());
            if (seenIds.add(e.getEventId())) {
                apply(e);
            }
        } else if (record.topic().equals(Topics.THREE_PL.name())) {
            ThreePlEvent e = threePl.decode(record.value());
            if (seenIds.add(e.getEventId())) {
                apply(e);
            }
        } else {
            throw new AssertionError("valid record on " + record.topic());
        }
    }

    /** The final positions, shaped like the reference. */
    Map<String, ExpectedPosition> positions() {
        Map<String, Long> inTransit = new HashMap<>();
        asns.forEach(
                (id, asn) ->
                        inTransit.merge(
                                asn.key,
                                Math.max(0, asn.qty - received.getOrDefault(id, 0L)),
                                Long::sum));
        Map<String, ExpectedPosition> result = new HashMap<>();
        positions.forEach(
                (key, p) -> {
                    long onHand = p.onHand();
                    long safety = nodes.get(p.node).getSafetyStock();
                    result.put(
                            key,
                            new ExpectedPosition(
                                    p.sku,
                                    p.node,
                                    onHand,
                                    inTransit.getOrDefault(key, 0L),
                                    safety,
                                    Math.max(0, onHand - safety)));
                });
        return result;
    }

    private void apply(PosEvent e) {
        Position p = position(e.getSku(), e.getNodeId());
        long t = e.getEventTime().toEpochMilli();
        switch (e.getType()) {
            case SALE -> {
                sales.put(e.getEventId(), new Sale(p.key(), e.getQuantity()));
                p.delta(t, -e.getQuantity());
            }
            case RETURN -> p.delta(t, e.getQuantity());
            case VOID -> {
                Sale sale = sales.get(e.getVoidedEventId());
                if (sale == null || !sale.key.equals(p.key())) {
                    throw new AssertionError("VOID before its sale: " + e);
                }
                if (!voidedSales.add(e.getVoidedEventId())) {
                    throw new AssertionError("second valid VOID: " + e);
                }
                p.delta(t, sale.qty);
            }
        }
    }

    private void apply(WmsEvent e) {
        Position p = position(e.getSku(), e.getNodeId());
        long t = e.getEventTime().toEpochMilli();
        int q = e.getQuantity();
        switch (e.getType()) {
            case RECEIPT -> {
                if (e.getAsnId() != null) {
                    received.merge(e.getAsnId(), (long) q, Long::sum);
                }
                p.delta(t, q);
            }
            case TRANSFER_IN, ADJUSTMENT -> p.delta(t, q);
            case PICK, SHIP, DAMAGE, TRANSFER_OUT -> p.delta(t, -q);
            case CYCLE_COUNT -> p.count(t, q);
        }
    }

    private void apply(ThreePlEvent e) {
        Position p = position(e.getSku(), e.getNodeId());
        long t = e.getEventTime().toEpochMilli();
        switch (e.getType()) {
            case SNAPSHOT -> p.count(t, e.getQuantity());
            case ADJUSTMENT -> p.delta(t, e.getQuantity());
            case ASN -> {
                Asn old = asns.get(e.getAsnId());
                if (old == null || old.time < t) {
                    asns.put(e.getAsnId(), new Asn(p.key(), e.getQuantity(), t));
                }
            }
        }
    }

    private Position position(String sku, String node) {
        if (!nodes.containsKey(node)) {
            throw new AssertionError("unknown node " + node);
        }
        return positions.computeIfAbsent(
                Topics.positionKey(sku, node), k -> new Position(sku, node));
    }

    private record Sale(String key, long qty) {}

    private record Asn(String key, long qty, long time) {}

    /** Count as of T plus every delta seen stamped after T (rules 2, 3 and the tie rule). */
    private static final class Position {
        final String sku;
        final String node;
        final List<long[]> deltas = new ArrayList<>();
        long countTime = Long.MIN_VALUE;
        long count;

        Position(String sku, String node) {
            this.sku = sku;
            this.node = node;
        }

        String key() {
            return Topics.positionKey(sku, node);
        }

        void delta(long time, long qty) {
            deltas.add(new long[] {time, qty});
        }

        void count(long time, long qty) {
            if (time == countTime) {
                throw new AssertionError("two counts with the same time at " + key());
            }
            if (time > countTime) {
                countTime = time;
                count = qty;
            }
        }

        long onHand() {
            long sum = countTime == Long.MIN_VALUE ? 0 : count;
            for (long[] d : deltas) {
                if (d[0] > countTime) {
                    sum += d[1];
                }
            }
            return sum;
        }
    }
}
