package io.omnistock.generator;

import io.omnistock.avro.NodeRecord;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.PosEvent;
import io.omnistock.contracts.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A public corpus of malformed records: one of every {@link BadRecordKind} (50 kinds, 28 distinct
 * dead-letter reasons: 38 inventory and node kinds, 11 order and lifecycle kinds, 1 quote kind),
 * each a MALFORMED {@link GeneratedRecord} carrying the reason the engine must give. The bad orders
 * are all rejected before anything is reserved, so they hold no stock.
 *
 * <p>Two VALID records come first: a sale of 1 unit and its VOID, both at the same instant at the
 * first store, which the DUPLICATE_VOID and VOID_AT_OTHER_NODE records name. Stamped at one instant
 * they cancel out whatever counts surround them, so the corpus can be published next to a generated
 * run without moving the run's reference (it may add that one position at onHand 0 when the run
 * never touched it). Publish in list order.
 */
public final class BadRecords {
    private static final long SALT = 0x626164L;

    /** The corpus for a network; event times at the middle of the config's span. */
    public static List<GeneratedRecord> corpus(RetailNetwork network, NetworkConfig config) {
        BadRecordFactory factory =
                new BadRecordFactory(
                        network,
                        config,
                        new SplittableRandom(config.seed() ^ SALT),
                        IdSource.forRun("bad", config.seed()));
        long time = config.start().toEpochMilli() + config.duration().toMillis() / 2;
        NodeRecord store = network.nodesOfType(NodeType.STORE).get(0);
        int top = network.networkNodes().get(0).assortment()[0];
        String sku = network.skus().get(top).id();
        PosEvent sale = factory.sale(time, sku, store.getNodeId(), 1);
        PosEvent voided = factory.voidOf(time, sku, store.getNodeId(), sale.getEventId(), 1);
        SaleRef ref = new SaleRef(sale.getEventId(), sku, store.getNodeId(), 1);

        List<GeneratedRecord> records = new ArrayList<>();
        records.add(factory.valid(sale));
        records.add(factory.valid(voided));
        String lastOrderId = null;
        for (BadRecordKind kind : BadRecordKind.values()) {
            GeneratedRecord record = factory.create(kind, time, ref, lastOrderId);
            records.add(record);
            if (record.topic().equals(Topics.ORDER_REQUESTS.name()) && !kind.isCorpusOnly()) {
                lastOrderId = record.key(); // DUPLICATE_ORDER_ID reuses it
            }
        }
        return List.copyOf(records);
    }

    private BadRecords() {}
}
