package io.omnistock.generator;

import io.omnistock.avro.NodeType;
import io.omnistock.avro.PosEvent;
import io.omnistock.avro.PosEventType;
import io.omnistock.avro.ThreePlEvent;
import io.omnistock.avro.ThreePlEventType;
import io.omnistock.avro.WmsEvent;
import io.omnistock.avro.WmsEventType;
import io.omnistock.contracts.TopicSpec;
import io.omnistock.contracts.Topics;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * A discrete-event simulation of the chain's physical stock. Actions run in event-time order (on
 * equal times movements before counts, so a count includes the movements stamped at its time) and
 * every event an action emits is stamped with the action's time; the listener therefore sees the
 * valid events in event-time order.
 *
 * <p>The world tracks physical units per node and SKU. Movements change them and are reported;
 * shrink (revealed by cycle counts) and 3PL outbound and inbound flows are not reported, so only
 * counts and snapshots bring the book back to the physical truth. The first hour is the opening
 * load: one opening count per store, dark-store and DC position (DCs first); trading starts after
 * it. 3PLs are counted by snapshots from {@code start} on, every {@code snapshotInterval}.
 */
final class InventoryWorld {

    /** Receives every valid event, in event-time order. */
    interface Listener {
        void pos(PosEvent event, EventKind kind, Delivery delivery);

        void wms(WmsEvent event, EventKind kind, Delivery delivery);

        void threePl(ThreePlEvent event, EventKind kind, Delivery delivery);
    }

    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    private static final long OPENING_WINDOW = HOUR;

    private static final int MOVEMENT = 0;
    private static final int COUNT = 1;
    private static final long SALT = 0x776F726C64L;
    static final int STORE_OPEN = 8;
    static final int STORE_CLOSE = 21;
    static final int DARK_OPEN = 7;
    static final int DARK_CLOSE = 23;
    private static final double PHANTOM_SALE_RATE = 0.05;

    /** Share of positions that open at or below their reorder point. */
    private static final double OPENING_LOW_SHARE = 0.05;

    static final double DC_SHIPS_PER_HOUR = 4;
    private static final double DC_ADJUSTMENTS_PER_HOUR = 1;
    private static final double DC_DAMAGES_PER_HOUR = 1;
    private static final double DC_RATE_OTHER =
            DC_SHIPS_PER_HOUR + DC_ADJUSTMENTS_PER_HOUR + DC_DAMAGES_PER_HOUR;
    private static final double THREE_PL_ADJUSTMENTS_PER_HOUR = 1;
    private static final double ASN_SHARE = 0.7;
    private static final long SNAPSHOT_BATCH_SPACING = 30_000;

    /** The Avro type of each WMS and 3PL event kind, resolved once. */
    private static final Map<EventKind, WmsEventType> WMS_TYPES =
            avroTypes(Topics.WMS, WmsEventType.class);

    private static final Map<EventKind, ThreePlEventType> THREE_PL_TYPES =
            avroTypes(Topics.THREE_PL, ThreePlEventType.class);

    private final NetworkConfig config;
    private final List<NetworkNode> nodes;
    private final List<Sku> skus;
    private final Listener out;
    private final SplittableRandom rng;
    private final long end;
    private final PriorityQueue<Action> agenda = new PriorityQueue<>();
    private final IdSource eventIds;
    private final IdSource asnIds;
    private final IdSource transactionIds;
    private final int[][] stock;
    private final int[][] target;
    private final int[][] reorderAt;
    private final boolean[][] replenishing;
    private long sequence;

