package io.omnistock.bench.routing;

import io.omnistock.avro.DecisionStatus;
import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.OrderLine;
import io.omnistock.avro.OrderRequest;
import io.omnistock.avro.RoutingDecision;
import io.omnistock.avro.RoutingPreference;
import io.omnistock.bench.BenchSettings;
import io.omnistock.bench.Benchmark;
import io.omnistock.bench.CpuClock;
import io.omnistock.bench.Figure;
import io.omnistock.domain.inventory.EventType;
import io.omnistock.domain.inventory.SkuLedger;
import io.omnistock.domain.orders.OrderFlow;
import io.omnistock.domain.planning.GeoPoint;
import io.omnistock.domain.planning.Order;
import io.omnistock.domain.planning.PlannedLine;
import io.omnistock.ledger.domain.NodeInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Routing decisions per second and their latency: the real routing rules ({@link
 * io.omnistock.domain.orders.OrderRouting}) driving the real SKU ledgers in memory, one order at a
 * time, so each order goes probe, plan, reserve, grant, decision. No Kafka, no Flink: the cost of
 * the rules themselves.
 */
public final class RoutingBenchmark implements Benchmark {
    static final int SKUS = 500;
    static final int DCS = 10;
    static final int SHIPPING_STORES = 40;
    static final int PICKUP_ONLY_STORES = 10;
    static final long OPENING_UNITS = 100_000;
    static final int JOB_ORDERS_FULL = 30_000;
    static final int JOB_ORDERS_QUICK = 10_000;
    static final int JOB_MAX_IN_FLIGHT = 1_000;

    /**
     * Orders are placed at 08:00 on this day, as in {@code OrderFlow}, whose clock reads a year
     * later.
     */
    static final Instant DAY = Instant.parse("2026-03-02T00:00:00Z");

    static final long ORDER_TIME = DAY.plus(Duration.ofHours(8)).toEpochMilli();

    /** The nodes and customers sit in this box (about 550 x 400 km). */
    static final double MIN_LAT = 50.5;

    static final double MAX_LAT = 55.5;
    static final double MIN_LON = -3.0;
    static final double MAX_LON = 3.0;

    @Override
    public String name() {
        return "routing";
    }

    @Override
    public String description() {
        return "The real routing rules (`OrderRouting`, `Router`) driving the real SKU ledgers"
                + " (`SkuLedger`) in memory on one thread, through the ledger tests' `OrderFlow`"
                + " (unrecorded: no records, no checks): each order goes probe -> plan -> RESERVE -> grant -> decision"
                + " (single-line fast path: ROUTE -> the ledger plans, grants and sends the plan -> routing records it and"
                + " decides), the"
                + " messages the job sends through Kafka delivered in order from in-memory"
                + " queues; no Kafka, no Flink. Network: "
                + (DCS + SHIPPING_STORES + PICKUP_ONLY_STORES)
                + " OPEN nodes (10 DCs, 40 ship-from-store stores, 10 pickup-only stores) spread"
                + " over about 550 x 400 km, every one stocked with "
                + String.format(Locale.ROOT, "%,d", OPENING_UNITS)
                + " units of each of "
                + SKUS
                + " SKUs, so each SHIP_TO_HOME order has 50 eligible candidate nodes with stock."
                + " Orders: 1 line (single-line) or 3 lines of distinct SKUs (3-line), 1-3 units"
                + " per line, random destination, preferences mixed; default policy (max split 3)."
                + " Full: 100,000 orders per shape after 20,000 warm-up orders (quick: 20,000"
                + " after 5,000); orders are neither shipped nor cancelled, so their reservations"
                + " stay. Latency = order in to decision out (System.nanoTime), per order;"
                + " per busy core = per second of this process's CPU (GC and JIT included)."
                + " Job figures: the same network and single-line orders through the real"
                + " ledger job (`EnginePipeline` in `EngineJob.environment`, RocksDB, checkpoints"
                + " every 5 s) on an in-process MiniCluster, parallelism 2, from an in-process source"
                + " (Avro bytes through the job's deserializer), with the single-SKU fast path (the"
                + " default) and without it (every order takes the reservation loop), after an"
                + " unmeasured warm-up run of a third of the orders; the"
                + " reservation hop that goes through Kafka in production goes through an in-JVM"
                + " queue, and at most "
                + String.format(Locale.ROOT, "%,d", JOB_MAX_IN_FLIGHT)
                + " orders are undecided at a time; "
                + String.format(Locale.ROOT, "%,d", JOB_ORDERS_FULL)
                + " orders (quick: "
                + String.format(Locale.ROOT, "%,d", JOB_ORDERS_QUICK)
                + "), rate over all but the first 10%."
                + " Target: >= 20,000 decisions/s per core, p99 <= 50 ms.";
    }

