package io.omnistock.domain.planning;

import static io.omnistock.domain.planning.RoutingFixtures.SKU_A;
import static io.omnistock.domain.planning.RoutingFixtures.closeTo;
import static io.omnistock.domain.planning.RoutingFixtures.dc;
import static io.omnistock.domain.planning.RoutingFixtures.hoursAfterOrder;
import static io.omnistock.domain.planning.RoutingFixtures.kmNorth;
import static io.omnistock.domain.planning.RoutingFixtures.line;
import static io.omnistock.domain.planning.RoutingFixtures.nodes;
import static io.omnistock.domain.planning.RoutingFixtures.order;
import static io.omnistock.domain.planning.RoutingFixtures.router;
import static io.omnistock.domain.planning.RoutingFixtures.stock;
import static io.omnistock.domain.planning.RoutingFixtures.store;
import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.RoutingPreference;
import io.omnistock.avro.TransportMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's worked example, computed by hand: one line (SKU-A x 2, 1 kg a unit), three nodes
 * with stock, SHIP_TO_HOME promised in 48 h, BALANCED, the test carbon table (TRUCK_LTL 0.1 kg
 * CO2e/t-km, circuity 1.2; last-mile parcel 0.2 kg) and the default policy.
 *
 * <pre>
 * node  type   great-circle  travel = gc x 1.2  handling cost  handling h
 * S1    STORE        50 km             60 km           3.00         2
 * D1    DC          250 km            300 km           1.00         4
 * D2    DC          450 km            540 km           0.30         4
 *
 * Every ETA meets the promise (48 h) and no node needs air, so all go PARCEL_GROUND
 * (12 h fixed, 60 km/h, 4.00 + 0.004/km); one shipment each, so no split penalty.
 *
 *        ETA hours = handling + 12 + travel/60    cost = handling + 4.00 + 0.004 x travel
 * S1     2 + 12 + 1 = 15                           3.00 + 4.00 + 0.24 = 7.24
 * D1     4 + 12 + 5 = 21                           1.00 + 4.00 + 1.20 = 6.20
 * D2     4 + 12 + 9 = 25                           0.30 + 4.00 + 2.16 = 6.46
 *
 *        CO2e kg = travel x 0.002 t x 0.1 + 0.2 (one parcel)
 * S1     60 x 0.0002 + 0.2  = 0.012 + 0.2 = 0.212
 * D1     300 x 0.0002 + 0.2 = 0.060 + 0.2 = 0.260
 * D2     540 x 0.0002 + 0.2 = 0.108 + 0.2 = 0.308
 *
 * Speed is judged against the promise: every plan keeps it, so each is 0 h late and no plan
 * scores better for arriving earlier.
 *
 * Min-max parts over the three plans:
 *   cost   min 6.20, max 7.24, spread 1.04:  S1 1,  D1 0,    D2 0.26/1.04 = 0.25
 *   speed  all 0 h late, no spread:          S1 0,  D1 0,    D2 0
 *   carbon min 0.212, max 0.308, spread 0.096: S1 0, D1 0.048/0.096 = 0.5, D2 1
 *
 * BALANCED (1/3 each):  S1 (1 + 0 + 0)/3      = 0.333333...
 *                       D1 (0 + 0 + 0.5)/3    = 0.166666...
 *                       D2 (0.25 + 0 + 1)/3   = 0.416666...
 * Chosen: D1, which is also the cost-only baseline (cheapest, 6.20, 0.260 kg CO2e): avoided 0.
 * GREENEST (0.15, 0.15, 0.7): S1 0.15, D1 0.35, D2 0.0375 + 0.7 = 0.7375: chooses S1, the
 * dearest node, and avoids 0.260 - 0.212 = 0.048 kg against the baseline.
 * </pre>
 */
class ScoringWorkedExampleTest {

    private final Order order = order(line(SKU_A, 2)).build();

    private final RoutingPlan plan =
            router().plan(
                            order,
                            nodes(
                                    store(
                                            "S1",
                                            kmNorth(50),
                                            3.00,
                                            FulfilmentMethod.SHIP_FROM_STORE),
                                    dc("D1", kmNorth(250), 1.00),
                                    dc("D2", kmNorth(450), 0.30)),
                            stock().with(SKU_A, "S1", 5).with(SKU_A, "D1", 5).with(SKU_A, "D2", 5),
                            CapacityView.UNLIMITED);

    @Test
    void balancedTakesTheCheapDcBecauseEveryPlanKeepsThePromise() {
        assertThat(plan.outcome()).isEqualTo(RoutingOutcome.ROUTED);
        assertThat(plan.candidatesConsidered()).isEqualTo(3);
        assertThat(plan.candidates())
                .extracting(ScoredPlan::nodeIds)
                .containsExactly(List.of("D1"), List.of("S1"), List.of("D2"));
        assertThat(plan.candidates()).extracting(ScoredPlan::rank).containsExactly(1, 2, 3);
        assertThat(plan.chosen()).isSameAs(plan.candidates().get(0));
        assertThat(plan.chosen().isChosen()).isTrue();
    }

