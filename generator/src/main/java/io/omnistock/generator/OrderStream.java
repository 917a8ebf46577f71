package io.omnistock.generator;

import io.omnistock.avro.ConditionGrade;
import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.LifecycleType;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.OrderLifecycleEvent;
import io.omnistock.avro.OrderLine;
import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.ReturnGrading;
import io.omnistock.avro.RoutingPreference;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The simulation behind {@link OrderGenerator}: customers living around the chain's stores place
 * orders (a Poisson process shaped by their local time of day), and each order is later cancelled,
 * shipped or picked up. Produced lazily in arrival order; memory holds only the lifecycle events
 * still to come.
 */
final class OrderStream implements Iterator<GeneratedRecord> {
    private static final long SALT = 0x6F7264657273L;
    private static final long RETURNS_SALT = 0x72657475726EL;
    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    /** Orders start when trading does, after the world's opening hour of counts. */
    private static final long OPENING_WINDOW = HOUR;

    /** Customers live within this distance of their store's site. */
    static final double CUSTOMER_RADIUS_KM = 8;

    /**
     * A store's customers are offered SAME_DAY when a same-day node stands within this distance of
     * the store (with {@link #CUSTOMER_RADIUS_KM} that keeps them inside the engine's 30 km
     * same-day radius).
     */
    static final double SAME_DAY_REACH_KM = 20;

    /** SAME_DAY is offered until this local hour and promised by {@link #SAME_DAY_PROMISE_HOUR}. */
    static final int SAME_DAY_CUTOFF_HOUR = 18;

    static final int SAME_DAY_PROMISE_HOUR = 22;
    static final int CALL_CENTRE_OPEN = 8;
    static final int CALL_CENTRE_CLOSE = 20;

    /**
     * Online demand by local hour (relative): quiet at night, a lunchtime bump and an evening peak.
     */
    private static final double[] HOURLY = {
        0.45, 0.25, 0.15, 0.10, 0.10, 0.15, 0.35, 0.60, 0.85, 1.00, 1.10, 1.20, 1.35, 1.30, 1.15,
        1.10, 1.10, 1.20, 1.35, 1.60, 1.75, 1.60, 1.20, 0.75
    };

    static final FulfilmentMethod[] METHODS = {
        FulfilmentMethod.SHIP_TO_HOME,
        FulfilmentMethod.BOPIS,
        FulfilmentMethod.CURBSIDE,
        FulfilmentMethod.SAME_DAY
    };
    static final double[] METHOD_WEIGHTS = {0.60, 0.20, 0.08, 0.12};

    static final RoutingPreference[] PREFERENCES = {
        RoutingPreference.BALANCED,
        RoutingPreference.FASTEST,
        RoutingPreference.CHEAPEST,
        RoutingPreference.GREENEST
    };
    static final double[] PREFERENCE_WEIGHTS = {0.70, 0.12, 0.10, 0.08};

    static final String WEB = "WEB";
    static final String APP = "APP";
    static final String STORE = "STORE";
    static final String MARKETPLACE = "MARKETPLACE";
    static final String CALL_CENTER = "CALL_CENTER";

    private static final String[] HOME_CHANNELS = {WEB, APP, MARKETPLACE, STORE, CALL_CENTER};
    private static final double[] HOME_CHANNEL_WEIGHTS = {0.45, 0.30, 0.15, 0.05, 0.05};
    private static final String[] PICKUP_CHANNELS = {WEB, APP, STORE, CALL_CENTER};
    private static final double[] PICKUP_CHANNEL_WEIGHTS = {0.50, 0.40, 0.05, 0.05};
    private static final String[] SAME_DAY_CHANNELS = {APP, WEB};
    private static final double[] SAME_DAY_CHANNEL_WEIGHTS = {0.60, 0.40};

    /** Lines per order: 1 to 4. */
    private static final double[] LINE_COUNT_WEIGHTS = {0.55, 0.25, 0.12, 0.08};

    /** Units per line: 1 to 3. */
    private static final double[] QUANTITY_WEIGHTS = {0.78, 0.17, 0.05};

    /** SHIP_TO_HOME promise in days: 1 to 5 (FASTEST: 1 or 2). */
    private static final double[] HOME_PROMISE_DAYS = {0.10, 0.25, 0.35, 0.20, 0.10};

    private static final double[] FAST_PROMISE_DAYS = {0.60, 0.40};

    /** Pickup promise in days: 1 or 2. */
    private static final double[] PICKUP_PROMISE_DAYS = {0.70, 0.30};

    private static final double KM_PER_DEGREE = 111.32;