    InventoryWorld(NetworkConfig config, RetailNetwork network, Listener out) {
        this.config = config;
        this.nodes = network.networkNodes();
        this.skus = network.skus();
        this.out = out;
        this.rng = new SplittableRandom(config.seed() ^ SALT);
        this.end = config.endMillis();
        this.eventIds = IdSource.forRun("e", config.seed());
        this.asnIds = IdSource.forRun("ASN", config.seed());
        this.transactionIds = IdSource.forRun("TXN", config.seed());
        int n = nodes.size();
        stock = new int[n][skus.size()];
        target = new int[n][skus.size()];
        reorderAt = new int[n][skus.size()];
        replenishing = new boolean[n][skus.size()];
        StockPolicy.fill(config, nodes, skus, target, reorderAt);
        for (NetworkNode node : nodes) {
            int[] low = reorderAt[node.index()];
            int[] high = target[node.index()];
            for (int sku : node.assortment()) {
                stock[node.index()][sku] =
                        rng.nextDouble() < OPENING_LOW_SHARE
                                ? rng.nextInt(low[sku] + 1)
                                : low[sku] + 1 + rng.nextInt(Math.max(1, high[sku] - low[sku]));
            }
        }
        startProcesses(config.start().toEpochMilli());
    }

    /** Time of the next action, or {@link Long#MAX_VALUE} when the simulated span is over. */
    long nextTime() {
        Action next = agenda.peek();
        return next == null ? Long.MAX_VALUE : next.time;
    }

    /** Runs the next action; false when there is none left. */
    boolean step() {
        Action next = agenda.poll();
        if (next == null) {
            return false;
        }
        next.step.run(next.time);
        return true;
    }

    private void startProcesses(long start) {
        long trading = start + OPENING_WINDOW;
        schedule(start, COUNT, new OpeningLoad(start));
        for (NetworkNode node : nodes) {
            int n = node.index();
            switch (node.type()) {
                case STORE -> {
                    new SalesProcess(node).scheduleNext(trading);
                    new CycleCountProcess(node, STORE_OPEN, STORE_CLOSE).scheduleNext(trading);
                }
                case DARK_STORE -> {
                    new DarkStorePicks(node).scheduleNext(trading);
                    new CycleCountProcess(node, DARK_OPEN, DARK_CLOSE).scheduleNext(trading);
                }
                case DC -> {
                    new DcOperations(node).scheduleNext(trading);
                    new CycleCountProcess(node, 0, 24).scheduleNext(trading);
                }
                case THREE_PL -> {
                    schedule(start, COUNT, new SnapshotProcess(n));
                    new ThreePlAdjustments(node).scheduleNext(trading);
                }
            }
        }
    }

    private void schedule(long time, int phase, Step step) {
        if (time < end) {
            agenda.add(new Action(time, phase, sequence++, step));
        }
    }

    // ---------------------------------------------------------------- processes

    /** An action body, run at its scheduled time. */
    @FunctionalInterface
    private interface Step {
        void run(long time);
    }

    private record Action(long time, int phase, long seq, Step step) implements Comparable<Action> {
        @Override
        public int compareTo(Action o) {
            if (time != o.time) {
                return Long.compare(time, o.time);
            }
            if (phase != o.phase) {
                return Integer.compare(phase, o.phase);
            }
            return Long.compare(seq, o.seq);
        }
    }

    /** A Poisson process within daily opening hours that reschedules itself. */
    private abstract class Process implements Step {
        private final OpeningHours hours;
        private final double perHour;
        private final int phase;

        Process(NetworkNode node, int openHour, int closeHour, double perHour, int phase) {
            this.hours = new OpeningHours(node.zone(), openHour, closeHour);
            this.perHour = perHour;
            this.phase = phase;
        }

        final void scheduleNext(long after) {
            if (perHour > 0) {
                schedule(hours.nextOpen(after + exponential(perHour)), phase, this);
            }
        }

        @Override
        public final void run(long time) {
            fire(time);
            scheduleNext(time);
        }

        abstract void fire(long time);
    }

    /** Sales and returns at a store while it is open. */
    private final class SalesProcess extends Process {
        private final NetworkNode node;
        private final double returnShare;

