package io.omnistock.generator;

import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.NodeRecord;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.stream.IntStream;

/**
 * The nodes and SKU catalog of one generated retail chain: UK and US stores, DCs, dark stores and
 * 3PL warehouses with realistic coordinates, and a catalog with Zipf-like popularity. Stores and
 * dark stores carry an assortment (every popular SKU, fewer of the long tail); DCs and 3PLs carry
 * everything. All OPEN except one store ({@code STORE-003}, or the last store of a smaller chain),
 * which is DEGRADED: it trades and is tracked, but is excluded from network ATP.
 */
public final class RetailNetwork {
    /** Units per SKU held back from ATP, by node type. */
    private static final int STORE_SAFETY_STOCK = 2;

    private static final int DC_SAFETY_STOCK = 10;
    private static final int DARK_STORE_SAFETY_STOCK = 1;
    private static final int THREE_PL_SAFETY_STOCK = 0;

    private static final long SALT = 0x6E6574776F726BL;
    private static final double ZIPF_EXPONENT = 1.0;
    private static final int[] CASE_SIZES = {1, 4, 6, 12, 24};
    private static final double[] CASE_SIZE_WEIGHTS = {0.15, 0.2, 0.3, 0.25, 0.1};

    private static final NodeSpec STORES =
            new NodeSpec(
                    NodeType.STORE,
                    Sites.STORES,
                    "STORE-%03d",
                    "OmniStock ",
                    "",
                    rng -> 200 + 50 * rng.nextInt(9),
                    3.2,
                    4.8,
                    RetailNetwork::storeMethods,
                    STORE_SAFETY_STOCK,
                    true);
    private static final NodeSpec DARK_STORES =
            new NodeSpec(
                    NodeType.DARK_STORE,
                    Sites.DARK_STORES,
                    "DARK-%02d",
                    "",
                    " Dark Store",
                    rng -> 1200 + 100 * rng.nextInt(9),
                    2.2,
                    2.8,
                    rng -> List.of(FulfilmentMethod.SAME_DAY),
                    DARK_STORE_SAFETY_STOCK,
                    true);
    private static final NodeSpec DCS =
            new NodeSpec(
                    NodeType.DC,
                    Sites.DCS,
                    "DC-%02d",
                    "",
                    " DC",
                    rng -> 20_000 + 5_000 * rng.nextInt(9),
                    1.1,
                    1.6,
                    rng -> List.of(FulfilmentMethod.SHIP_TO_HOME),
                    DC_SAFETY_STOCK,
                    false);
    private static final NodeSpec THREE_PLS =
            new NodeSpec(
                    NodeType.THREE_PL,
                    Sites.THREE_PLS,
                    "3PL-%02d",
                    "",
                    " 3PL",
                    rng -> 15_000,
                    1.8,
                    2.4,
                    rng -> List.of(FulfilmentMethod.SHIP_TO_HOME),
                    THREE_PL_SAFETY_STOCK,
                    false);

    private final List<Sku> skus;
    private final List<NetworkNode> nodes;
    private final List<NodeRecord> records;
    private final Map<String, NodeRecord> byId;

    private RetailNetwork(List<Sku> skus, List<NetworkNode> nodes) {
        this.skus = skus;
        this.nodes = nodes;
        List<NodeRecord> list = new ArrayList<>(nodes.size());
        Map<String, NodeRecord> map = new LinkedHashMap<>();
        for (NetworkNode node : nodes) {
            list.add(node.record());
            map.put(node.id(), node.record());
        }
        this.records = Collections.unmodifiableList(list);
        this.byId = Collections.unmodifiableMap(map);
    }