    /** Grades of returned items: A (as new) 40%, B 25%, C 20%, D (broken) 15%. */
    private static final ConditionGrade[] GRADES = {
        ConditionGrade.A, ConditionGrade.B, ConditionGrade.C, ConditionGrade.D
    };

    private static final double[] GRADE_WEIGHTS = {0.40, 0.25, 0.20, 0.15};

    private static final String[] RETURN_REASONS = {
        "changed mind", "wrong size", "damaged in transit", "not as described", "faulty"
    };

    /** Product categories, assigned to SKUs by a hash of their id. */
    private static final String[] CATEGORIES = {
        "apparel", "home", "toys", "electronics", "beauty", "sports", "personal-care"
    };

    private final NetworkConfig config;
    private final SplittableRandom rng;
    private final OrderRecords records = new OrderRecords();
    private final BadRecordFactory bad;
    private final BadRecordKind[] badKinds = BadRecordKind.orderKinds();
    private final IdSource eventIds;
    private final IdSource orderIds;
    private final long end;
    private final double candidatesPerHour;
    private final double peakWeight;

    private final WeightedSampler catalog;
    private final WeightedSampler methods = new WeightedSampler(METHOD_WEIGHTS);
    private final WeightedSampler preferences = new WeightedSampler(PREFERENCE_WEIGHTS);
    private final WeightedSampler homeChannels = new WeightedSampler(HOME_CHANNEL_WEIGHTS);
    private final WeightedSampler pickupChannels = new WeightedSampler(PICKUP_CHANNEL_WEIGHTS);
    private final WeightedSampler sameDayChannels = new WeightedSampler(SAME_DAY_CHANNEL_WEIGHTS);
    private final WeightedSampler lineCounts = new WeightedSampler(LINE_COUNT_WEIGHTS);
    private final WeightedSampler quantities = new WeightedSampler(QUANTITY_WEIGHTS);
    private final WeightedSampler homePromise = new WeightedSampler(HOME_PROMISE_DAYS);
    private final WeightedSampler fastPromise = new WeightedSampler(FAST_PROMISE_DAYS);
    private final WeightedSampler pickupPromise = new WeightedSampler(PICKUP_PROMISE_DAYS);
    private final WeightedSampler grades = new WeightedSampler(GRADE_WEIGHTS);

    /** Returns draw from their own stream, so the orders of a seed do not depend on them. */
    private final SplittableRandom returnsRng;

    private final IdSource returnIds;
    private final List<NetworkNode> dcs = new ArrayList<>();

    private final List<Sku> skus;

    /** Every store's neighbourhood (home deliveries). */
    private final List<Area> areas = new ArrayList<>();

    /** Neighbourhoods of OPEN stores offering BOPIS, CURBSIDE; with a same-day node near. */
    private final List<Area> bopisAreas = new ArrayList<>();

    private final List<Area> curbsideAreas = new ArrayList<>();
    private final List<Area> sameDayAreas = new ArrayList<>();

    private final PriorityQueue<Pending> pending = new PriorityQueue<>();
    private long sequence;
    private long nextCandidate;

    /**
     * A store's neighbourhood.
     *
     * @param store the store the customers live around (and pick up at)
     * @param sameDay OPEN nodes offering SAME_DAY within {@link #SAME_DAY_REACH_KM}, nearest first
     */
    private record Area(NetworkNode store, List<NetworkNode> sameDay) {}

    private record Pending(long time, long seq, GeneratedRecord record)
            implements Comparable<Pending> {
        @Override
        public int compareTo(Pending o) {
            return time != o.time ? Long.compare(time, o.time) : Long.compare(seq, o.seq);
        }
    }

    OrderStream(NetworkConfig config, RetailNetwork network) {
        this.config = config;
        this.rng = new SplittableRandom(config.seed() ^ SALT);
        this.bad =
                new BadRecordFactory(
                        network, config, rng.split(), IdSource.forRun("xo", config.seed()));
        this.eventIds = IdSource.forRun("o", config.seed());
        this.returnsRng = new SplittableRandom(config.seed() ^ RETURNS_SALT);
        this.returnIds = IdSource.forRun("ret", config.seed());
        this.orderIds = IdSource.forRun("ORD", config.seed());
        this.end = config.endMillis();
        this.skus = network.skus();
        double[] popularity = new double[skus.size()];
        for (int i = 0; i < popularity.length; i++) {
            popularity[i] = skus.get(i).popularity();
        }
        this.catalog = new WeightedSampler(popularity);
        buildAreas(network.networkNodes());

        double peak = 0;
        double sum = 0;
        for (double w : HOURLY) {
            peak = Math.max(peak, w);
            sum += w;
        }
        this.peakWeight = peak;
        // candidates at the peak rate, thinned by the hour's weight: the mean is ordersPerStoreHour
        this.candidatesPerHour =
                config.ordersPerStoreHour() * areas.size() * peak / (sum / HOURLY.length);
        this.nextCandidate =
                candidatesPerHour > 0
                        ? config.start().toEpochMilli() + OPENING_WINDOW + exponential()
                        : Long.MAX_VALUE;
    }

