package io.omnistock.domain.planning;

import static io.omnistock.domain.planning.RoutingFixtures.SKU_A;
import static io.omnistock.domain.planning.RoutingFixtures.SKU_B;
import static io.omnistock.domain.planning.RoutingFixtures.TEST_FACTORS;
import static io.omnistock.domain.planning.RoutingFixtures.dc;
import static io.omnistock.domain.planning.RoutingFixtures.kmNorth;
import static io.omnistock.domain.planning.RoutingFixtures.line;
import static io.omnistock.domain.planning.RoutingFixtures.order;
import static io.omnistock.domain.planning.RoutingFixtures.stock;
import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.ledger.domain.NodeInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Order SKU-A x 2 + SKU-B x 2; P holds A x 2, Q holds B x 2, R holds one of each. All three are DCs
 * 100 km away; Q's handling is cheaper than P's unless a test says otherwise.
 */
class PlanGeneratorTest {
    private final Order order = order(line(SKU_A, 2), line(SKU_B, 2)).build();
    private final StockView stock =
            stock().with(SKU_A, "P", 2).with(SKU_B, "Q", 2).with(SKU_A, "R", 1).with(SKU_B, "R", 1);

    private List<String> plans(double handlingP, double handlingQ, int maxSplit, int anchorLimit) {
        ShipmentModel model = new ShipmentModel(RoutingPolicy.defaults(), TEST_FACTORS);
        List<Leg> legs =
                List.of(
                        model.leg(order, dc("P", kmNorth(100), handlingP)),
                        model.leg(order, dc("Q", kmNorth(100), handlingQ)),
                        model.leg(order, dc("R", kmNorth(100), 1.0)));
        return new PlanGenerator(model, anchorLimit)
                .plans(order, legs, stock, maxSplit).stream()
                        .map(FulfilmentPlan::allocationKey)
                        .toList();
    }

    @Test
    void singleNodePlansThenGreedyPlansFromEachAnchorWithoutDuplicates() {
        List<String> plans = plans(1.0, 0.5, 3, 8);

        // anchors P, Q, R (2 units each, by id). P adds Q: complete. Q adds P: the same plan.
        // R leaves A1 + B1: P and Q each cover 1, Q's shipment is cheaper, then P takes the last.
        assertThat(plans)
                .containsExactly(
                        "P[SKU-A=2]",
                        "Q[SKU-B=2]",
                        "R[SKU-A=1,SKU-B=1]",
                        "P[SKU-A=2] Q[SKU-B=2]",
                        "P[SKU-A=1] Q[SKU-B=1] R[SKU-A=1,SKU-B=1]");
    }

    @Test
    void maxSplitStopsTheGreedyExtension() {
        assertThat(plans(1.0, 0.5, 2, 8))
                .containsExactly(
                        "P[SKU-A=2]",
                        "Q[SKU-B=2]",
                        "R[SKU-A=1,SKU-B=1]",
                        "P[SKU-A=2] Q[SKU-B=2]",
                        "Q[SKU-B=1] R[SKU-A=1,SKU-B=1]");
        assertThat(plans(1.0, 0.5, 1, 8))
                .containsExactly("P[SKU-A=2]", "Q[SKU-B=2]", "R[SKU-A=1,SKU-B=1]");
    }

    @Test
    void equallyCheapNodesAreTriedInIdOrder() {
        assertThat(plans(1.0, 1.0, 2, 8)).contains("P[SKU-A=1] R[SKU-A=1,SKU-B=1]");
    }

    @Test
    void onlyTheTopAnchorsSeedMultiNodePlans() {
        assertThat(plans(1.0, 0.5, 3, 1))
                .containsExactly(
                        "P[SKU-A=2]", "Q[SKU-B=2]", "R[SKU-A=1,SKU-B=1]", "P[SKU-A=2] Q[SKU-B=2]");
    }

    @Test
    void nodesWithoutStockMakeNoPlans() {
        ShipmentModel model = new ShipmentModel(RoutingPolicy.defaults(), TEST_FACTORS);
        NodeInfo empty = dc("E", kmNorth(100), 1.0);

        List<FulfilmentPlan> plans =
                new PlanGenerator(model, 8)
                        .plans(order, List.of(model.leg(order, empty)), stock, 3);

        assertThat(plans).isEmpty();
    }
}