    /** The network of a config; a pure function of it. */
    public static RetailNetwork build(NetworkConfig config) {
        SplittableRandom rng = new SplittableRandom(config.seed() ^ SALT);
        List<Sku> skus = catalog(config.skus(), rng);
        int[] ranked = byPopularity(skus);
        Instant asOf = config.start();
        String tag = Long.toUnsignedString(config.seed(), 36);
        List<NetworkNode> nodes = new ArrayList<>();
        int degraded = Math.min(3, config.stores()) - 1;
        addNodes(nodes, STORES, config.stores(), degraded, tag, asOf, skus, ranked, rng);
        addNodes(nodes, DARK_STORES, config.darkStores(), -1, tag, asOf, skus, ranked, rng);
        int firstDc = nodes.size();
        addNodes(nodes, DCS, config.dcs(), -1, tag, asOf, skus, ranked, rng);
        int firstThreePl = nodes.size();
        addNodes(nodes, THREE_PLS, config.threePls(), -1, tag, asOf, skus, ranked, rng);
        for (int i = 0; i < nodes.size(); i++) {
            NetworkNode node = nodes.get(i);
            int supplier =
                    switch (node.type()) {
                        case STORE, DARK_STORE ->
                                nearest(nodes, node.site(), firstDc, firstThreePl);
                        case DC -> nearest(nodes, node.site(), firstThreePl, nodes.size());
                        case THREE_PL -> -1;
                    };
            nodes.set(
                    i,
                    new NetworkNode(
                            i,
                            node.record(),
                            node.site(),
                            node.zone(),
                            node.assortment(),
                            node.demand(),
                            supplier));
        }
        return new RetailNetwork(skus, Collections.unmodifiableList(nodes));
    }

    /** Every node record, stores first, then dark stores, DCs and 3PLs. */
    public List<NodeRecord> nodes() {
        return records;
    }

    /** The record of a node id; throws if the network has no such node. */
    public NodeRecord node(String nodeId) {
        NodeRecord record = byId.get(nodeId);
        if (record == null) {
            throw new IllegalArgumentException("no node " + nodeId);
        }
        return record;
    }

    /** The nodes of one type, in id order. */
    public List<NodeRecord> nodesOfType(NodeType type) {
        return records.stream().filter(r -> r.getType() == type).toList();
    }

    /** The catalog, {@code SKU-00001} first. */
    public List<Sku> skus() {
        return skus;
    }

    /** The simulation's view of the nodes, indexed like {@link #nodes()}. */
    List<NetworkNode> networkNodes() {
        return nodes;
    }

    private static List<Sku> catalog(int size, SplittableRandom rng) {
        int[] rankOf = new int[size];
        for (int i = 0; i < size; i++) {
            rankOf[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int swap = rankOf[i];
            rankOf[i] = rankOf[j];
            rankOf[j] = swap;
        }
        double norm = 0;
        for (int rank = 1; rank <= size; rank++) {
            norm += 1 / Math.pow(rank, ZIPF_EXPONENT);
        }
        WeightedSampler caseSizes = new WeightedSampler(CASE_SIZE_WEIGHTS);
        List<Sku> skus = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            double popularity = 1 / Math.pow(rankOf[i] + 1, ZIPF_EXPONENT) / norm;
            skus.add(
                    new Sku(
                            String.format("SKU-%05d", i + 1),
                            popularity,
                            CASE_SIZES[caseSizes.sample(rng)]));
        }
        return Collections.unmodifiableList(skus);
    }

    /**
     * How the nodes of one type are built. The random draws of a node happen in this order:
     * capacity, handling cost, fulfilment methods, then (retail nodes) the assortment.
     *
     * @param idFormat node id format, applied to the 1-based index
     * @param namePrefix name text before the city
     * @param nameSuffix name text after the city (before any copy number)
     * @param capacity draws the capacity (may draw nothing)
     * @param methods draws the fulfilment methods (may draw nothing)
     * @param retail carries a sampled assortment (stores, dark stores) rather than every SKU
     */
    private record NodeSpec(
            NodeType type,
            List<Site> sites,
            String idFormat,
            String namePrefix,
            String nameSuffix,
            ToIntFunction<SplittableRandom> capacity,
            double minCost,
            double maxCost,
            Function<SplittableRandom, List<FulfilmentMethod>> methods,
            int safetyStock,
            boolean retail) {}