    private void buildAreas(List<NetworkNode> nodes) {
        List<NetworkNode> sameDayNodes = new ArrayList<>();
        for (NetworkNode node : nodes) {
            if (node.type() == NodeType.DC && isOpen(node)) {
                dcs.add(node);
            }
            if (isOpen(node) && offers(node, FulfilmentMethod.SAME_DAY)) {
                sameDayNodes.add(node);
            }
        }
        for (NetworkNode node : nodes) {
            if (node.type() != NodeType.STORE) {
                continue;
            }
            List<NetworkNode> near = new ArrayList<>();
            for (NetworkNode candidate : sameDayNodes) {
                if (candidate.site().distanceKm(node.site()) <= SAME_DAY_REACH_KM) {
                    near.add(candidate);
                }
            }
            near.sort(Comparator.comparingDouble(n -> n.site().distanceKm(node.site())));
            Area area = new Area(node, List.copyOf(near));
            areas.add(area);
            if (isOpen(node) && offers(node, FulfilmentMethod.BOPIS)) {
                bopisAreas.add(area);
            }
            if (isOpen(node) && offers(node, FulfilmentMethod.CURBSIDE)) {
                curbsideAreas.add(area);
            }
            if (!near.isEmpty()) {
                sameDayAreas.add(area);
            }
        }
    }

    @Override
    public boolean hasNext() {
        while (nextCandidate < end
                && (pending.isEmpty() || pending.peek().time() > nextCandidate)) {
            long time = nextCandidate;
            nextCandidate += exponential();
            candidate(time);
        }
        return !pending.isEmpty();
    }