        SalesProcess(NetworkNode node) {
            super(
                    node,
                    STORE_OPEN,
                    STORE_CLOSE,
                    config.salesPerStoreHour() * (1 + config.returnRate()),
                    MOVEMENT);
            this.node = node;
            this.returnShare = config.returnRate() / (1 + config.returnRate());
        }

        @Override
        void fire(long time) {
            int sku = node.sampleSku(rng);
            if (rng.nextDouble() < returnShare) {
                pos(
                        eventIds.next(),
                        time,
                        node.index(),
                        sku,
                        PosEventType.RETURN,
                        1,
                        null,
                        transactionIds.next(),
                        Delivery.MOVEMENT);
                stock[node.index()][sku] += 1;
            } else {
                sell(time, node.index(), sku);
            }
        }
    }

    /** Online-order picks at a dark store while it is open. */
    private final class DarkStorePicks extends Process {
        private final NetworkNode node;

        DarkStorePicks(NetworkNode node) {
            super(node, DARK_OPEN, DARK_CLOSE, config.darkStorePicksPerHour(), MOVEMENT);
            this.node = node;
        }

        @Override
        void fire(long time) {
            pick(time, node.index(), node.sampleSku(rng));
        }
    }

    /** Around-the-clock DC work: e-commerce picks, B2B shipments, adjustments, damage. */
    private final class DcOperations extends Process {
        private final NetworkNode node;

        DcOperations(NetworkNode node) {
            super(node, 0, 24, DC_RATE_OTHER + config.dcPicksPerHour(), MOVEMENT);
            this.node = node;
        }

        @Override
        void fire(long time) {
            int n = node.index();
            int sku = node.sampleSku(rng);
            double u = rng.nextDouble() * (DC_RATE_OTHER + config.dcPicksPerHour());
            if ((u -= config.dcPicksPerHour()) < 0) {
                pick(time, n, sku);
            } else if ((u -= DC_SHIPS_PER_HOUR) < 0) {
                int qty = skus.get(sku).caseSize() * (1 + rng.nextInt(3));
                if (stock[n][sku] - node.safetyStock() >= qty) {
                    wms(EventKind.SHIP, time, n, sku, qty, "B2B");
                    take(time, n, sku, qty);
                }
            } else if ((u -= DC_ADJUSTMENTS_PER_HOUR) < 0) {
                int qty = 1 + rng.nextInt(5);
                int signed = signedAdjustment(n, sku, qty);
                wms(EventKind.ADJUSTMENT, time, n, sku, signed, "STOCK_CORRECTION");
                take(time, n, sku, -signed);
            } else if (stock[n][sku] > 0) {
                int qty = 1 + rng.nextInt(Math.min(2, stock[n][sku]));
                wms(EventKind.DAMAGE, time, n, sku, qty, "DAMAGED_IN_HANDLING");
                take(time, n, sku, qty);
            }
        }
    }

    /** Signed stock corrections reported by a 3PL. */
    private final class ThreePlAdjustments extends Process {
        private final NetworkNode node;

        ThreePlAdjustments(NetworkNode node) {
            super(node, 0, 24, THREE_PL_ADJUSTMENTS_PER_HOUR, MOVEMENT);
            this.node = node;
        }

        @Override
        void fire(long time) {
            int n = node.index();
            int sku = rng.nextInt(skus.size());
            int qty = 1 + rng.nextInt(10);
            int signed = signedAdjustment(n, sku, qty);
            threePl(
                    EventKind.THREE_PL_ADJUSTMENT,
                    time,
                    n,
                    sku,
                    signed,
                    null,
                    null,
                    null,
                    Delivery.MOVEMENT);
            stock[n][sku] += signed;
        }
    }

    /**
     * Cycle counts of random positions of a node within its hours, each position about once per
     * {@code cycleCountInterval}; sometimes they reveal shrink or found stock.
     */
    private final class CycleCountProcess extends Process {
        private final NetworkNode node;