    /**
     * Appends {@code count} nodes of one type. The {@code i}-th takes the spec's site {@code i};
     * once the sites are used up they are reused, nudged, with a copy number in the name. The node
     * at {@code degraded} (-1 for none) is DEGRADED, the others OPEN.
     */
    private static void addNodes(
            List<NetworkNode> nodes,
            NodeSpec spec,
            int count,
            int degraded,
            String tag,
            Instant asOf,
            List<Sku> skus,
            int[] ranked,
            SplittableRandom rng) {
        List<Site> sites = spec.sites();
        for (int i = 0; i < count; i++) {
            int copy = i / sites.size();
            Site base = sites.get(i % sites.size());
            Site site = copy == 0 ? base : base.nudged(copy);
            NodeRecord record =
                    record(
                            tag,
                            asOf,
                            String.format(spec.idFormat(), i + 1),
                            spec.namePrefix()
                                    + site.city()
                                    + spec.nameSuffix()
                                    + (copy == 0 ? "" : " " + (copy + 1)),
                            spec.type(),
                            site,
                            spec.capacity().applyAsInt(rng),
                            cost(rng, spec.minCost(), spec.maxCost()),
                            spec.methods().apply(rng),
                            spec.safetyStock(),
                            i == degraded ? NodeStatus.DEGRADED : NodeStatus.OPEN);
            nodes.add(
                    spec.retail()
                            ? retailNode(nodes.size(), record, site, skus, ranked, rng)
                            : warehouseNode(nodes.size(), record, site, skus, ranked));
        }
    }

    /** Stores carry every SKU in the top 5% and a thinning share of the long tail. */
    private static NetworkNode retailNode(
            int index,
            NodeRecord record,
            Site site,
            List<Sku> skus,
            int[] ranked,
            SplittableRandom rng) {
        int head = Math.max(1, ranked.length / 20);
        int[] carried = new int[ranked.length];
        int count = 0;
        for (int rank = 0; rank < ranked.length; rank++) {
            double tail = 1 - (double) rank / ranked.length;
            if (rank < head || rng.nextDouble() < 0.15 + 0.85 * tail * tail) {
                carried[count++] = ranked[rank];
            }
        }
        return node(index, record, site, Arrays.copyOf(carried, count), skus);
    }

    private static NetworkNode warehouseNode(
            int index, NodeRecord record, Site site, List<Sku> skus, int[] ranked) {
        return node(index, record, site, ranked.clone(), skus);
    }

    private static NetworkNode node(
            int index, NodeRecord record, Site site, int[] assortment, List<Sku> skus) {
        double[] weights = new double[assortment.length];
        for (int i = 0; i < assortment.length; i++) {
            weights[i] = skus.get(assortment[i]).popularity();
        }
        return new NetworkNode(
                index,
                record,
                site,
                ZoneId.of(site.timezone()),
                assortment,
                new WeightedSampler(weights),
                -1);
    }

    /** SKU indices, most popular first. */
    private static int[] byPopularity(List<Sku> skus) {
        return IntStream.range(0, skus.size())
                .boxed()
                .sorted(
                        (a, b) ->
                                Double.compare(skus.get(b).popularity(), skus.get(a).popularity()))
                .mapToInt(Integer::intValue)
                .toArray();
    }

    private static int nearest(List<NetworkNode> nodes, Site from, int first, int end) {
        int best = -1;
        double bestKm = Double.MAX_VALUE;
        for (int i = first; i < end; i++) {
            double km = from.distanceKm(nodes.get(i).site());
            if (km < bestKm) {
                bestKm = km;
                best = i;
            }
        }
        return best;
    }

    private static NodeRecord record(
            String tag,
            Instant asOf,
            String nodeId,
            String name,
            NodeType type,
            Site site,
            int capacity,
            double handlingCost,
            List<FulfilmentMethod> methods,
            int safetyStock,
            NodeStatus status) {
        return new NodeRecord(
                "node-" + tag + "-" + nodeId,
                asOf,
                nodeId,
                name,
                type,
                site.latitude(),
                site.longitude(),
                site.region(),
                site.postalCode(),
                capacity,
                handlingCost,
                methods,
                safetyStock,
                status,
                site.timezone(),
                new ArrayList<>());
    }

    private static List<FulfilmentMethod> storeMethods(SplittableRandom rng) {
        List<FulfilmentMethod> methods = new ArrayList<>(4);
        methods.add(FulfilmentMethod.BOPIS);
        if (rng.nextDouble() < 0.6) {
            methods.add(FulfilmentMethod.SHIP_FROM_STORE);
        }
        if (rng.nextDouble() < 0.4) {
            methods.add(FulfilmentMethod.CURBSIDE);
        }
        if (rng.nextDouble() < 0.3) {
            methods.add(FulfilmentMethod.SAME_DAY);
        }
        return methods;
    }

    private static double cost(SplittableRandom rng, double min, double max) {
        return Math.round((min + rng.nextDouble() * (max - min)) * 100) / 100.0;
    }
}