    @Override
    public GeneratedRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return pending.poll().record();
    }

    // ---------------------------------------------------------------- one order

    /** A possible order at {@code time}: kept with the probability of its area's local hour. */
    private void candidate(long time) {
        FulfilmentMethod method = METHODS[methods.sample(rng)];
        List<Area> choices =
                switch (method) {
                    case BOPIS -> bopisAreas;
                    case CURBSIDE -> curbsideAreas.isEmpty() ? bopisAreas : curbsideAreas;
                    case SAME_DAY -> sameDayAreas;
                    default -> areas;
                };
        if (method == FulfilmentMethod.CURBSIDE && curbsideAreas.isEmpty()) {
            method = FulfilmentMethod.BOPIS;
        }
        if (choices.isEmpty()) {
            method = FulfilmentMethod.SHIP_TO_HOME;
            choices = areas;
        }
        Area area = choices.get(rng.nextInt(choices.size()));
        ZonedDateTime local = Instant.ofEpochMilli(time).atZone(area.store().zone());
        if (rng.nextDouble() * peakWeight >= HOURLY[local.getHour()]) {
            return;
        }
        if (method == FulfilmentMethod.SAME_DAY && local.getHour() >= SAME_DAY_CUTOFF_HOUR) {
            method = FulfilmentMethod.SHIP_TO_HOME; // too late for today: delivered instead
        }
        place(time, local, method, area);
    }

    private void place(long time, ZonedDateTime local, FulfilmentMethod method, Area area) {
        String channel = channel(method, local.getHour());
        RoutingPreference preference = PREFERENCES[preferences.sample(rng)];
        boolean pickup = method == FulfilmentMethod.BOPIS || method == FulfilmentMethod.CURBSIDE;
        NetworkNode source =
                switch (method) {
                    case BOPIS, CURBSIDE -> area.store();
                    case SAME_DAY -> area.sameDay().get(0);
                    default -> null;
                };
        List<OrderLine> lines = lines(source);
        Site site = area.store().site();
        Double latitude = null;
        Double longitude = null;
        if (!pickup) {
            double km = CUSTOMER_RADIUS_KM * Math.sqrt(rng.nextDouble());
            double bearing = 2 * Math.PI * rng.nextDouble();
            latitude = round(site.latitude() + km * Math.cos(bearing) / KM_PER_DEGREE);
            longitude =
                    round(
                            site.longitude()
                                    + km
                                            * Math.sin(bearing)
                                            / (KM_PER_DEGREE
                                                    * Math.cos(Math.toRadians(site.latitude()))));
        }
        long promiseBy = promiseBy(time, local, method, preference);
        OrderRequest order =
                new OrderRequest(
                        eventIds.next(),
                        Instant.ofEpochMilli(time),
                        orderIds.next(),
                        channel,
                        lines,
                        method,
                        !channel.equals(MARKETPLACE), // marketplace SLAs: shipped from DCs
                        latitude,
                        longitude,
                        site.postalCode(),
                        pickup ? area.store().id() : null,
                        Instant.ofEpochMilli(promiseBy),
                        preference,
                        site.region(),
                        null,
                        new java.util.ArrayList<>(),
                        null,
                        false);
        GeneratedRecord record = records.valid(order);
        add(time, record);
        maybeDuplicate(time, record);
        lifecycle(order, time, method, area);
        maybeMalformed(time, order.getOrderId());
    }

    private String channel(FulfilmentMethod method, int localHour) {
        String channel =
                switch (method) {
                    case SAME_DAY -> SAME_DAY_CHANNELS[sameDayChannels.sample(rng)];
                    case BOPIS, CURBSIDE -> PICKUP_CHANNELS[pickupChannels.sample(rng)];
                    default -> HOME_CHANNELS[homeChannels.sample(rng)];
                };
        boolean closed =
                (channel.equals(STORE)
                                && (localHour < InventoryWorld.STORE_OPEN
                                        || localHour >= InventoryWorld.STORE_CLOSE))
                        || (channel.equals(CALL_CENTER)
                                && (localHour < CALL_CENTRE_OPEN
                                        || localHour >= CALL_CENTRE_CLOSE));
        return closed ? WEB : channel;
    }

    /**
     * 1-4 distinct SKUs by popularity: from the whole catalog for home delivery (DCs carry it all),
     * else from the assortment of the node that will serve the order (the pickup store, the nearest
     * same-day node), as the storefront only offers what that node carries.
     */
    private List<OrderLine> lines(NetworkNode source) {
        int count = 1 + lineCounts.sample(rng);
        List<OrderLine> lines = new ArrayList<>(count);
        List<String> chosen = new ArrayList<>(count);
        for (int attempt = 0; attempt < 4 * count && chosen.size() < count; attempt++) {
            int sku = source == null ? catalog.sample(rng) : source.sampleSku(rng);
            String id = skus.get(sku).id();
            if (!chosen.contains(id)) {
                chosen.add(id);
                lines.add(new OrderLine(id, 1 + quantities.sample(rng)));
            }
        }
        return lines;
    }

    private long promiseBy(
            long time, ZonedDateTime local, FulfilmentMethod method, RoutingPreference preference) {
        return switch (method) {
            case SAME_DAY ->
                    local.toLocalDate()
                            .atTime(SAME_DAY_PROMISE_HOUR, 0)
                            .atZone(local.getZone())
                            .toInstant()
                            .toEpochMilli();
            case BOPIS, CURBSIDE -> time + (1 + pickupPromise.sample(rng)) * DAY;
            default ->
                    time
                            + (1
                                            + (preference == RoutingPreference.FASTEST
                                                    ? fastPromise.sample(rng)
                                                    : homePromise.sample(rng)))
                                    * DAY;
        };
    }

    /**
     * A share of orders is cancelled a few minutes after it is placed; the rest ship (home
     * deliveries: 3-30 h later, same day: 1-3 h) or are picked up during the store's hours 2-36 h
     * later. Events past the simulated span are never sent.
     */
    private void lifecycle(OrderRequest order, long time, FulfilmentMethod method, Area area) {
        LifecycleType type;
        long at;
        if (rng.nextDouble() < config.orderCancelRate()) {
            type = LifecycleType.CANCELLED;
            at = time + between(2 * MINUTE, 45 * MINUTE);
        } else {
            switch (method) {
                case BOPIS, CURBSIDE -> {
                    type = LifecycleType.PICKED_UP;
                    at =
                            new OpeningHours(
                                            area.store().zone(),
                                            InventoryWorld.STORE_OPEN,
                                            InventoryWorld.STORE_CLOSE)
                                    .nextOpen(time + between(2 * HOUR, 36 * HOUR));
                }
                case SAME_DAY -> {
                    type = LifecycleType.SHIPPED;
                    at = time + between(HOUR, 3 * HOUR);
                }
                default -> {
                    type = LifecycleType.SHIPPED;
                    at = time + between(3 * HOUR, 30 * HOUR);
                }
            }
        }
        if (at < end) {
            GeneratedRecord record =
                    records.valid(
                            OrderRecords.lifecycle(eventIds.next(), at, order.getOrderId(), type));
            add(at, record);
            maybeDuplicate(at, record);
            if (type != LifecycleType.CANCELLED) {
                maybeReturned(order, at, area);
            }
        }
    }

    /**
     * Some delivered orders come back (at {@code orderReturnRate}): the first line and each other
     * line with probability 1/2, all of its units, 6-36 h after delivery (compressed so that a
     * one-day run shows returns), graded A-D. Pickups and half of the home deliveries are handed in
     * at the customer's store; the other home deliveries come back by parcel from the customer's
     * address to the open DC nearest that store.
     */
    private void maybeReturned(OrderRequest order, long deliveredAt, Area area) {
        if (config.orderReturnRate() == 0 || returnsRng.nextDouble() >= config.orderReturnRate()) {
            return;
        }
        long at = deliveredAt + 6 * HOUR + returnsRng.nextLong(30 * HOUR);
        boolean byParcel =
                order.getDestinationLatitude() != null
                        && !dcs.isEmpty()
                        && returnsRng.nextBoolean();
        NetworkNode receiving = byParcel ? nearestDc(area.store()) : area.store();
        List<OrderLine> lines = order.getLines();
        for (int i = 0; i < lines.size() && at < end; i++) {
            if (i > 0 && returnsRng.nextBoolean()) {
                continue;
            }
            OrderLine line = lines.get(i);
            int hash = line.getSku().hashCode();
            OrderLifecycleEvent.Builder e =
                    OrderLifecycleEvent.newBuilder()
                            .setEventId(returnIds.next())
                            .setEventTime(Instant.ofEpochMilli(at))
                            .setOrderId(order.getOrderId())
                            .setType(LifecycleType.RETURN_RECEIVED)
                            .setSku(line.getSku())
                            .setQuantity(line.getQuantity())
                            .setReceivingNodeId(receiving.id())
                            .setGrading(
                                    ReturnGrading.newBuilder()
                                            .setConditionGrade(GRADES[grades.sample(returnsRng)])
                                            .setReturnReason(
                                                    RETURN_REASONS[
                                                            returnsRng.nextInt(
                                                                    RETURN_REASONS.length)])
                                            .setCategory(
                                                    CATEGORIES[
                                                            Math.floorMod(hash, CATEGORIES.length)])
                                            .setUnitValue(5.0 + Math.floorMod(hash * 31, 196))
                                            .build());
            if (byParcel) {
                e.setReturnedFromLatitude(order.getDestinationLatitude())
                        .setReturnedFromLongitude(order.getDestinationLongitude());
            }
            add(at, records.valid(e.build()));
            at += 1 + returnsRng.nextLong(MINUTE);
        }
    }

    private NetworkNode nearestDc(NetworkNode store) {
        return dcs.stream()
                .min(Comparator.comparingDouble(dc -> dc.site().distanceKm(store.site())))
                .orElseThrow();
    }

    /** An exact re-send of the record a little later (at {@code duplicateRate}). */
    private void maybeDuplicate(long time, GeneratedRecord record) {
        if (rng.nextDouble() < config.duplicateRate()) {
            long at = time + 1 + rng.nextLong(config.maxDuplicateDelay().toMillis());
            if (at < end) {
                add(at, record.asDuplicate());
            }
        }
    }

    /** A bad order or lifecycle event at {@code time} (at {@code malformedRate} per order). */
    private void maybeMalformed(long time, String lastOrderId) {
        if (rng.nextDouble() < config.malformedRate()) {
            BadRecordKind kind = badKinds[rng.nextInt(badKinds.length)];
            add(time, bad.create(kind, time, null, lastOrderId));
        }
    }

    // ---------------------------------------------------------------- helpers

    private void add(long time, GeneratedRecord record) {
        pending.add(new Pending(time, sequence++, record));
    }

    private long exponential() {
        return Math.max(1, (long) (-Math.log(1 - rng.nextDouble()) / candidatesPerHour * HOUR));
    }

    private long between(long min, long max) {
        return min + rng.nextLong(max - min);
    }

    private static double round(double degrees) {
        return Math.round(degrees * 100_000) / 100_000.0;
    }

    private static boolean isOpen(NetworkNode node) {
        return node.record().getStatus() == NodeStatus.OPEN;
    }

    private static boolean offers(NetworkNode node, FulfilmentMethod method) {
        return node.record().getFulfilmentMethods().contains(method);
    }
}