        CycleCountProcess(NetworkNode node, int openHour, int closeHour) {
            super(
                    node,
                    openHour,
                    closeHour,
                    node.assortment().length
                            * (24.0 / (closeHour - openHour))
                            * HOUR
                            / config.cycleCountInterval().toMillis(),
                    COUNT);
            this.node = node;
        }

        @Override
        void fire(long time) {
            int n = node.index();
            int sku = node.assortment()[rng.nextInt(node.assortment().length)];
            int counted = stock[n][sku];
            if (rng.nextDouble() < config.shrinkRate()) {
                counted += rng.nextDouble() < 0.8 ? -(1 + rng.nextInt(3)) : 1 + rng.nextInt(2);
            }
            count(time, n, sku, Math.max(0, counted), EventKind.CYCLE_COUNT);
        }
    }

    /** One opening count per position during the first hour, DCs first. */
    private final class OpeningLoad implements Step {
        private final long start;
        private final int[] order;
        private final int total;
        private int node;
        private int item;
        private int done;

        OpeningLoad(long start) {
            this.start = start;
            this.order =
                    nodes.stream()
                            .filter(x -> x.type() != NodeType.THREE_PL)
                            .sorted(
                                    (a, b) ->
                                            Boolean.compare(
                                                    a.type() != NodeType.DC,
                                                    b.type() != NodeType.DC))
                            .mapToInt(NetworkNode::index)
                            .toArray();
            int sum = 0;
            for (int n : order) {
                sum += nodes.get(n).assortment().length;
            }
            this.total = sum;
        }

        @Override
        public void run(long time) {
            NetworkNode current = nodes.get(order[node]);
            int sku = current.assortment()[item];
            count(time, current.index(), sku, stock[current.index()][sku], EventKind.OPENING_COUNT);
            done++;
            if (++item == current.assortment().length) {
                item = 0;
                node++;
            }
            if (node < order.length) {
                schedule(start + done * OPENING_WINDOW / total, COUNT, this);
            }
        }
    }

    /** A 3PL's periodic snapshot of every SKU, delivered late in batches. */
    private final class SnapshotProcess implements Step {
        private final int node;

        SnapshotProcess(int node) {
            this.node = node;
        }

        @Override
        public void run(long time) {
            long minLag = config.snapshotLagMin().toMillis();
            long maxLag = config.snapshotLagMax().toMillis();
            long lag = minLag + rng.nextLong(maxLag - minLag + 1);
            String batchPrefix = "SNAP-" + nodes.get(node).id() + "-" + time / MINUTE + "-";
            int batchSize = config.snapshotBatchSize();
            Delivery delivery = null;
            String batchId = null;
            for (int sku = 0; sku < skus.size(); sku++) {
                if (sku % batchSize == 0) {
                    int batch = sku / batchSize;
                    delivery =
                            Delivery.late(Math.min(maxLag, lag + batch * SNAPSHOT_BATCH_SPACING));
                    batchId = batchPrefix + (batch + 1);
                }
                threePl(
                        EventKind.SNAPSHOT,
                        time,
                        node,
                        sku,
                        stock[node][sku],
                        null,
                        null,
                        batchId,
                        delivery);
            }
            schedule(time + config.snapshotInterval().toMillis(), COUNT, this);
        }
    }

    // ---------------------------------------------------------------- movements

