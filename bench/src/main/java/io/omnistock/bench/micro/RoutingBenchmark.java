package io.omnistock.bench.micro;

import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.RoutingPreference;
import io.omnistock.domain.carbon.CarbonFactorTable;
import io.omnistock.domain.planning.CapacityView;
import io.omnistock.domain.planning.FulfilmentPlan;
import io.omnistock.domain.planning.GeoPoint;
import io.omnistock.domain.planning.Leg;
import io.omnistock.domain.planning.Order;
import io.omnistock.domain.planning.PlanGenerator;
import io.omnistock.domain.planning.PlanScorer;
import io.omnistock.domain.planning.PlannedLine;
import io.omnistock.domain.planning.Router;
import io.omnistock.domain.planning.RoutingPlan;
import io.omnistock.domain.planning.RoutingPolicy;
import io.omnistock.domain.planning.ScoredPlan;
import io.omnistock.domain.planning.ShipmentModel;
import io.omnistock.domain.planning.StockView;
import io.omnistock.ledger.domain.NodeInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Routing's hot paths on a small regional network ({@value #STORES} stores offering ship-from-store
 * and {@value #DCS} DCs within about 300 km of the customer, the default policy and carbon table):
 * a whole {@link Router#plan} of a two-line ship-to-home order (filter, legs, candidate plans,
 * scoring, baseline, alternatives), and {@link PlanScorer#rank} of that order's candidate plans
 * alone.
 */
@State(Scope.Thread)
public class RoutingBenchmark {
    static final int STORES = 16;
    static final int DCS = 4;

    private static final GeoPoint CUSTOMER = new GeoPoint(51.5, -0.12);

    private Router router;
    private PlanScorer scorer;
    private List<NodeInfo> nodes;
    private StockView stock;
    private Order order;
    private List<FulfilmentPlan> candidates;

    @Setup
    public void setUp() {
        RoutingPolicy policy = RoutingPolicy.defaults();
        CarbonFactorTable carbon = CarbonFactorTable.loadDefault();
        router = new Router(policy, carbon);
        scorer = new PlanScorer(policy);

        SplittableRandom rng = new SplittableRandom(7);
        nodes = new ArrayList<>();
        Map<String, Map<String, Long>> atp = new HashMap<>();
        for (int i = 0; i < STORES + DCS; i++) {
            boolean store = i < STORES;
            String id = store ? String.format("STORE-%03d", i + 1) : "DC-0" + (i - STORES + 1);
            double km = store ? 5 + rng.nextDouble(60) : 80 + rng.nextDouble(220);
            double bearing = rng.nextDouble(2 * Math.PI);
            NodeInfo node =
                    new NodeInfo(
                                    id,
                                    store ? NodeType.STORE : NodeType.DC,
                                    NodeStatus.OPEN,
                                    store ? 2 : 10)
                            .located(
                                    CUSTOMER.latitude() + km / 111.2 * Math.cos(bearing),
                                    CUSTOMER.longitude() + km / 69.2 * Math.sin(bearing),
                                    "UK-SE",
                                    0,
                                    store ? 3.0 + rng.nextDouble(2) : 1.0 + rng.nextDouble(0.6),
                                    store
                                            ? List.of(
                                                    FulfilmentMethod.SHIP_FROM_STORE,
                                                    FulfilmentMethod.BOPIS)
                                            : List.of(FulfilmentMethod.SHIP_TO_HOME));
            nodes.add(node);
            // Stores hold one or two units of each SKU, or none; DCs hold more.
            for (String sku : List.of("SKU-A", "SKU-B")) {
                long units = store ? rng.nextInt(3) : 5 + rng.nextInt(20);
                atp.computeIfAbsent(sku, k -> new HashMap<>()).put(id, units);
            }
        }
        stock = (sku, nodeId) -> atp.getOrDefault(sku, Map.of()).getOrDefault(nodeId, 0L);
        long orderTime = System.currentTimeMillis();
        order =
                new Order(
                        "ORDER-1",
                        orderTime,
                        "WEB",
                        List.of(new PlannedLine("SKU-A", 2), new PlannedLine("SKU-B", 1)),
                        FulfilmentMethod.SHIP_TO_HOME,
                        true,
                        CUSTOMER,
                        null,
                        orderTime + Duration.ofHours(48).toMillis(),
                        RoutingPreference.BALANCED);

        ShipmentModel shipments = new ShipmentModel(policy, carbon);
        List<Leg> legs = new ArrayList<>();
        for (NodeInfo node : router.filter().eligible(order, nodes, CapacityView.UNLIMITED)) {
            legs.add(shipments.leg(order, node));
        }
        candidates =
                new PlanGenerator(shipments, policy.anchorLimit())
                        .plans(order, legs, stock, policy.maxSplit());
        if (candidates.size() < 2) {
            throw new IllegalStateException("too few candidate plans: " + candidates.size());
        }
    }

    /** Routes the order: eligible nodes, legs, candidate plans, scores, baseline, alternatives. */
    @Benchmark
    public RoutingPlan plan() {
        return router.plan(order, nodes, stock, CapacityView.UNLIMITED);
    }

    /** Scores and ranks the order's candidate plans (min-max parts, weights, split penalty). */
    @Benchmark
    public List<ScoredPlan> rankPlans() {
        return scorer.rank(order, candidates);
    }
}
