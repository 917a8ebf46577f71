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
import io.omnistock.ledger.domain.NodeInfo;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Speed is judged against the promise (docs/design.md section 4): a plan that keeps the promise
 * ranks before one that misses it, arriving earlier than promised earns nothing, and among late
 * plans the speed part is how late. Hand-computed with the test carbon table (TRUCK_LTL 0.1 kg/t-km
 * x 1.2, AIR 1.0 kg/t-km x 1.1, 0.2 kg per parcel) and the default policy; every order is SKU-A x 2
 * (2 kg), shipped home.
 *
 * <pre>
 * S1 STORE  50 km, handling 3.00: ground 60 km,  ETA 2 + 12 + 1 = 15 h,  cost 3.00 + 4.00 + 0.24 = 7.24,
 *                                 CO2e 60 x 0.002 x 0.1 + 0.2 = 0.212
 * D2 DC    300 km, handling 1.00: ground 360 km, ETA 4 + 12 + 6 = 22 h,  cost 1.00 + 4.00 + 1.44 = 6.44,
 *                                 CO2e 360 x 0.0002 + 0.2 = 0.272
 * D1 DC    600 km, handling 1.00: ground 720 km, ETA 4 + 12 + 12 = 28 h, cost 1.00 + 4.00 + 2.88 = 7.88,
 *                                 CO2e 720 x 0.0002 + 0.2 = 0.344;
 *                     or by air   660 km, ETA 4 + 8 + 1.1 = 13.1 h,      cost 1.00 + 9.00 + 7.92 = 17.92,
 *                                 CO2e 660 x 0.002 x 1.0 + 0.2 = 1.52
 *                     (air only when ground would miss the promise: 600 km >= 500 km)
 * </pre>
 */
class PromiseFirstScoringTest {
    private static final NodeInfo S1 =
            store("S1", kmNorth(50), 3.00, FulfilmentMethod.SHIP_FROM_STORE);
    private static final NodeInfo D1 = dc("D1", kmNorth(600), 1.00);
    private static final NodeInfo D2 = dc("D2", kmNorth(300), 1.00);

    private static RoutingPlan route(
            double promiseHours, RoutingPreference preference, NodeInfo... candidates) {
        RoutingFixtures.Stock stock = stock();
        for (NodeInfo node : candidates) {
            stock.with(SKU_A, node.nodeId, 5);
        }
        return router().plan(
                        order(line(SKU_A, 2))
                                .promisedWithinHours(promiseHours)
                                .prefer(preference)
                                .build(),
                        nodes(candidates),
                        stock,
                        CapacityView.UNLIMITED);
    }

    private static ScoredPlan candidate(RoutingPlan plan, String nodeId) {
        return plan.candidates().stream()
                .filter(c -> c.nodeIds().equals(List.of(nodeId)))
                .findFirst()
                .orElseThrow();
    }

    /**
     * Promised in 24 h: S1 by ground (15 h) and D1 by air (13.1 h) both keep it, so both are 0 h
     * late and speed does not tell them apart. Cost parts S1 0, D1 1; carbon parts S1 0, D1 1.
     * BALANCED: S1 0, D1 2/3; FASTEST: S1 0, D1 0.15 + 0.15 = 0.3; GREENEST: S1 0, D1 0.85. Scored
     * on raw hours (as before), FASTEST gave S1 a speed part of 1 (15 h against 13.1 h), so S1 0.7
     * against D1 0.3, and flew the parcel 600 km.
     */
    @Nested
    class OnTimeLocalGroundBeatsFarAir {
        @Test
        void underEveryPreference() {
            for (RoutingPreference preference : RoutingPreference.values()) {
                RoutingPlan plan = route(24, preference, S1, D1);

                assertThat(plan.chosen().nodeIds()).as("%s", preference).containsExactly("S1");
                assertThat(plan.chosen().plan().shipments().get(0).mode())
                        .isEqualTo(TransportMode.PARCEL_GROUND);
            }
        }

        @Test
        void speedScoresNothingForArrivingEarlierThanPromised() {
            RoutingPlan fastest = route(24, RoutingPreference.FASTEST, S1, D1);
            ScoredPlan s1 = candidate(fastest, "S1");
            ScoredPlan d1 = candidate(fastest, "D1");

            assertThat(d1.plan().shipments().get(0).mode()).isEqualTo(TransportMode.PARCEL_AIR);
            assertThat(d1.latestEta()).isEqualTo(hoursAfterOrder(13.1));
            assertThat(s1.latestEta()).isEqualTo(hoursAfterOrder(15));
            assertThat(List.of(s1.hoursLate(), d1.hoursLate(), s1.speedScore(), d1.speedScore()))
                    .containsOnly(0.0);
            assertThat(s1.totalScore()).isZero();
            assertThat(d1.totalScore()).isCloseTo(0.3, closeTo(0.3));
            assertThat(d1.cost()).isCloseTo(17.92, closeTo(17.92));
            assertThat(d1.co2eKg()).isCloseTo(1.52, closeTo(1.52));
        }

        @Test
        void balancedScoresTheAirPlanTwoThirds() {
            RoutingPlan balanced = route(24, RoutingPreference.BALANCED, S1, D1);

            assertThat(candidate(balanced, "D1").totalScore())
                    .isCloseTo(2.0 / 3.0, closeTo(2.0 / 3.0));
            assertThat(balanced.costOnlyBaseline().nodeIds()).containsExactly("S1");
            assertThat(balanced.co2eAvoidedKg()).isZero();
        }
    }

