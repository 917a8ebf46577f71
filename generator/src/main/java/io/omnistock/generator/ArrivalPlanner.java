package io.omnistock.generator;

import io.omnistock.avro.PosEvent;
import io.omnistock.avro.ThreePlEvent;
import io.omnistock.avro.WmsEvent;
import io.omnistock.contracts.AvroCodec;
import io.omnistock.contracts.Topics;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Turns the world's valid events into Kafka records and decides when each arrives: on time, up to
 * {@code maxDisorder} late (movements only), a snapshot batch's lag late, plus exact duplicates up
 * to {@code maxDuplicateDelay} after the original and malformed records at {@code malformedRate}.
 * Perturbations draw from their own random stream, so the world (and the reference) does not depend
 * on the perturbation rates.
 *
 * <p>Sales that will be voided are never delayed and VOIDs are at least a minute younger than their
 * sale, so a VOID always arrives after its sale; VOIDs are never duplicated.
 */
final class ArrivalPlanner implements InventoryWorld.Listener {
    private static final long SALT = 0x6172726976616CL;
    private static final BadRecordKind[] BAD_KINDS = BadRecordKind.inventoryKinds();

    private final NetworkConfig config;
    private final ArrivalQueue queue;
    private final StatsCounter stats;
    private final ReferenceLedger ledger;
    private final BadRecordFactory bad;
    private final SplittableRandom rng;
    private final long maxDisorder;
    private final long maxDuplicateDelay;
    private final AvroCodec<PosEvent> posCodec = Topics.POS.codec();
    private final AvroCodec<WmsEvent> wmsCodec = Topics.WMS.codec();
    private final AvroCodec<ThreePlEvent> threePlCodec = Topics.THREE_PL.codec();
    private SaleRef lastSale;
    private SaleRef lastVoidedSale;

    /**
     * @param ledger receives every valid event in event-time order; null when not needed
     */
    ArrivalPlanner(
            NetworkConfig config,
            RetailNetwork network,
            ArrivalQueue queue,
            StatsCounter stats,
            ReferenceLedger ledger) {
        this.config = config;
        this.queue = queue;
        this.stats = stats;
        this.ledger = ledger;
        this.rng = new SplittableRandom(config.seed() ^ SALT);
        this.bad =
                new BadRecordFactory(
                        network, config, rng.split(), IdSource.forRun("x", config.seed()));
        this.maxDisorder = config.maxDisorder().toMillis();
        this.maxDuplicateDelay = config.maxDuplicateDelay().toMillis();
    }

    @Override
    public void pos(PosEvent e, EventKind kind, Delivery delivery) {
        if (ledger != null) {
            ledger.apply(e);
        }
        plan(
                Topics.POS.name(),
                e.getSku(),
                posCodec.encode(e),
                e.getEventTime(),
                kind,
                delivery,
                () -> {
                    if (kind == EventKind.SALE) {
                        lastSale = saleRef(e.getEventId(), e);
                    } else if (kind == EventKind.VOID) {
                        lastVoidedSale = saleRef(e.getVoidedEventId(), e);
                    }
                });
    }

    @Override
    public void wms(WmsEvent e, EventKind kind, Delivery delivery) {
        if (ledger != null) {
            ledger.apply(e);
        }
        plan(
                Topics.WMS.name(),
                e.getSku(),
                wmsCodec.encode(e),
                e.getEventTime(),
                kind,
                delivery,
                null);
    }

    @Override
    public void threePl(ThreePlEvent e, EventKind kind, Delivery delivery) {
        if (ledger != null) {
            ledger.apply(e);
        }
        plan(
                Topics.THREE_PL.name(),
                e.getSku(),
                threePlCodec.encode(e),
                e.getEventTime(),
                kind,
                delivery,
                null);
    }

    /**
     * Delivers a valid record, runs {@code ifOnTime} (nullable) when it arrives at its event time,
     * then maybe sends a malformed record at that time.
     */
    private void plan(
            String topic,
            String key,
            byte[] value,
            Instant eventTime,
            EventKind kind,
            Delivery delivery,
            Runnable ifOnTime) {
        long time = eventTime.toEpochMilli();
        if (deliver(topic, key, value, time, kind, delivery) && ifOnTime != null) {
            ifOnTime.run();
        }
        maybeMalformed(time);
    }

    /** Queues a valid record (and maybe a duplicate); true when it arrives at its event time. */
    private boolean deliver(
            String topic, String key, byte[] value, long time, EventKind kind, Delivery delivery) {
        long arrival = time + delivery.lagMillis();
        if (delivery.reorderable() && rng.nextDouble() < config.outOfOrderRate()) {
            arrival += 1 + rng.nextLong(maxDisorder);
            stats.outOfOrder();
        }
        GeneratedRecord record =
                new GeneratedRecord(
                        topic, key, value, time, GeneratedRecord.Kind.VALID, null, time);
        queue.add(record, arrival);
        stats.valid(kind);
        if (delivery.duplicable() && rng.nextDouble() < config.duplicateRate()) {
            queue.add(record.asDuplicate(), arrival + 1 + rng.nextLong(maxDuplicateDelay));
            stats.duplicate();
        }
        return arrival == time;
    }

    /**
     * Sends a malformed record at {@code time} with probability {@code malformedRate}. The VOID
     * kinds that must name a real sale use the latest sale (voided sale) already sent on time, and
     * fall back to a VOID of a sale that never existed before there is one.
     */
    private void maybeMalformed(long time) {
        if (rng.nextDouble() >= config.malformedRate()) {
            return;
        }
        BadRecordKind kind = BAD_KINDS[rng.nextInt(BAD_KINDS.length)];
        SaleRef sale =
                switch (kind) {
                    case DUPLICATE_VOID -> lastVoidedSale;
                    case VOID_AT_OTHER_NODE -> lastSale;
                    default -> null;
                };
        if (kind.needsSale() && sale == null) {
            kind = BadRecordKind.VOID_OF_UNKNOWN_SALE;
        }
        GeneratedRecord record = bad.create(kind, time, sale);
        queue.add(record, time);
        stats.malformed(record.expectedReason());
    }

    private static SaleRef saleRef(String saleId, PosEvent e) {
        return new SaleRef(saleId, e.getSku(), e.getNodeId(), e.getQuantity());
    }
}