    @Override
    public List<Figure> runOnce(BenchSettings settings) throws Exception {
        int orders = (int) settings.size(100_000, 20_000);
        int warmUp = (int) settings.size(20_000, 5_000);
        OrderFlow flow = network(new Random(42));
        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure("eligible candidate nodes per order", "nodes", eligible(flow)));
        Random random = new Random(7);
        measure(flow, "single-line", 1, warmUp, orders, random, figures);
        measure(flow, "3-line", 3, warmUp, orders, random, figures);
        measure(
                network(new Random(42), true),
                "single-line fast path",
                1,
                warmUp,
                orders,
                new Random(7),
                figures);

        int jobOrders = (int) settings.size(JOB_ORDERS_FULL, JOB_ORDERS_QUICK);
        // The first job run in a JVM is markedly slower (JIT of Flink and the job's code): an
        // unmeasured run first, so neither measured variant pays for it.
        RoutingJobRun.run(settings.workDir(), jobOrders / 3, 1, JOB_MAX_IN_FLIGHT, true);
        RoutingJobRun.Result loopOnly =
                RoutingJobRun.run(settings.workDir(), jobOrders, 1, JOB_MAX_IN_FLIGHT, false);
        RoutingJobRun.Result job =
                RoutingJobRun.run(settings.workDir(), jobOrders, 1, JOB_MAX_IN_FLIGHT, true);
        figures.add(
                new Figure(
                        "job: single-line decisions/s", "decisions/s", job.decisionsPerSecond()));
        figures.add(
                new Figure(
                        "job: single-line decisions/s per busy core",
                        "decisions/s",
                        job.perBusyCore()));
        figures.add(
                new Figure(
                        "job: single-line decisions/s, fast path off (the loop)",
                        "decisions/s",
                        loopOnly.decisionsPerSecond()));
        figures.add(
                new Figure(
                        "job: single-line decisions/s per busy core, fast path off (the loop)",
                        "decisions/s",
                        loopOnly.perBusyCore()));
        return figures;
    }

    private static void measure(
            OrderFlow flow,
            String shape,
            int lines,
            int warmUp,
            int orders,
            Random random,
            List<Figure> figures) {
        for (OrderRequest order : orders(shape + "-warm", lines, warmUp, random)) {
            flow.route(order);
        }
        OrderRequest[] batch = orders(shape, lines, orders, random);
        long[] latency = new long[orders];
        int routedInFull = 0;
        System.gc();
        CpuClock clock = new CpuClock();
        for (int i = 0; i < orders; i++) {
            long start = System.nanoTime();
            RoutingDecision decision = flow.route(batch[i]);
            latency[i] = flow.decidedAtNanos() - start;
            if (decision.getStatus() == DecisionStatus.ROUTED) {
                routedInFull++;
            }
        }
        CpuClock.Interval interval = clock.stop();
        Arrays.sort(latency);
        figures.add(new Figure(shape + " decisions/s", "decisions/s", interval.perSecond(orders)));
        figures.add(
                new Figure(
                        shape + " decisions/s per busy core",
                        "decisions/s",
                        interval.perBusyCoreSecond(orders)));
        figures.add(new Figure(shape + " decision latency p50", "ms", millis(latency, 0.50)));
        figures.add(new Figure(shape + " decision latency p99", "ms", millis(latency, 0.99)));
        figures.add(new Figure(shape + " decision latency p99.9", "ms", millis(latency, 0.999)));
        figures.add(
                new Figure(
                        shape + " orders ROUTED in full", "ratio", (double) routedInFull / orders));
    }

    private static double millis(long[] sorted, double quantile) {
        int i = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, i)] / 1e6;
    }

    /** The nodes, each with opening stock of every SKU. */
    static OrderFlow network(Random random) {
        return network(random, false);
    }

    /** As {@link #network(Random)}, single-SKU orders on the fast path when asked. */
    static OrderFlow network(Random random, boolean singleSkuFastPath) {
        OrderFlow flow = OrderFlow.unrecorded(3, singleSkuFastPath);
        nodes(random).forEach(flow::node);
        long stockedAt = DAY.plus(Duration.ofHours(6)).toEpochMilli();
        for (int sku = 0; sku < SKUS; sku++) {
            for (NodeInfo node : flow.nodes.values()) {
                SkuLedger.Outcome outcome =
                        flow.inventory(
                                EventType.RECEIPT, sku(sku), node.nodeId, OPENING_UNITS, stockedAt);
                if (outcome != SkuLedger.Outcome.APPLIED) {
                    throw new IllegalStateException("opening stock not applied: " + outcome);
                }
            }
        }
        return flow;
    }

    /** 10 DCs, 40 ship-from-store stores, 10 pickup-only stores, all OPEN, no capacity limit. */
    static List<NodeInfo> nodes(Random random) {
        List<NodeInfo> nodes = new ArrayList<>();
        for (int i = 0; i < DCS; i++) {
            nodes.add(
                    node(
                            String.format("DC-%02d", i),
                            NodeType.DC,
                            1.0 + random.nextDouble(),
                            random,
                            FulfilmentMethod.SHIP_TO_HOME));
        }
        for (int i = 0; i < SHIPPING_STORES; i++) {
            nodes.add(
                    node(
                            String.format("STORE-%02d", i),
                            NodeType.STORE,
                            2.5 + 1.5 * random.nextDouble(),
                            random,
                            FulfilmentMethod.SHIP_FROM_STORE,
                            FulfilmentMethod.BOPIS,
                            FulfilmentMethod.CURBSIDE));
        }
        for (int i = 0; i < PICKUP_ONLY_STORES; i++) {
            nodes.add(
                    node(
                            String.format("PICKUP-%02d", i),
                            NodeType.STORE,
                            2.5,
                            random,
                            FulfilmentMethod.BOPIS,
                            FulfilmentMethod.CURBSIDE));
        }
        return nodes;
    }

    private static NodeInfo node(
            String id,
            NodeType type,
            double handlingCost,
            Random random,
            FulfilmentMethod... methods) {
        return new NodeInfo(id, type, NodeStatus.OPEN, 0)
                .located(lat(random), lon(random), "UK", 0, handlingCost, List.of(methods));
    }

    /** How many nodes the routing rules find eligible for a SHIP_TO_HOME order. */
    private static int eligible(OrderFlow flow) {
        Order order =
                new Order(
                        "probe",
                        ORDER_TIME,
                        "WEB",
                        List.of(new PlannedLine(sku(0), 1)),
                        FulfilmentMethod.SHIP_TO_HOME,
                        true,
                        new GeoPoint(53.0, 0.0),
                        null,
                        ORDER_TIME + Duration.ofHours(48).toMillis(),
                        RoutingPreference.BALANCED);
        return flow.router().filter().eligible(order, flow.nodes.values(), node -> true).size();
    }

    private static OrderRequest[] orders(String prefix, int lines, int count, Random random) {
        OrderRequest[] orders = new OrderRequest[count];
        for (int i = 0; i < count; i++) {
            orders[i] = order(prefix + "-" + i, lines, ORDER_TIME, random);
        }
        return orders;
    }

    /**
     * A SHIP_TO_HOME order of {@code lines} distinct SKUs, 1-3 units each, to a random destination,
     * promised in 48 h, with a random preference.
     */
    static OrderRequest order(String orderId, int lines, long orderTime, Random random) {
        RoutingPreference[] preferences = RoutingPreference.values();
        List<OrderLine> orderLines = new ArrayList<>(lines);
        int first = random.nextInt(SKUS);
        for (int l = 0; l < lines; l++) {
            // distinct SKUs: consecutive ones from a random start
            orderLines.add(new OrderLine(sku((first + l) % SKUS), 1 + random.nextInt(3)));
        }
        return OrderRequest.newBuilder()
                .setEventId("order-" + orderId)
                .setEventTime(Instant.ofEpochMilli(orderTime))
                .setOrderId(orderId)
                .setChannel("WEB")
                .setLines(orderLines)
                .setMethod(FulfilmentMethod.SHIP_TO_HOME)
                .setShipFromStoreAllowed(true)
                .setDestinationLatitude(lat(random))
                .setDestinationLongitude(lon(random))
                .setPromiseBy(Instant.ofEpochMilli(orderTime + Duration.ofHours(48).toMillis()))
                .setPreference(preferences[random.nextInt(preferences.length)])
                .setRegion("UK")
                .build();
    }

    static String sku(int i) {
        return String.format("SKU-%05d", i);
    }

    private static double lat(Random random) {
        return MIN_LAT + (MAX_LAT - MIN_LAT) * random.nextDouble();
    }

    private static double lon(Random random) {
        return MIN_LON + (MAX_LON - MIN_LON) * random.nextDouble();
    }
}