    /**
     * Promised in 20 h: D2's ground (22 h) is 2 h late and under the air distance, so it stays on
     * the ground; D1's ground (28 h) would miss it too, so D1 flies (13.1 h, on time). Speed parts
     * D1 0, D2 1; cost parts D1 1, D2 0; carbon parts D1 1, D2 0. GREENEST totals D1 0.15 + 0.7 =
     * 0.85 and D2 0.15, BALANCED D1 2/3 and D2 1/3: D2 scores better, but only D1 keeps the
     * promise, so D1 ranks first. Promised in 48 h, D1's ground (28 h) keeps it and nothing flies.
     */
    @Nested
    class AirOnlyWhenGroundWouldMissThePromise {
        @Test
        void theOnlyPlanThatKeepsThePromiseWinsWhateverItsScore() {
            for (RoutingPreference preference : RoutingPreference.values()) {
                RoutingPlan plan = route(20, preference, D1, D2);

                assertThat(plan.chosen().nodeIds()).as("%s", preference).containsExactly("D1");
                assertThat(plan.chosen().isLate()).isFalse();
                assertThat(plan.candidates().get(1).nodeIds()).containsExactly("D2");
                assertThat(plan.candidates().get(1).hoursLate()).isCloseTo(2.0, closeTo(2.0));
            }
            RoutingPlan greenest = route(20, RoutingPreference.GREENEST, D1, D2);
            assertThat(candidate(greenest, "D1").totalScore()).isCloseTo(0.85, closeTo(0.85));
            assertThat(candidate(greenest, "D2").totalScore()).isCloseTo(0.15, closeTo(0.15));
            assertThat(candidate(greenest, "D2").speedScore()).isEqualTo(1.0);
        }

        @Test
        void theCostOnlyBaselineKeepsThePromiseToo() {
            RoutingPlan plan = route(20, RoutingPreference.BALANCED, D1, D2);

            // the cheapest plan (D2, 6.44) is late; the cheapest that keeps the promise is D1
            assertThat(plan.costOnlyBaseline().nodeIds()).containsExactly("D1");
            assertThat(plan.baselineCost()).isCloseTo(17.92, closeTo(17.92));
            assertThat(plan.baselineCo2eKg()).isCloseTo(1.52, closeTo(1.52));
            assertThat(plan.co2eAvoidedKg()).isZero();
        }

        @Test
        void withTimeForTheGroundNothingFlies() {
            RoutingPlan plan = route(48, RoutingPreference.FASTEST, D1, D2);

            assertThat(plan.candidates())
                    .flatExtracting(c -> c.plan().shipments())
                    .extracting(Shipment::mode)
                    .containsOnly(TransportMode.PARCEL_GROUND);
            // both on time: FASTEST weighs cost and carbon only; D2 is cheaper and greener
            assertThat(plan.chosen().nodeIds()).containsExactly("D2");
            assertThat(candidate(plan, "D1").cost()).isCloseTo(7.88, closeTo(7.88));
        }
    }

    /**
     * Promised in 10 h, nothing keeps it: S1 (ground, 15 h) is 5 h late, D1 (air, 13.1 h) 3.1 h.
     * Speed parts D1 0, S1 1; cost and carbon parts S1 0, D1 1. FASTEST: D1 0.3, S1 0.7, so the
     * least late, by air; GREENEST: D1 0.85, S1 0.15 and BALANCED: D1 2/3, S1 1/3, so the store by
     * ground. The cost-only baseline is the cheapest late plan, S1.
     */
    @Nested
    class WhenEveryPlanIsLateThePreferenceTradesHowLate {
        @Test
        void fastestTakesTheLeastLate() {
            RoutingPlan plan = route(10, RoutingPreference.FASTEST, S1, D1);

            assertThat(plan.chosen().nodeIds()).containsExactly("D1");
            assertThat(plan.chosen().hoursLate()).isCloseTo(3.1, closeTo(3.1));
            assertThat(plan.chosen().totalScore()).isCloseTo(0.3, closeTo(0.3));
            assertThat(candidate(plan, "S1").hoursLate()).isCloseTo(5.0, closeTo(5.0));
            assertThat(candidate(plan, "S1").totalScore()).isCloseTo(0.7, closeTo(0.7));
            assertThat(plan.costOnlyBaseline().nodeIds()).containsExactly("S1");
            assertThat(plan.co2eAvoidedKg()).isCloseTo(0.212 - 1.52, closeTo(1.308));
        }

        @Test
        void greenestAndBalancedTakeTheGroundShipment() {
            RoutingPlan greenest = route(10, RoutingPreference.GREENEST, S1, D1);
            RoutingPlan balanced = route(10, RoutingPreference.BALANCED, S1, D1);

            assertThat(greenest.chosen().nodeIds()).containsExactly("S1");
            assertThat(greenest.chosen().totalScore()).isCloseTo(0.15, closeTo(0.15));
            assertThat(balanced.chosen().nodeIds()).containsExactly("S1");
            assertThat(balanced.chosen().totalScore()).isCloseTo(1.0 / 3.0, closeTo(1.0 / 3.0));
            assertThat(candidate(balanced, "D1").totalScore())
                    .isCloseTo(2.0 / 3.0, closeTo(2.0 / 3.0));
        }
    }

    @Test
    void alternativeNodesThatKeepThePromiseComeFirst() {
        // promised in 20 h: D1 (air, on time) before D2 (2 h late), though D2 is cheaper and
        // greener
        RoutingPlan plan = route(20, RoutingPreference.GREENEST, D1, D2);

        assertThat(plan.alternativesFor(SKU_A)).containsExactly("D1", "D2");
    }
}