    @Test
    void eachShipmentIsModelledByHand() {
        Shipment d1 = only(plan.candidates().get(0));
        Shipment s1 = only(plan.candidates().get(1));
        Shipment d2 = only(plan.candidates().get(2));

        assertThat(List.of(s1.mode(), d1.mode(), d2.mode()))
                .containsOnly(TransportMode.PARCEL_GROUND);
        assertThat(s1.greatCircleKm()).isCloseTo(50.0, closeTo(50.0));
        assertThat(s1.travelKm()).isCloseTo(60.0, closeTo(60.0));
        assertThat(d1.travelKm()).isCloseTo(300.0, closeTo(300.0));
        assertThat(d2.travelKm()).isCloseTo(540.0, closeTo(540.0));
        assertThat(s1.weightKg()).isEqualTo(2.0);

        assertThat(s1.eta()).isEqualTo(hoursAfterOrder(15));
        assertThat(d1.eta()).isEqualTo(hoursAfterOrder(21));
        assertThat(d2.eta()).isEqualTo(hoursAfterOrder(25));

        assertThat(s1.cost()).isCloseTo(7.24, closeTo(7.24));
        assertThat(d1.cost()).isCloseTo(6.20, closeTo(6.20));
        assertThat(d2.cost()).isCloseTo(6.46, closeTo(6.46));

        assertThat(s1.co2eKg()).isCloseTo(0.212, closeTo(0.212));
        assertThat(d1.co2eKg()).isCloseTo(0.260, closeTo(0.260));
        assertThat(d2.co2eKg()).isCloseTo(0.308, closeTo(0.308));
    }

    @Test
    void everyScorePartIsTheMinMaxPositionAndTheTotalIsTheirWeightedSum() {
        ScoredPlan d1 = plan.candidates().get(0);
        ScoredPlan s1 = plan.candidates().get(1);
        ScoredPlan d2 = plan.candidates().get(2);

        assertParts(s1, 1.0, 0.0, 1.0 / 3.0);
        assertParts(d1, 0.0, 0.5, 0.5 / 3.0);
        assertParts(d2, 0.25, 1.0, 1.25 / 3.0);
    }

    @Test
    void theCostOnlyBaselineIsTheDcAndItsCostAndCarbonAreReported() {
        assertThat(plan.costOnlyBaseline().nodeIds()).containsExactly("D1");
        assertThat(plan.baselineCo2eKg()).isCloseTo(0.260, closeTo(0.260));
        assertThat(plan.baselineCost()).isCloseTo(6.20, closeTo(6.20));
        assertThat(plan.co2eAvoidedKg()).isZero();
    }

    @Test
    void otherPreferencesWeighTheSamePartsDifferently() {
        // CHEAPEST (0.7, 0.15, 0.15): S1 0.7; D1 0.15 x 0.5 = 0.075; D2 0.175 + 0.15 = 0.325
        RoutingPlan cheapest = replan(RoutingPreference.CHEAPEST);
        // GREENEST (0.15, 0.15, 0.7): S1 0.15; D1 0.35; D2 0.0375 + 0.7 = 0.7375
        RoutingPlan greenest = replan(RoutingPreference.GREENEST);
        // FASTEST (0.15, 0.7, 0.15): no speed spread, so S1 0.15; D1 0.075; D2 0.1875
        RoutingPlan fastest = replan(RoutingPreference.FASTEST);

        assertThat(cheapest.chosen().nodeIds()).containsExactly("D1");
        assertThat(cheapest.chosen().totalScore()).isCloseTo(0.075, closeTo(0.075));
        assertThat(greenest.chosen().nodeIds()).containsExactly("S1");
        assertThat(greenest.chosen().totalScore()).isCloseTo(0.15, closeTo(0.15));
        assertThat(greenest.candidates().get(1).totalScore()).isCloseTo(0.35, closeTo(0.35));
        assertThat(greenest.co2eAvoidedKg()).isCloseTo(0.048, closeTo(0.048));
        assertThat(fastest.chosen().nodeIds()).containsExactly("D1");
        assertThat(fastest.candidates())
                .extracting(ScoredPlan::totalScore)
                .satisfiesExactly(
                        d1 -> assertThat(d1).isCloseTo(0.075, closeTo(0.075)),
                        s1 -> assertThat(s1).isCloseTo(0.15, closeTo(0.15)),
                        d2 -> assertThat(d2).isCloseTo(0.1875, closeTo(0.1875)));
    }

    private RoutingPlan replan(RoutingPreference preference) {
        return router().plan(
                        order(line(SKU_A, 2)).prefer(preference).build(),
                        nodes(
                                store("S1", kmNorth(50), 3.00, FulfilmentMethod.SHIP_FROM_STORE),
                                dc("D1", kmNorth(250), 1.00),
                                dc("D2", kmNorth(450), 0.30)),
                        stock().with(SKU_A, "S1", 5).with(SKU_A, "D1", 5).with(SKU_A, "D2", 5),
                        CapacityView.UNLIMITED);
    }

    private static Shipment only(ScoredPlan scored) {
        assertThat(scored.plan().shipments()).hasSize(1);
        return scored.plan().shipments().get(0);
    }

    private static void assertParts(
            ScoredPlan scored, double costPart, double carbonPart, double total) {
        assertThat(scored.isLate()).isFalse();
        assertThat(scored.hoursLate()).isZero();
        assertThat(scored.costScore()).isCloseTo(costPart, closeTo(costPart));
        assertThat(scored.speedScore()).isZero();
        assertThat(scored.carbonScore()).isCloseTo(carbonPart, closeTo(carbonPart));
        assertThat(scored.splitPenalty()).isZero();
        assertThat(scored.totalScore()).isCloseTo(total, closeTo(total));
    }
}