    private void sell(long time, int n, int sku) {
        int onShelf = stock[n][sku];
        if (onShelf <= 0 && rng.nextDouble() >= PHANTOM_SALE_RATE) {
            return;
        }
        double u = rng.nextDouble();
        int qty = u < 0.7 ? 1 : u < 0.9 ? 2 : 3;
        if (onShelf > 0) {
            qty = Math.min(qty, onShelf);
        }
        boolean voided = rng.nextDouble() < config.voidRate();
        String saleId = eventIds.next();
        String transaction = transactionIds.next();
        pos(
                saleId,
                time,
                n,
                sku,
                PosEventType.SALE,
                qty,
                null,
                transaction,
                voided ? Delivery.ON_TIME : Delivery.MOVEMENT);
        take(time, n, sku, qty);
        if (voided) {
            int quantity = qty;
            schedule(
                    time + MINUTE + rng.nextLong(9 * MINUTE),
                    MOVEMENT,
                    at -> {
                        pos(
                                eventIds.next(),
                                at,
                                n,
                                sku,
                                PosEventType.VOID,
                                quantity,
                                saleId,
                                transaction,
                                Delivery.VOID);
                        stock[n][sku] += quantity;
                    });
        }
    }

    private void pick(long time, int n, int sku) {
        int available = stock[n][sku];
        if (available <= 0) {
            return;
        }
        int qty = Math.min(available, rng.nextDouble() < 0.7 ? 1 : 2);
        wms(EventKind.PICK, time, n, sku, qty, "ORDER");
        take(time, n, sku, qty);
    }

    private void count(long time, int n, int sku, int counted, EventKind kind) {
        wms(kind, time, n, sku, counted, null);
        stock[n][sku] = counted;
        replenishIfLow(time, n, sku);
    }

    /** Removes units from a position and reorders when it falls to its reorder point. */
    private void take(long time, int n, int sku, int qty) {
        stock[n][sku] -= qty;
        replenishIfLow(time, n, sku);
    }

    private void replenishIfLow(long time, int n, int sku) {
        if (replenishing[n][sku] || stock[n][sku] > reorderAt[n][sku]) {
            return;
        }
        replenishing[n][sku] = true;
        NetworkNode node = nodes.get(n);
        switch (node.type()) {
            case STORE, DARK_STORE ->
                    schedule(
                            time + 30 * MINUTE + rng.nextLong(90 * MINUTE),
                            MOVEMENT,
                            at -> transferOut(at, node.supplier(), n, sku));
            case DC -> {
                if (node.supplier() >= 0 && rng.nextDouble() < ASN_SHARE) {
                    schedule(
                            time + 10 * MINUTE + rng.nextLong(50 * MINUTE),
                            MOVEMENT,
                            at -> sendAsn(at, n, sku));
                } else {
                    scheduleVendorReceipt(time, n, sku);
                }
            }
            case THREE_PL ->
                    schedule(
                            time + 12 * HOUR + rng.nextLong(24 * HOUR),
                            MOVEMENT,
                            at -> {
                                stock[n][sku] += target[n][sku];
                                replenishing[n][sku] = false;
                            });
        }
    }

    private void transferOut(long time, int dc, int n, int sku) {
        int qty = Math.min(roundUpToCase(sku, target[n][sku] - stock[n][sku]), stock[dc][sku]);
        if (qty <= 0) {
            replenishing[n][sku] = false;
            return;
        }
        String store = nodes.get(n).id();
        String from = nodes.get(dc).id();
        wms(EventKind.TRANSFER_OUT, time, dc, sku, qty, null, store, "REPLENISHMENT");
        take(time, dc, sku, qty);
        schedule(
                time + 2 * HOUR + rng.nextLong(6 * HOUR),
                MOVEMENT,
                at -> {
                    wms(EventKind.TRANSFER_IN, at, n, sku, qty, null, from, "REPLENISHMENT");
                    stock[n][sku] += qty;
                    replenishing[n][sku] = false;
                });
    }

    private void scheduleVendorReceipt(long time, int dc, int sku) {
        schedule(
                time + 4 * HOUR + rng.nextLong(8 * HOUR),
                MOVEMENT,
                at -> {
                    int qty = roundUpToCase(sku, Math.max(1, target[dc][sku] - stock[dc][sku]));
                    wms(EventKind.RECEIPT, at, dc, sku, qty, "VENDOR");
                    stock[dc][sku] += qty;
                    replenishing[dc][sku] = false;
                });
    }

