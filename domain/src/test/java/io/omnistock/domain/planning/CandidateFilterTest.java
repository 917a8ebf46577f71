package io.omnistock.domain.planning;

import static io.omnistock.avro.FulfilmentMethod.BOPIS;
import static io.omnistock.avro.FulfilmentMethod.CURBSIDE;
import static io.omnistock.avro.FulfilmentMethod.SAME_DAY;
import static io.omnistock.avro.FulfilmentMethod.SHIP_FROM_STORE;
import static io.omnistock.avro.FulfilmentMethod.SHIP_TO_HOME;
import static io.omnistock.domain.planning.RoutingFixtures.SKU_A;
import static io.omnistock.domain.planning.RoutingFixtures.dc;
import static io.omnistock.domain.planning.RoutingFixtures.fullAt;
import static io.omnistock.domain.planning.RoutingFixtures.kmNorth;
import static io.omnistock.domain.planning.RoutingFixtures.line;
import static io.omnistock.domain.planning.RoutingFixtures.nodes;
import static io.omnistock.domain.planning.RoutingFixtures.order;
import static io.omnistock.domain.planning.RoutingFixtures.store;
import static io.omnistock.domain.planning.RoutingFixtures.withStatus;
import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.NodeStatus;
import io.omnistock.ledger.domain.NodeInfo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CandidateFilterTest {
    private final CandidateFilter filter = new CandidateFilter(RoutingPolicy.defaults());

    private Eligibility check(Order order, NodeInfo node) {
        return filter.check(order, node, CapacityView.UNLIMITED);
    }

    @Nested
    class Pickup {
        private final Order bopisAtS1 = order(line(SKU_A, 1)).pickup(BOPIS, "S1").build();

        @Test
        void bopisOnlyAtThePickupStoreAndOnlyIfItOffersBopis() {
            NodeInfo pickupStore = store("S1", kmNorth(5), 2.0, BOPIS);
            NodeInfo otherBopisStore = store("S2", kmNorth(1), 2.0, BOPIS);
            NodeInfo pickupStoreWithoutBopis = store("S1", kmNorth(5), 2.0, SHIP_FROM_STORE);

            assertThat(check(bopisAtS1, pickupStore)).isEqualTo(Eligibility.ELIGIBLE);
            assertThat(check(bopisAtS1, otherBopisStore))
                    .isEqualTo(Eligibility.NOT_THE_PICKUP_NODE);
            assertThat(check(bopisAtS1, pickupStoreWithoutBopis))
                    .isEqualTo(Eligibility.METHOD_NOT_OFFERED);
        }

        @Test
        void curbsideOnlyAtThePickupStoreAndOnlyIfItOffersCurbside() {
            Order curbsideAtS1 = order(line(SKU_A, 1)).pickup(CURBSIDE, "S1").build();

            assertThat(check(curbsideAtS1, store("S1", kmNorth(5), 2.0, CURBSIDE)))
                    .isEqualTo(Eligibility.ELIGIBLE);
            assertThat(check(curbsideAtS1, store("S1", kmNorth(5), 2.0, BOPIS)))
                    .isEqualTo(Eligibility.METHOD_NOT_OFFERED);
            assertThat(check(curbsideAtS1, store("S2", kmNorth(5), 2.0, CURBSIDE)))
                    .isEqualTo(Eligibility.NOT_THE_PICKUP_NODE);
        }
    }

    @Nested
    class SameDay {
        private final Order sameDay = order(line(SKU_A, 1)).sameDay().build();

        @Test
        void aNodeOfferingSameDayWithinTheRadiusIsEligible() {
            assertThat(check(sameDay, store("S1", kmNorth(29), 2.0, SAME_DAY)))
                    .isEqualTo(Eligibility.ELIGIBLE);
        }

        @Test
        void aNodeBeyondTheRadiusIsNot() {
            assertThat(check(sameDay, store("S1", kmNorth(31), 2.0, SAME_DAY)))
                    .isEqualTo(Eligibility.OUTSIDE_SAME_DAY_RADIUS);
        }

        @Test
        void theRadiusIsAPolicySetting() {
            CandidateFilter wide =
                    new CandidateFilter(RoutingPolicy.defaults().withSameDayRadiusKm(50));

            assertThat(
                            wide.check(
                                    sameDay,
                                    store("S1", kmNorth(31), 2.0, SAME_DAY),
                                    CapacityView.UNLIMITED))
                    .isEqualTo(Eligibility.ELIGIBLE);
        }

        @Test
        void aNearNodeNotOfferingSameDayIsNot() {
            assertThat(check(sameDay, store("S1", kmNorth(1), 2.0, SHIP_FROM_STORE, BOPIS)))
                    .isEqualTo(Eligibility.METHOD_NOT_OFFERED);
        }
    }

    @Nested
    class ShipToHome {
        private final Order storesAllowed = order(line(SKU_A, 1)).build();
        private final Order storesNotAllowed = order(line(SKU_A, 1)).noShipFromStore().build();

        @Test
        void aDcShipsToHomeEitherWay() {
            NodeInfo dc = dc("D1", kmNorth(300), 1.0);

            assertThat(check(storesAllowed, dc)).isEqualTo(Eligibility.ELIGIBLE);
            assertThat(check(storesNotAllowed, dc)).isEqualTo(Eligibility.ELIGIBLE);
        }

        @Test
        void aStoreShipsOnlyWhenTheOrderAllowsItAndTheStoreOffersShipFromStore() {
            NodeInfo shipsFromStore = store("S1", kmNorth(10), 2.0, SHIP_FROM_STORE);
            NodeInfo pickupOnly = store("S2", kmNorth(10), 2.0, BOPIS, CURBSIDE);

            assertThat(check(storesAllowed, shipsFromStore)).isEqualTo(Eligibility.ELIGIBLE);
            assertThat(check(storesNotAllowed, shipsFromStore))
                    .isEqualTo(Eligibility.SHIP_FROM_STORE_NOT_ALLOWED);
            assertThat(check(storesAllowed, pickupOnly)).isEqualTo(Eligibility.METHOD_NOT_OFFERED);
        }

        @Test
        void aStoreOfferingShipToHomeItselfIsEligibleWithoutShipFromStore() {
            assertThat(check(storesNotAllowed, store("S1", kmNorth(10), 2.0, SHIP_TO_HOME)))
                    .isEqualTo(Eligibility.ELIGIBLE);
        }
    }

    @Nested
    class StatusAndCapacity {
        private final Order order = order(line(SKU_A, 1)).build();

        @Test
        void closedAndDegradedNodesAreExcluded() {
            assertThat(check(order, withStatus(dc("D1", kmNorth(100), 1.0), NodeStatus.CLOSED)))
                    .isEqualTo(Eligibility.NOT_OPEN);
            assertThat(check(order, withStatus(dc("D1", kmNorth(100), 1.0), NodeStatus.DEGRADED)))
                    .isEqualTo(Eligibility.NOT_OPEN);
        }

        @Test
        void aNodeAtCapacityIsExcluded() {
            assertThat(filter.check(order, dc("D1", kmNorth(100), 1.0), fullAt("D1")))
                    .isEqualTo(Eligibility.AT_CAPACITY);
            assertThat(filter.check(order, dc("D2", kmNorth(100), 1.0), fullAt("D1")))
                    .isEqualTo(Eligibility.ELIGIBLE);
        }

        @Test
        void capacityIsOnlyAskedOfNodesThatPassTheOtherRules() {
            List<String> asked = new ArrayList<>();
            CapacityView recording =
                    node -> {
                        asked.add(node.nodeId);
                        return true;
                    };

            filter.eligible(
                    order,
                    nodes(
                            withStatus(dc("D1", kmNorth(100), 1.0), NodeStatus.CLOSED),
                            store("S1", kmNorth(5), 2.0, BOPIS),
                            dc("D2", kmNorth(100), 1.0)),
                    recording);

            assertThat(asked).containsExactly("D2");
        }
    }

    @Nested
    class NodeGroup {
        private final NodeInfo brandStore =
                store("S1", kmNorth(5), 2.0, SHIP_FROM_STORE).inGroups(List.of("BRAND-A", "EAST"));
        private final NodeInfo otherDc = dc("D1", kmNorth(100), 1.0).inGroups(List.of("BRAND-B"));
        private final NodeInfo ungrouped = dc("D2", kmNorth(100), 1.0);

        @Test
        void anOrderNamingAGroupKeepsOnlyItsNodes() {
            Order brandA = order(line(SKU_A, 1)).inGroup("BRAND-A").build();

            assertThat(check(brandA, brandStore)).isEqualTo(Eligibility.ELIGIBLE);
            assertThat(check(brandA, otherDc)).isEqualTo(Eligibility.NOT_IN_GROUP);
            assertThat(check(brandA, ungrouped)).isEqualTo(Eligibility.NOT_IN_GROUP);
            assertThat(
                            filter.eligible(
                                    brandA,
                                    nodes(otherDc, ungrouped, brandStore),
                                    CapacityView.UNLIMITED))
                    .extracting(node -> node.nodeId)
                    .containsExactly("S1");
        }

        @Test
        void anOrderWithoutAGroupOrWithABlankOneMayUseAnyNode() {
            Order any = order(line(SKU_A, 1)).build();
            Order blank = order(line(SKU_A, 1)).inGroup(" ").build();

            assertThat(blank.nodeGroup()).isNull();
            for (Order order : List.of(any, blank)) {
                assertThat(
                                filter.eligible(
                                        order,
                                        nodes(otherDc, ungrouped, brandStore),
                                        CapacityView.UNLIMITED))
                        .extracting(node -> node.nodeId)
                        .containsExactly("D1", "D2", "S1");
            }
        }

        @Test
        void groupNamesAreCaseSensitive() {
            assertThat(check(order(line(SKU_A, 1)).inGroup("brand-a").build(), brandStore))
                    .isEqualTo(Eligibility.NOT_IN_GROUP);
        }

        @Test
        void theGroupIsAskedAfterTheStatusAndBeforeTheMethodAndCapacity() {
            Order brandB = order(line(SKU_A, 1)).inGroup("BRAND-B").noShipFromStore().build();

            NodeInfo closedBrandStore =
                    withStatus(
                            store("S2", kmNorth(5), 2.0, SHIP_FROM_STORE)
                                    .inGroups(List.of("BRAND-A")),
                            NodeStatus.CLOSED);

            assertThat(check(brandB, closedBrandStore)).isEqualTo(Eligibility.NOT_OPEN);
            assertThat(check(brandB, brandStore)).isEqualTo(Eligibility.NOT_IN_GROUP);
            assertThat(filter.check(brandB, otherDc, fullAt("D1")))
                    .isEqualTo(Eligibility.AT_CAPACITY);
        }

        @Test
        void aPickupAtAStoreOutsideTheGroupFindsNoNode() {
            Order pickup = order(line(SKU_A, 1)).pickup(BOPIS, "S9").inGroup("BRAND-A").build();

            assertThat(check(pickup, store("S9", kmNorth(5), 2.0, BOPIS)))
                    .isEqualTo(Eligibility.NOT_IN_GROUP);
        }
    }

    @Test
    void eligibleNodesComeSortedByIdWhateverTheInputOrder() {
        Order order = order(line(SKU_A, 1)).build();

        List<NodeInfo> eligible =
                filter.eligible(
                        order,
                        nodes(
                                dc("D3", kmNorth(100), 1.0),
                                withStatus(dc("D0", kmNorth(100), 1.0), NodeStatus.CLOSED),
                                store("S1", kmNorth(5), 2.0, SHIP_FROM_STORE),
                                dc("D1", kmNorth(100), 1.0)),
                        fullAt("D3"));

        assertThat(eligible).extracting(node -> node.nodeId).containsExactly("D1", "S1");
    }
}
