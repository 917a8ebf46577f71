package io.omnistock.domain.planning;

import static io.omnistock.avro.FulfilmentMethod.SHIP_FROM_STORE;
import static io.omnistock.avro.FulfilmentMethod.SHIP_TO_HOME;
import static io.omnistock.domain.planning.RoutingFixtures.SKU_A;
import static io.omnistock.domain.planning.RoutingFixtures.SKU_B;
import static io.omnistock.domain.planning.RoutingFixtures.closeTo;
import static io.omnistock.domain.planning.RoutingFixtures.darkStore;
import static io.omnistock.domain.planning.RoutingFixtures.dc;
import static io.omnistock.domain.planning.RoutingFixtures.hoursAfterOrder;
import static io.omnistock.domain.planning.RoutingFixtures.kmNorth;
import static io.omnistock.domain.planning.RoutingFixtures.line;
import static io.omnistock.domain.planning.RoutingFixtures.nodes;
import static io.omnistock.domain.planning.RoutingFixtures.order;
import static io.omnistock.domain.planning.RoutingFixtures.router;
import static io.omnistock.domain.planning.RoutingFixtures.stock;
import static io.omnistock.domain.planning.RoutingFixtures.store;
import static io.omnistock.domain.planning.RoutingFixtures.withStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.RoutingPreference;
import io.omnistock.ledger.domain.NodeInfo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RouterTest {

    /** 50 km away, dear handling: fast and green. */
    private static NodeInfo nearStore() {
        return store("S1", kmNorth(50), 3.00, SHIP_FROM_STORE);
    }

    /** 450 km away, cheap handling: the cheapest shipment, slow and less green. */
    private static NodeInfo farDc() {
        return dc("D2", kmNorth(450), 0.30);
    }

    private static RoutingPlan route(Order order, List<NodeInfo> nodes, StockView stock) {
        return router().plan(order, nodes, stock, CapacityView.UNLIMITED);
    }

    @Test
    void planningWithoutAlternativesChoosesTheSamePlanFromTheSameCandidates() {
        Order order = order(line(SKU_A, 2)).build();
        List<NodeInfo> network = nodes(nearStore(), farDc());
        StockView stocked = stock().with(SKU_A, "S1", 2).with(SKU_A, "D2", 2);

        RoutingPlan full = router().plan(order, network, stocked, CapacityView.UNLIMITED, 3);
        RoutingPlan lean =
                router().planWithoutAlternatives(
                                order, network, stocked, CapacityView.UNLIMITED, 3);

        assertThat(lean.chosen()).isEqualTo(full.chosen());
        assertThat(lean.candidates()).isEqualTo(full.candidates());
        assertThat(lean.costOnlyBaseline()).isEqualTo(full.costOnlyBaseline());
        assertThat(full.alternativesFor(SKU_A)).containsExactly("S1", "D2");
        assertThat(lean.alternatives()).isEmpty();
    }

    @Nested
    class NodeGroups {
        // Near store S1 and far DC D2 as above, both in BRAND-A; DC D3 (100 km, the cheapest
        // handling) holds the most stock but belongs to BRAND-B only.
        private final List<NodeInfo> network =
                nodes(
                        nearStore().inGroups(List.of("BRAND-A")),
                        farDc().inGroups(List.of("BRAND-A")),
                        dc("D3", kmNorth(100), 0.10).inGroups(List.of("BRAND-B")));
        private final StockView stocked =
                stock().with(SKU_A, "S1", 2).with(SKU_A, "D2", 1).with(SKU_A, "D3", 50);

        @Test
        void anOrderNamingAGroupIsPlannedOnItsNodesOnlyWhateverStockIsOutside() {
            RoutingPlan plan =
                    route(order(line(SKU_A, 3)).inGroup("BRAND-A").build(), network, stocked);

            // 2 at S1 + 1 at D2 fill the 3 units inside BRAND-A; D3's 50 are never a candidate
            assertThat(plan.allocations())
                    .extracting(LineAllocation::nodeId, LineAllocation::quantity)
                    .containsExactlyInAnyOrder(tuple("S1", 2), tuple("D2", 1));
            assertThat(plan.backordered()).isEmpty();
            assertThat(plan.alternativesFor(SKU_A)).doesNotContain("D3");
            for (ScoredPlan candidate : plan.candidates()) {
                assertThat(candidate.nodeIds()).doesNotContain("D3");
            }
        }

        @Test
        void whatTheGroupCannotFillIsBackorderedEvenWhenANodeOutsideHasIt() {
            RoutingPlan plan =
                    route(order(line(SKU_A, 5)).inGroup("BRAND-A").build(), network, stocked);

            assertThat(plan.unitsAllocated()).isEqualTo(3);
            assertThat(plan.backordered()).containsExactly(line(SKU_A, 2));
        }

        @Test
        void theSameOrderWithoutAGroupTakesTheStockOutside() {
            RoutingPlan plan = route(order(line(SKU_A, 5)).build(), network, stocked);

            assertThat(plan.unitsAllocated()).isEqualTo(5);
            assertThat(plan.allocations()).extracting(LineAllocation::nodeId).contains("D3");
        }
    }

    @Nested
    class Preferences {
        // Near store: 60 km travel, 15 h, 7.24, 0.212 kg. Far DC: 540 km, 25 h, 6.46, 0.308 kg.
        // Both keep the 48 h promise, so both speed parts are 0. With two plans every other part
        // is 0 or 1: the store is dearest (cost 1) and greenest (carbon 0); the DC the reverse.
        private final StockView bothStocked = stock().with(SKU_A, "S1", 2).with(SKU_A, "D2", 2);

        @Test
        void greenestPicksTheNearerStoreOverTheCheaperFarDc() {
            RoutingPlan plan =
                    route(
                            order(line(SKU_A, 2)).prefer(RoutingPreference.GREENEST).build(),
                            nodes(nearStore(), farDc()),
                            bothStocked);

            // store 0.15 x 1 = 0.15; DC 0.15 x 1 + 0.7 x 1 = 0.85
            assertThat(plan.chosen().nodeIds()).containsExactly("S1");
            assertThat(plan.chosen().totalScore()).isCloseTo(0.15, closeTo(0.15));
        }

        @Test
        void greenestTakesTheDcWhenTheStoreHasNoStock() {
            RoutingPlan plan =
                    route(
                            order(line(SKU_A, 2)).prefer(RoutingPreference.GREENEST).build(),
                            nodes(nearStore(), farDc()),
                            stock().with(SKU_A, "D2", 2));

            assertThat(plan.chosen().nodeIds()).containsExactly("D2");
        }

        @Test
        void cheapestPicksTheDc() {
            RoutingPlan plan =
                    route(
                            order(line(SKU_A, 2)).prefer(RoutingPreference.CHEAPEST).build(),
                            nodes(nearStore(), farDc()),
                            bothStocked);

            // store 0.7 x 1 = 0.7; DC 0.15 x 1 = 0.15
            assertThat(plan.chosen().nodeIds()).containsExactly("D2");
            assertThat(plan.chosen().totalScore()).isCloseTo(0.15, closeTo(0.15));
        }

        @Test
        void balancedWeighsThePartsEqually() {
            RoutingPlan plan =
                    route(order(line(SKU_A, 2)).build(), nodes(nearStore(), farDc()), bothStocked);

            // store (1 + 0 + 0) / 3 = 1/3; DC (0 + 0 + 1) / 3 = 1/3: a tie, which the greener
            // plan wins
            assertThat(plan.chosen().nodeIds()).containsExactly("S1");
            assertThat(plan.candidates())
                    .extracting(ScoredPlan::totalScore)
                    .satisfiesExactly(
                            s1 -> assertThat(s1).isCloseTo(1.0 / 3, closeTo(1.0 / 3)),
                            d2 -> assertThat(d2).isCloseTo(1.0 / 3, closeTo(1.0 / 3)));
        }

        @Test
        void aTightPromiseIsKeptFromTheOnlyNodeFastEnoughWhateverThePreference() {
            // dark store 60 km: 0.5 + 12 + 72/60 = 13.7 h keeps a 14 h promise; the store 20 km
            // away (2 + 12 + 24/60 = 14.4 h) and the DC (4 + 12 + 540/60 = 25 h) miss it
            List<NodeInfo> network =
                    nodes(
                            store("S1", kmNorth(20), 3.00, SHIP_FROM_STORE),
                            darkStore("K1", kmNorth(60), 2.50, SHIP_TO_HOME),
                            farDc());
            StockView stocked =
                    stock().with(SKU_A, "S1", 1).with(SKU_A, "K1", 1).with(SKU_A, "D2", 1);

            for (RoutingPreference preference : RoutingPreference.values()) {
                RoutingPlan plan =
                        route(
                                order(line(SKU_A, 1))
                                        .promisedWithinHours(14)
                                        .prefer(preference)
                                        .build(),
                                network,
                                stocked);

                assertThat(plan.chosen().nodeIds()).as("%s", preference).containsExactly("K1");
                assertThat(plan.chosen().latestEta()).isEqualTo(hoursAfterOrder(13.7));
            }
            RoutingPlan roomy =
                    route(
                            order(line(SKU_A, 1)).prefer(RoutingPreference.CHEAPEST).build(),
                            network,
                            stocked);
            assertThat(roomy.chosen().nodeIds()).containsExactly("D2");
        }
    }

    @Nested
    class SplitLimits {
        // D1 holds 3 and D2 holds 2 of the 5 units ordered
        private final Order fiveUnits = order(line(SKU_A, 5)).build();
        private final List<NodeInfo> twoDcs =
                nodes(dc("D1", kmNorth(100), 1.00), dc("D2", kmNorth(200), 1.00));
        private final StockView split = stock().with(SKU_A, "D1", 3).with(SKU_A, "D2", 2);

        @Test
        void maxSplitOneGivesAPartialSingleNodePlanAndBackordersTheRest() {
            RoutingPlan plan =
                    router(RoutingPolicy.defaults().withMaxSplit(1))
                            .plan(fiveUnits, twoDcs, split, CapacityView.UNLIMITED);

            assertThat(plan.outcome()).isEqualTo(RoutingOutcome.PARTIALLY_ROUTED);
            assertThat(plan.chosen().nodeIds()).containsExactly("D1");
            assertThat(plan.unitsAllocated()).isEqualTo(3);
            assertThat(plan.backordered()).containsExactly(line(SKU_A, 2));
        }

        @Test
        void theMaxSplitOverloadOverridesThePolicy() {
            RoutingPlan plan = router().plan(fiveUnits, twoDcs, split, CapacityView.UNLIMITED, 1);

            assertThat(plan.chosen().nodeIds()).containsExactly("D1");
            assertThat(plan.backordered()).containsExactly(line(SKU_A, 2));
        }

        @Test
        void maxSplitTwoGivesACompleteTwoNodePlan() {
            RoutingPlan plan =
                    router(RoutingPolicy.defaults().withMaxSplit(2))
                            .plan(fiveUnits, twoDcs, split, CapacityView.UNLIMITED);

            assertThat(plan.outcome()).isEqualTo(RoutingOutcome.ROUTED);
            assertThat(plan.chosen().nodeIds()).containsExactly("D1", "D2");
            assertThat(plan.chosen().shipmentCount()).isEqualTo(2);
            assertThat(plan.chosen().splitPenalty()).isEqualTo(0.25);
            assertThat(plan.backordered()).isEmpty();
            assertThat(plan.allocations())
                    .extracting(LineAllocation::nodeId, LineAllocation::quantity)
                    .containsExactly(tuple("D1", 3), tuple("D2", 2));
        }

        @Test
        void maxSplitCapsTheNodesEvenWhenMoreWouldCoverEverything() {
            List<NodeInfo> threeDcs =
                    nodes(
                            dc("D1", kmNorth(100), 1.00),
                            dc("D2", kmNorth(200), 1.00),
                            dc("D3", kmNorth(300), 1.00));
            StockView thin = stock().with(SKU_A, "D1", 2).with(SKU_A, "D2", 2).with(SKU_A, "D3", 1);

            RoutingPlan two = router().plan(fiveUnits, threeDcs, thin, CapacityView.UNLIMITED, 2);
            RoutingPlan three = router().plan(fiveUnits, threeDcs, thin, CapacityView.UNLIMITED);

            assertThat(two.unitsAllocated()).isEqualTo(4);
            assertThat(two.chosen().shipmentCount()).isEqualTo(2);
            assertThat(two.backordered()).containsExactly(line(SKU_A, 1));
            assertThat(three.outcome()).isEqualTo(RoutingOutcome.ROUTED);
            assertThat(three.chosen().nodeIds()).containsExactly("D1", "D2", "D3");
        }

        @Test
        void oneShipmentBeatsASlightlyCheaperSplitThroughTheSplitPenalty() {
            // All three DCs 100 km away (120 km travel, 18 h, transport 4.48); cost alone counts.
            // X holds both lines, handling 5.70: 10.18. Y holds SKU-A, Z SKU-B, handling 0.50
            // each: 4.98 each, 9.96 together. Cost parts over X, Y, Z, YZ (min 4.98, max 10.18):
            // X 1, YZ 4.98 / 5.2 = 0.9577 -> without a penalty the split wins; with 0.25 per
            // extra shipment it scores 1.2077 and X wins.
            Order twoLines =
                    order(line(SKU_A, 1), line(SKU_B, 1))
                            .prefer(RoutingPreference.CHEAPEST)
                            .build();
            List<NodeInfo> network =
                    nodes(
                            dc("X", kmNorth(100), 5.70),
                            dc("Y", kmNorth(100), 0.50),
                            dc("Z", kmNorth(100), 0.50));
            StockView stocked =
                    stock().with(SKU_A, "X", 1)
                            .with(SKU_B, "X", 1)
                            .with(SKU_A, "Y", 1)
                            .with(SKU_B, "Z", 1);
            RoutingPolicy costOnly =
                    RoutingPolicy.defaults()
                            .withWeights(RoutingPreference.CHEAPEST, new ScoreWeights(1, 0, 0));

            RoutingPlan penalised =
                    router(costOnly).plan(twoLines, network, stocked, CapacityView.UNLIMITED);
            RoutingPlan unpenalised =
                    router(costOnly.withSplitPenalty(0))
                            .plan(twoLines, network, stocked, CapacityView.UNLIMITED);

            assertThat(penalised.chosen().nodeIds()).containsExactly("X");
            assertThat(penalised.chosen().cost()).isCloseTo(10.18, closeTo(10.18));
            ScoredPlan split = penalised.candidates().get(1);
            assertThat(split.nodeIds()).containsExactly("Y", "Z");
            assertThat(split.cost()).isCloseTo(9.96, closeTo(9.96));
            assertThat(split.costScore()).isCloseTo(4.98 / 5.2, closeTo(4.98 / 5.2));
            assertThat(split.totalScore()).isCloseTo(4.98 / 5.2 + 0.25, closeTo(1.2077));
            assertThat(unpenalised.chosen().nodeIds()).containsExactly("Y", "Z");
        }

        @Test
        void refusedLinesAreReplannedOnTheirOwnWithTheNodesLeft() {
            Order order = order(line(SKU_A, 1), line(SKU_B, 2)).build();
            Order refused = order.restrictedTo(List.of(line(SKU_B, 2)));

            RoutingPlan replanned =
                    router().plan(
                                    refused,
                                    twoDcs,
                                    stock().with(SKU_B, "D1", 1).with(SKU_B, "D2", 1),
                                    CapacityView.UNLIMITED,
                                    1);

            assertThat(replanned.unitsOrdered()).isEqualTo(2);
            assertThat(replanned.chosen().nodeIds()).containsExactly("D1");
            assertThat(replanned.backordered()).containsExactly(line(SKU_B, 1));
        }
    }

    @Nested
    class PartialAndBackorder {
        private final List<NodeInfo> twoDcs =
                nodes(dc("D1", kmNorth(100), 1.00), dc("D2", kmNorth(200), 1.00));

        @Test
        void shortStockRoutesWhatThereIsAndBackordersTheRest() {
            Order order = order(line(SKU_A, 4), line(SKU_B, 2)).build();

            RoutingPlan plan =
                    route(order, twoDcs, stock().with(SKU_A, "D1", 4).with(SKU_B, "D1", 1));

            assertThat(plan.outcome()).isEqualTo(RoutingOutcome.PARTIALLY_ROUTED);
            assertThat(plan.unitsOrdered()).isEqualTo(6);
            assertThat(plan.unitsAllocated()).isEqualTo(5);
            assertThat(plan.backordered()).containsExactly(line(SKU_B, 1));
            assertThat(plan.allocations())
                    .extracting(LineAllocation::sku, LineAllocation::quantity)
                    .containsExactly(tuple(SKU_A, 4), tuple(SKU_B, 1));
        }

        @Test
        void nothingAnywhereBackordersEveryLine() {
            Order order = order(line(SKU_A, 4), line(SKU_B, 2)).build();

            RoutingPlan plan = route(order, twoDcs, stock());

            assertThat(plan.outcome()).isEqualTo(RoutingOutcome.BACKORDERED);
            assertThat(plan.chosen()).isNull();
            assertThat(plan.candidates()).isEmpty();
            assertThat(plan.costOnlyBaseline()).isNull();
            assertThat(plan.baselineCo2eKg()).isNull();
            assertThat(plan.co2eAvoidedKg()).isZero();
            assertThat(plan.allocations()).isEmpty();
            assertThat(plan.unitsAllocated()).isZero();
            assertThat(plan.backordered()).containsExactly(line(SKU_A, 4), line(SKU_B, 2));
            assertThat(plan.alternativesFor(SKU_A)).containsExactly("D1", "D2");
        }

        @Test
        void noEligibleNodeBackordersEveryLine() {
            Order order = order(line(SKU_A, 1)).build();

            RoutingPlan plan =
                    route(
                            order,
                            nodes(withStatus(dc("D1", kmNorth(100), 1.00), NodeStatus.CLOSED)),
                            stock().with(SKU_A, "D1", 9));

            assertThat(plan.outcome()).isEqualTo(RoutingOutcome.BACKORDERED);
            assertThat(plan.backordered()).containsExactly(line(SKU_A, 1));
            assertThat(plan.alternativesFor(SKU_A)).isEmpty();
        }
    }

    @Nested
    class CostOnlyBaseline {

        @Test
        void greenestChoiceAndCostOnlyBaselineDifferAndTheBaselineCarbonIsReported() {
            RoutingPlan plan =
                    route(
                            order(line(SKU_A, 2)).prefer(RoutingPreference.GREENEST).build(),
                            nodes(nearStore(), farDc()),
                            stock().with(SKU_A, "S1", 2).with(SKU_A, "D2", 2));

            // chosen store: 60 km x 0.002 t x 0.1 + 0.2 = 0.212 kg;
            // baseline DC (6.46 < 7.24): 540 km x 0.002 t x 0.1 + 0.2 = 0.308 kg
            assertThat(plan.chosen().nodeIds()).containsExactly("S1");
            assertThat(plan.costOnlyBaseline().nodeIds()).containsExactly("D2");
            assertThat(plan.costOnlyBaseline().rank()).isEqualTo(2);
            assertThat(plan.baselineCo2eKg()).isCloseTo(0.308, closeTo(0.308));
            assertThat(plan.co2eAvoidedKg()).isCloseTo(0.096, closeTo(0.096));
        }

        @Test
        void theBaselineIsTheChosenPlanWhenCostAlreadyDecided() {
            RoutingPlan plan =
                    route(
                            order(line(SKU_A, 2)).prefer(RoutingPreference.CHEAPEST).build(),
                            nodes(nearStore(), farDc()),
                            stock().with(SKU_A, "S1", 2).with(SKU_A, "D2", 2));

            assertThat(plan.costOnlyBaseline()).isEqualTo(plan.chosen());
            assertThat(plan.co2eAvoidedKg()).isZero();
        }

        @Test
        void theBaselineAllocatesAsManyUnitsAsItCanBeforeLookingAtCost() {
            // the cheap DC only has 1 of 2 units: a cost-only policy still ships both from the
            // store
            RoutingPlan plan =
                    route(
                            order(line(SKU_A, 2)).prefer(RoutingPreference.GREENEST).build(),
                            nodes(nearStore(), farDc()),
                            stock().with(SKU_A, "S1", 2).with(SKU_A, "D2", 1));

            assertThat(plan.costOnlyBaseline().nodeIds()).containsExactly("S1");
        }
    }

    @Nested
    class Alternatives {

        @Test
        void eachLineRanksEveryEligibleNodeWhateverItsStockBestFirstAtMostTen() {
            // D01 .. D12 at 120, 110, .. 10 km: nearer is cheaper, faster and greener
            List<NodeInfo> network = new ArrayList<>();
            for (int i = 1; i <= 12; i++) {
                network.add(dc(String.format("D%02d", i), kmNorth((13 - i) * 10.0), 1.00));
            }
            network.add(withStatus(dc("D00", kmNorth(5), 1.00), NodeStatus.CLOSED));
            Order order = order(line(SKU_A, 1), line(SKU_B, 3)).build();

            RoutingPlan plan = route(order, network, stock().with(SKU_A, "D05", 1));

            List<String> expected =
                    List.of("D12", "D11", "D10", "D09", "D08", "D07", "D06", "D05", "D04", "D03");
            assertThat(plan.alternatives().keySet()).containsExactly(SKU_A, SKU_B);
            assertThat(plan.alternativesFor(SKU_A)).isEqualTo(expected);
            assertThat(plan.alternativesFor(SKU_B)).isEqualTo(expected);
            assertThat(plan.chosen().nodeIds()).containsExactly("D05");
        }

        @Test
        void theOrdersPreferenceDecidesTheRanking() {
            StockView none = stock();

            RoutingPlan greenest =
                    route(
                            order(line(SKU_A, 2)).prefer(RoutingPreference.GREENEST).build(),
                            nodes(nearStore(), farDc()),
                            none);
            RoutingPlan cheapest =
                    route(
                            order(line(SKU_A, 2)).prefer(RoutingPreference.CHEAPEST).build(),
                            nodes(nearStore(), farDc()),
                            none);

            assertThat(greenest.alternativesFor(SKU_A)).containsExactly("S1", "D2");
            assertThat(cheapest.alternativesFor(SKU_A)).containsExactly("D2", "S1");
        }

        @Test
        void theCountIsAPolicySetting() {
            RoutingPlan plan =
                    router(RoutingPolicy.defaults().withAlternativesReported(1))
                            .plan(
                                    order(line(SKU_A, 2)).build(),
                                    nodes(nearStore(), farDc()),
                                    stock(),
                                    CapacityView.UNLIMITED);

            assertThat(plan.alternativesFor(SKU_A)).containsExactly("S1");
        }
    }

    @Nested
    class Reporting {

        @Test
        void atMostCandidatesReportedPlansAreListedChosenFirst() {
            List<NodeInfo> network = new ArrayList<>();
            RoutingFixtures.Stock stocked = stock();
            for (int i = 1; i <= 7; i++) {
                String id = "D" + i;
                network.add(dc(id, kmNorth(i * 50.0), 1.00));
                stocked.with(SKU_A, id, 1);
            }

            RoutingPlan plan = route(order(line(SKU_A, 1)).build(), network, stocked);

            assertThat(plan.candidatesConsidered()).isEqualTo(7);
            assertThat(plan.candidates()).hasSize(5);
            assertThat(plan.candidates())
                    .extracting(ScoredPlan::rank)
                    .containsExactly(1, 2, 3, 4, 5);
            assertThat(plan.candidates().get(0)).isEqualTo(plan.chosen());
            assertThat(plan.chosen().nodeIds()).containsExactly("D1");
        }
    }

    @Nested
    class Determinism {
        private final Order order = order(line(SKU_A, 3), line(SKU_B, 2)).build();
        private final StockView stocked =
                stock().with(SKU_A, "D1", 2)
                        .with(SKU_B, "D1", 2)
                        .with(SKU_A, "D2", 3)
                        .with(SKU_A, "S1", 1)
                        .with(SKU_B, "S1", 2);

        private List<NodeInfo> network() {
            return nodes(
                    dc("D1", kmNorth(100), 1.00),
                    dc("D2", kmNorth(300), 0.50),
                    nearStore(),
                    darkStore("K1", kmNorth(30), 2.00, SHIP_TO_HOME));
        }

        @Test
        void theSameInputsGiveTheSamePlanWhateverTheNodeOrder() {
            RoutingPlan first = route(order, network(), stocked);
            List<NodeInfo> shuffled = network();
            Collections.shuffle(shuffled, new Random(7));

            assertThat(route(order, network(), stocked)).isEqualTo(first);
            assertThat(route(order, shuffled, stocked)).isEqualTo(first);
        }

        @Test
        void identicalNodesTieOnNodeId() {
            RoutingPlan plan =
                    route(
                            order(line(SKU_A, 1)).build(),
                            nodes(dc("B", kmNorth(100), 1.00), dc("A", kmNorth(100), 1.00)),
                            stock().with(SKU_A, "A", 1).with(SKU_A, "B", 1));

            assertThat(plan.chosen().nodeIds()).containsExactly("A");
            assertThat(plan.chosen().totalScore()).isZero();
            assertThat(plan.candidates().get(1).totalScore()).isZero();
        }

        @Test
        void aSerializedRouterPlansTheSame() throws Exception {
            Router router = router();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(router);
            }
            Router copy;
            try (ObjectInputStream in =
                    new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                copy = (Router) in.readObject();
            }

            assertThat(copy.plan(order, network(), stocked, CapacityView.UNLIMITED))
                    .isEqualTo(router.plan(order, network(), stocked, CapacityView.UNLIMITED));
        }
    }
}