    /**
     * A 3PL ships to a DC: an ASN now, perhaps a revision (new quantity and ETA) a few hours later,
     * then receipt(s) naming the ASN around the final ETA: mostly in full, sometimes short, split
     * in two or over-delivered.
     */
    private void sendAsn(long time, int dc, int sku) {
        int qty = roundUpToCase(sku, target[dc][sku] - stock[dc][sku]);
        if (qty <= 0) {
            replenishing[dc][sku] = false;
            return;
        }
        int source = sourceFor(dc, sku, qty);
        if (source < 0) {
            scheduleVendorReceipt(time, dc, sku);
            return;
        }
        String asnId = asnIds.next();
        long eta = time + 6 * HOUR + rng.nextLong(12 * HOUR);
        threePl(EventKind.ASN, time, dc, sku, qty, asnId, eta, null, Delivery.MOVEMENT);
        stock[source][sku] -= qty;
        replenishIfLow(time, source, sku);

        int finalQty = qty;
        long finalEta = eta;
        long lastAsnTime = time;
        if (rng.nextDouble() < config.asnRevisionRate()) {
            int change = revision(qty, stock[source][sku]);
            if (change != 0) {
                long revisedAt = time + HOUR + rng.nextLong(3 * HOUR);
                finalQty = qty + change;
                finalEta = Math.max(revisedAt + HOUR, eta - HOUR + rng.nextLong(4 * HOUR));
                lastAsnTime = revisedAt;
                stock[source][sku] -= change;
                int revisedQty = finalQty;
                long revisedEta = finalEta;
                schedule(
                        revisedAt,
                        MOVEMENT,
                        at ->
                                threePl(
                                        EventKind.ASN_REVISION,
                                        at,
                                        dc,
                                        sku,
                                        revisedQty,
                                        asnId,
                                        revisedEta,
                                        null,
                                        Delivery.MOVEMENT));
            }
        }
        long receivedAt =
                Math.max(lastAsnTime + MINUTE, finalEta - 30 * MINUTE + rng.nextLong(60 * MINUTE));
        scheduleReceipts(receivedAt, dc, sku, asnId, finalQty);
    }

    /** A non-zero change of an ASN quantity that the 3PL's stock can cover, or 0. */
    private int revision(int qty, int sourceStock) {
        int spread = Math.max(1, qty / 4);
        if (rng.nextBoolean() && sourceStock >= spread) {
            return 1 + rng.nextInt(spread);
        }
        return qty > 1 ? -(1 + rng.nextInt(Math.min(spread, qty - 1))) : 0;
    }

    private void scheduleReceipts(long time, int dc, int sku, String asnId, int qty) {
        double u = rng.nextDouble();
        if (u < 0.80 || qty < 2) {
            receipt(time, dc, sku, asnId, qty, true);
        } else if (u < 0.90) {
            receipt(time, dc, sku, asnId, qty - 1 - rng.nextInt(Math.max(1, qty / 5)), true);
        } else if (u < 0.95) {
            int first = 1 + rng.nextInt(qty - 1);
            receipt(time, dc, sku, asnId, first, false);
            receipt(time + HOUR + rng.nextLong(2 * HOUR), dc, sku, asnId, qty - first, true);
        } else {
            receipt(time, dc, sku, asnId, qty + 1 + rng.nextInt(2), true);
        }
    }

    private void receipt(long time, int dc, int sku, String asnId, int qty, boolean last) {
        schedule(
                time,
                MOVEMENT,
                at -> {
                    wms(EventKind.RECEIPT_AGAINST_ASN, at, dc, sku, qty, asnId, null, null);
                    stock[dc][sku] += qty;
                    if (last) {
                        replenishing[dc][sku] = false;
                    }
                });
    }

    /** The DC's own 3PL if it holds {@code qty}, else any 3PL that does, else -1. */
    private int sourceFor(int dc, int sku, int qty) {
        int own = nodes.get(dc).supplier();
        if (stock[own][sku] >= qty) {
            return own;
        }
        for (NetworkNode node : nodes) {
            if (node.type() == NodeType.THREE_PL && stock[node.index()][sku] >= qty) {
                return node.index();
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- emitting

    /** Emits a till event; its kind is its type's. */
    private void pos(
            String eventId,
            long time,
            int n,
            int sku,
            PosEventType type,
            int qty,
            String voided,
            String txn,
            Delivery delivery) {
        EventKind kind =
                switch (type) {
                    case SALE -> EventKind.SALE;
                    case RETURN -> EventKind.RETURN;
                    case VOID -> EventKind.VOID;
                };
        out.pos(
                new PosEvent(
                        eventId,
                        Instant.ofEpochMilli(time),
                        skus.get(sku).id(),
                        nodes.get(n).id(),
                        type,
                        qty,
                        voided,
                        txn),
                kind,
                delivery);
    }

    private void wms(EventKind kind, long time, int n, int sku, int qty, String reason) {
        wms(kind, time, n, sku, qty, null, null, reason);
    }

    /** Emits a WMS event whose type is the kind's; counts go on time, movements may be late. */
    private void wms(
            EventKind kind,
            long time,
            int n,
            int sku,
            int qty,
            String asnId,
            String counterpart,
            String reason) {
        WmsEventType type = WMS_TYPES.get(kind);
        out.wms(
                new WmsEvent(
                        eventIds.next(),
                        Instant.ofEpochMilli(time),
                        skus.get(sku).id(),
                        nodes.get(n).id(),
                        type,
                        qty,
                        asnId,
                        counterpart,
                        reason),
                kind,
                type == WmsEventType.CYCLE_COUNT ? Delivery.ON_TIME : Delivery.MOVEMENT);
    }

    /** Emits a 3PL event whose type is the kind's. */
    private void threePl(
            EventKind kind,
            long time,
            int n,
            int sku,
            int qty,
            String asnId,
            Long eta,
            String batchId,
            Delivery delivery) {
        out.threePl(
                new ThreePlEvent(
                        eventIds.next(),
                        Instant.ofEpochMilli(time),
                        skus.get(sku).id(),
                        nodes.get(n).id(),
                        THREE_PL_TYPES.get(kind),
                        qty,
                        asnId,
                        eta == null ? null : Instant.ofEpochMilli(eta),
                        batchId),
                kind,
                delivery);
    }

    // ---------------------------------------------------------------- helpers

    /**
     * An adjustment of {@code qty} units, negative (a loss) half the time when the position holds
     * that many, else positive (found stock). Draws one boolean.
     */
    private int signedAdjustment(int n, int sku, int qty) {
        return rng.nextBoolean() && stock[n][sku] >= qty ? -qty : qty;
    }

    private int roundUpToCase(int sku, int qty) {
        int caseSize = skus.get(sku).caseSize();
        return qty <= 0 ? qty : (qty + caseSize - 1) / caseSize * caseSize;
    }

    /** Each event kind of {@code topic} mapped to its constant of the topic's Avro type enum. */
    private static <T extends Enum<T>> Map<EventKind, T> avroTypes(
            TopicSpec<?> topic, Class<T> type) {
        Map<EventKind, T> result = new EnumMap<>(EventKind.class);
        for (EventKind kind : EventKind.values()) {
            if (kind.topic().equals(topic)) {
                result.put(kind, Enum.valueOf(type, kind.type()));
            }
        }
        return result;
    }

    /** An exponential gap (at least 1 ms) of a Poisson process with this hourly rate. */
    private long exponential(double perHour) {
        return Math.max(1, (long) (-Math.log(1 - rng.nextDouble()) / perHour * HOUR));
    }
}
