package io.omnistock.domain.inventory;

import static io.omnistock.domain.inventory.LedgerEvents.DC;
import static io.omnistock.domain.inventory.LedgerEvents.STORE;
import static io.omnistock.domain.inventory.LedgerEvents.THREE_PL;
import static io.omnistock.domain.inventory.LedgerEvents.at;
import static io.omnistock.domain.inventory.LedgerEvents.cycleCount;
import static io.omnistock.domain.inventory.LedgerEvents.receipt;
import static io.omnistock.domain.inventory.LedgerEvents.sale;
import static io.omnistock.domain.inventory.StockRequests.commit;
import static io.omnistock.domain.inventory.StockRequests.copyOf;
import static io.omnistock.domain.inventory.StockRequests.probe;
import static io.omnistock.domain.inventory.StockRequests.release;
import static io.omnistock.domain.inventory.StockRequests.reserve;
import static io.omnistock.domain.inventory.StockRequests.units;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.omnistock.avro.AlertType;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.domain.inventory.SkuLedger.Outcome;
import io.omnistock.ledger.domain.NodeUnits;
import io.omnistock.ledger.domain.Reservation;
import io.omnistock.ledger.domain.StockReply;
import io.omnistock.ledger.domain.StockReply.Kind;
import io.omnistock.ledger.domain.StockRequest;
import java.util.List;
import org.assertj.core.api.AbstractListAssert;
import org.assertj.core.api.ObjectAssert;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Reservations in the SKU's ledger (docs/design.md section 4), driven through {@code handle}. */
class SkuReservationsTest {
    private static final String STORE_2 = "STORE-2";

    /** Where the newest order's units may go, best first: the 3PL (little stock), then the DC. */
    private static final List<String> STORE_3PL_DC = List.of(STORE, THREE_PL, DC);

    private final InMemoryLedger ledger = new InMemoryLedger();

    private static AbstractListAssert<?, List<? extends Tuple>, Tuple, ObjectAssert<Tuple>>
            assertUnits(List<NodeUnits> units) {
        return assertThat(units).extracting(u -> u.nodeId, u -> u.units);
    }

    private Reservation reservationOf(String orderId) {
        return ledger.state.reservations.get(orderId);
    }

    @Nested
    class Probes {
        @Test
        void aProbeAnswersTheAtpOfEachOpenNodeThatHasSome() {
            ledger.node(STORE, NodeType.STORE, NodeStatus.OPEN, 2);
            ledger.node(STORE_2, NodeType.STORE, NodeStatus.DEGRADED, 0);
            ledger.apply(receipt(STORE, 5, at(7, 0)));
            ledger.apply(receipt(DC, 10, at(7, 0)));
            ledger.apply(receipt(THREE_PL, 3, at(7, 0)));
            ledger.apply(sale(THREE_PL, 3, at(7, 30)));
            ledger.apply(receipt(STORE_2, 7, at(7, 0)));
            StockRequest probe = probe("O-1");

            assertThat(ledger.handle(probe)).isEqualTo(Outcome.APPLIED);

            StockReply reply = ledger.lastReply();
            assertThat(reply.kind).isEqualTo(Kind.PROBED);
            assertThat(reply.orderId).isEqualTo("O-1");
            assertThat(reply.requestId).isEqualTo(probe.eventId);
            assertThat(reply.knownSku).isTrue();
            // STORE 5 - 2 safety; 3PL sold out; STORE-2 not OPEN
            assertUnits(reply.units).containsExactlyInAnyOrder(tuple(STORE, 3L), tuple(DC, 10L));
        }

        @Test
        void aSkuWithNoPositionAnywhereIsUnknown() {
            ledger.handle(probe("O-1"));

            assertThat(ledger.lastReply().knownSku).isFalse();
            assertThat(ledger.lastReply().units).isEmpty();
        }

        @Test
        void aSkuWhoseStockIsAllGoneIsStillKnown() {
            ledger.apply(sale(DC, 1, at(7, 0)));

            ledger.handle(probe("O-1"));

            assertThat(ledger.lastReply().knownSku).isTrue();
            assertThat(ledger.lastReply().units).isEmpty();
        }

        @Test
        void aProbeHoldsNothingAndIsAnsweredEveryTime() {
            ledger.apply(receipt(DC, 10, at(7, 0)));
            int published = ledger.availability.size();
            StockRequest probe = probe("O-1");

            ledger.handle(probe);
            ledger.handle(copyOf(probe));

            assertThat(ledger.replies(Kind.PROBED)).hasSize(2);
            assertThat(ledger.reserved(DC)).isZero();
            assertThat(ledger.availability).hasSize(published);
            assertThat(ledger.seen).doesNotContainKey(probe.eventId);
        }
    }

    @Nested
    class Grants {
        @BeforeEach
        void tenOnHandTwoSafetyStockAtTheDc() {
            ledger.node(DC, NodeType.DC, NodeStatus.OPEN, 2);
            ledger.apply(receipt(DC, 10, at(7, 0)));
        }

        @Test
        void aGrantMayTakeExactlyTheAtp() {
            Outcome outcome = ledger.handle(reserve("O-1", at(9, 0), List.of(DC), units(DC, 8)));

            assertThat(outcome).isEqualTo(Outcome.APPLIED);
            StockReply reply = ledger.lastReply();
            assertThat(reply.kind).isEqualTo(Kind.GRANTED);
            assertUnits(reply.units).containsExactly(tuple(DC, 8L));
            assertThat(ledger.reserved(DC)).isEqualTo(ledger.onHand(DC) - 2);
            assertThat(ledger.atp(DC)).isZero();
        }

        @Test
        void oneUnitMoreThanTheAtpIsRefusedWithTheFreshAtp() {
            StockRequest tooMany = reserve("O-1", at(9, 0), List.of(DC), units(DC, 9));

            ledger.handle(tooMany);

            StockReply reply = ledger.lastReply();
            assertThat(reply.kind).isEqualTo(Kind.REFUSED);
            assertThat(reply.requestId).isEqualTo(tooMany.eventId);
            assertUnits(reply.units).containsExactly(tuple(DC, 8L));
            assertThat(ledger.reserved(DC)).isZero();
            assertThat(reservationOf("O-1")).isNull();
        }

        @Test
        void successiveGrantsNeverTakeMoreThanOnHandMinusSafetyStock() {
            ledger.handle(reserve("O-1", at(9, 0), List.of(DC), units(DC, 5)));
            ledger.handle(reserve("O-2", at(9, 1), List.of(DC), units(DC, 4)));
            ledger.handle(reserve("O-3", at(9, 2), List.of(DC), units(DC, 3)));
            ledger.handle(reserve("O-4", at(9, 3), List.of(DC), units(DC, 1)));

            assertThat(ledger.replies)
                    .extracting(r -> r.orderId, r -> r.kind)
                    .containsExactly(
                            tuple("O-1", Kind.GRANTED),
                            tuple("O-2", Kind.REFUSED),
                            tuple("O-3", Kind.GRANTED),
                            tuple("O-4", Kind.REFUSED));
            assertThat(ledger.reserved(DC)).isEqualTo(8);
            assertUnits(ledger.lastReply().units).isEmpty(); // no ATP left anywhere
        }

        @Test
        void aMultiNodeReserveWithOneNodeShortHoldsNothingAnywhere() {
            ledger.apply(receipt(STORE, 5, at(7, 0)));
            int published = ledger.availability.size();
            int networkPublished = ledger.network.size();

            ledger.handle(reserve("O-1", at(9, 0), List.of(), units(STORE, 4), units(DC, 9)));

            assertThat(ledger.lastReply().kind).isEqualTo(Kind.REFUSED);
            assertUnits(ledger.lastReply().units)
                    .containsExactlyInAnyOrder(tuple(STORE, 5L), tuple(DC, 8L));
            assertThat(ledger.reserved(STORE)).isZero();
            assertThat(ledger.reserved(DC)).isZero();
            assertThat(ledger.state.reservations).isEmpty();
            assertThat(ledger.availability).hasSize(published);
            assertThat(ledger.network).hasSize(networkPublished);
        }

        @Test
        void aMultiNodeReserveWithEnoughEverywhereHoldsEveryNode() {
            ledger.apply(receipt(STORE, 5, at(7, 0)));

            ledger.handle(reserve("O-1", at(9, 0), List.of(), units(STORE, 5), units(DC, 8)));

            assertUnits(ledger.lastReply().units)
                    .containsExactlyInAnyOrder(tuple(STORE, 5L), tuple(DC, 8L));
            assertThat(ledger.reserved(STORE)).isEqualTo(5);
            assertThat(ledger.reserved(DC)).isEqualTo(8);
        }

        @Test
        void aNodeThatIsNotOpenUnknownOrWithoutStockIsRefused() {
            ledger.node(STORE_2, NodeType.STORE, NodeStatus.DEGRADED, 0);
            ledger.apply(receipt(STORE_2, 5, at(7, 0)));

            ledger.handle(reserve("O-1", at(9, 0), List.of(), units(STORE_2, 1)));
            ledger.handle(reserve("O-2", at(9, 0), List.of(), units("NOWHERE", 1)));
            ledger.handle(reserve("O-3", at(9, 0), List.of(), units(THREE_PL, 1)));
            ledger.handle(reserve("O-4", at(9, 0), List.of(), units(DC, 0)));

            assertThat(ledger.replies).extracting(r -> r.kind).containsOnly(Kind.REFUSED);
            assertThat(ledger.state.reservations).isEmpty();
            assertThat(ledger.reserved(STORE_2)).isZero();
        }

        @Test
        void theGrantIsRepublishedWithTheNewReservedAndAtp() {
            InMemoryLedger.Published before = ledger.lastPublished(DC);

            ledger.handle(reserve("O-1", at(9, 0), List.of(DC), units(DC, 3)));

            InMemoryLedger.Published after = ledger.lastPublished(DC);
            assertThat(after.onHand()).isEqualTo(10);
            assertThat(after.reserved()).isEqualTo(3);
            assertThat(after.atp()).isEqualTo(5);
            assertThat(after.version()).isEqualTo(before.version() + 1);
            assertThat(ledger.lastNetwork().networkAtp()).isEqualTo(5);
        }

        @Test
        void aDuplicateReserveIsAppliedOnce() {
            StockRequest reserve = reserve("O-1", at(9, 0), List.of(DC), units(DC, 3));

            assertThat(ledger.handle(reserve)).isEqualTo(Outcome.APPLIED);
            assertThat(ledger.handle(copyOf(reserve))).isEqualTo(Outcome.DUPLICATE);

            assertThat(ledger.reserved(DC)).isEqualTo(3);
            assertThat(ledger.replies(Kind.GRANTED)).hasSize(1);
            assertUnits(reservationOf("O-1").held).containsExactly(tuple(DC, 3L));
        }
    }

    @Nested
    class Releases {
        @BeforeEach
        void orderOneHoldsUnitsAtTwoNodes() {
            ledger.apply(receipt(STORE, 5, at(7, 0)));
            ledger.apply(receipt(DC, 10, at(7, 0)));
            ledger.handle(reserve("O-1", at(9, 0), List.of(), units(STORE, 2), units(DC, 3)));
        }

        @Test
        void aReleaseGivesBackEveryUnitTheOrderHolds() {
            ledger.handle(release("O-1", at(10, 0)));

            assertThat(ledger.reserved(STORE)).isZero();
            assertThat(ledger.reserved(DC)).isZero();
            assertThat(ledger.atp(STORE)).isEqualTo(5);
            assertThat(ledger.atp(DC)).isEqualTo(10);
            assertThat(ledger.lastPublished(DC).reserved()).isZero();
            assertThat(ledger.lastPublished(DC).atp()).isEqualTo(10);
            assertThat(ledger.lastNetwork().networkAtp()).isEqualTo(15);
            assertThat(reservationOf("O-1")).isNull();
            assertThat(ledger.onHand(DC)).isEqualTo(10);
        }

        @Test
        void aDuplicateReleaseIsIgnored() {
            StockRequest release = release("O-1", at(10, 0));
            ledger.handle(release);
            ledger.handle(reserve("O-1", at(11, 0), List.of(), units(DC, 4)));

            assertThat(ledger.handle(copyOf(release))).isEqualTo(Outcome.DUPLICATE);

            assertThat(ledger.reserved(DC)).isEqualTo(4);
        }

        @Test
        void releasingAnOrderThatHoldsNothingChangesNothing() {
            int published = ledger.availability.size();

            ledger.handle(release("O-404", at(10, 0)));

            assertThat(ledger.reserved(DC)).isEqualTo(3);
            assertThat(ledger.availability).hasSize(published);
        }
    }

    @Nested
    class Commits {
        @BeforeEach
        void fourOfTenHeldAtTheDc() {
            ledger.apply(receipt(DC, 10, at(8, 0)));
            ledger.handle(reserve("O-1", at(9, 0), List.of(DC), units(DC, 4)));
        }

        @Test
        void aCommitDecrementsOnHandAndReserved() {
            ledger.handle(commit("O-1", at(12, 0)));

            assertThat(ledger.onHand(DC)).isEqualTo(6);
            assertThat(ledger.reserved(DC)).isZero();
            assertThat(ledger.atp(DC)).isEqualTo(6);
            assertThat(ledger.lastPublished(DC).onHand()).isEqualTo(6);
            assertThat(ledger.lastPublished(DC).reserved()).isZero();
            assertThat(reservationOf("O-1")).isNull();
        }

        @Test
        void aDuplicateCommitIsAppliedOnce() {
            StockRequest commit = commit("O-1", at(12, 0));

            ledger.handle(commit);
            assertThat(ledger.handle(copyOf(commit))).isEqualTo(Outcome.DUPLICATE);

            assertThat(ledger.onHand(DC)).isEqualTo(6);
        }

        @Test
        void aLaterCountAsOfAfterTheCommitFindsNoDiscrepancy() {
            ledger.handle(commit("O-1", at(12, 0)));

            ledger.apply(cycleCount(DC, 6, at(13, 0)));
            ledger.settleAll();

            assertThat(ledger.compared).extracting(c -> c.matched()).containsExactly(true);
            assertThat(ledger.onHand(DC)).isEqualTo(6);
        }

        @Test
        void aCountAsOfBeforeTheCommitArrivingLaterReplaysTheCommit() {
            ledger.handle(commit("O-1", at(12, 0)));

            ledger.apply(cycleCount(DC, 10, at(11, 0)));
            ledger.settleAll();

            assertThat(ledger.discrepancies).isEmpty();
            assertThat(ledger.onHand(DC)).isEqualTo(6);
        }

        @Test
        void aCommitStampedBeforeTheCountInForceIsNotDecrementedTwice() {
            ledger.apply(cycleCount(DC, 6, at(13, 0))); // counted after the parcel left

            ledger.handle(commit("O-1", at(12, 0)));

            assertThat(ledger.onHand(DC)).isEqualTo(6);
            assertThat(ledger.reserved(DC)).isZero();
        }
    }

    @Nested
    class Shortages {
        @BeforeEach
        void fourAtTheStoreOneAtThe3plTenAtTheDc() {
            ledger.apply(receipt(STORE, 4, at(7, 0)));
            ledger.apply(receipt(THREE_PL, 1, at(7, 0)));
            ledger.apply(receipt(DC, 10, at(7, 0)));
        }

        /** The newer reservation is granted first and has the smaller order id. */
        private void newerThenOlderHoldTwoEachAtTheStore(List<String> alternatives) {
            ledger.handle(reserve("O-A", at(9, 30), alternatives, units(STORE, 2)));
            ledger.handle(reserve("O-B", at(9, 0), alternatives, units(STORE, 2)));
            ledger.replies.clear();
        }

        @Test
        void aSaleLeavingReservedAboveOnHandMovesTheNewestToTheBestAlternativeWithStock() {
            newerThenOlderHoldTwoEachAtTheStore(STORE_3PL_DC);

            ledger.apply(sale(STORE, 1, at(10, 0)));

            assertThat(ledger.alerts)
                    .extracting(StockAlert::nodeId, StockAlert::type)
                    .contains(tuple(STORE, AlertType.SHORTAGE));
            // the 3PL ranks first but has 1 of the 2 units: the DC takes them
            assertThat(ledger.replies)
                    .singleElement()
                    .satisfies(
                            moved -> {
                                assertThat(moved.kind).isEqualTo(Kind.REROUTED);
                                assertThat(moved.orderId).isEqualTo("O-A");
                                assertThat(moved.fromNodeId).isEqualTo(STORE);
                                assertThat(moved.toNodeId).isEqualTo(DC);
                                assertThat(moved.movedUnits).isEqualTo(2);
                                assertUnits(moved.units).containsExactly(tuple(DC, 2L));
                            });
            assertThat(ledger.reserved(STORE)).isEqualTo(2);
            assertThat(ledger.reserved(THREE_PL)).isZero();
            assertThat(ledger.reserved(DC)).isEqualTo(2);
            assertUnits(reservationOf("O-B").held).containsExactly(tuple(STORE, 2L));
            assertThat(ledger.lastPublished(DC).reserved()).isEqualTo(2);
        }

        @Test
        void onlyAsManyReservationsMoveAsTheShortageNeeds() {
            ledger.handle(reserve("O-1", at(9, 0), STORE_3PL_DC, units(STORE, 1)));
            ledger.handle(reserve("O-2", at(9, 10), STORE_3PL_DC, units(STORE, 1)));
            ledger.handle(reserve("O-3", at(9, 20), STORE_3PL_DC, units(STORE, 1)));
            ledger.replies.clear();

            ledger.apply(sale(STORE, 2, at(10, 0))); // 2 on hand, 3 reserved

            // O-3 goes to the 3PL (1 unit is enough); O-1 and O-2 fit on-hand again
            assertThat(ledger.replies)
                    .extracting(r -> r.orderId, r -> r.toNodeId)
                    .containsExactly(tuple("O-3", THREE_PL));
            assertThat(ledger.reserved(STORE)).isEqualTo(2);
            assertThat(ledger.reserved(THREE_PL)).isEqualTo(1);
        }

        @Test
        void withNoAlternativeInStockTheNewestIsBackordered() {
            newerThenOlderHoldTwoEachAtTheStore(List.of(STORE, THREE_PL));

            ledger.apply(sale(STORE, 1, at(10, 0)));

            StockReply moved = ledger.lastReply(Kind.REROUTED);
            assertThat(moved.orderId).isEqualTo("O-A");
            assertThat(moved.toNodeId).isNull();
            assertThat(moved.movedUnits).isEqualTo(2);
            assertThat(moved.units).isEmpty();
            assertThat(reservationOf("O-A")).isNull();
            assertThat(ledger.reserved(STORE)).isEqualTo(2);
            assertThat(ledger.reserved(THREE_PL)).isZero();
        }

        @Test
        void anAlternativeThatIsNotOpenIsSkipped() {
            ledger.node(STORE_2, NodeType.STORE, NodeStatus.DEGRADED, 0);
            ledger.apply(receipt(STORE_2, 50, at(7, 0)));
            newerThenOlderHoldTwoEachAtTheStore(List.of(STORE, STORE_2, DC));

            ledger.apply(sale(STORE, 1, at(10, 0)));

            assertThat(ledger.lastReply(Kind.REROUTED).toNodeId).isEqualTo(DC);
            assertThat(ledger.reserved(STORE_2)).isZero();
        }

        @Test
        void aNegativeCountMovesNewestFirstUntilReservedFitsOnHand() {
            newerThenOlderHoldTwoEachAtTheStore(STORE_3PL_DC);

            ledger.apply(cycleCount(STORE, 1, at(10, 0)));

            assertThat(ledger.replies(Kind.REROUTED))
                    .extracting(r -> r.orderId, r -> r.toNodeId)
                    .containsExactly(tuple("O-A", DC), tuple("O-B", DC));
            assertThat(ledger.reserved(STORE)).isZero();
            assertThat(ledger.reserved(DC)).isEqualTo(4);
            assertThat(ledger.recomputedNetworkAtp())
                    .isEqualTo(ledger.lastNetwork().networkAtp())
                    .isEqualTo(1 + 1 + 6);
        }

        @Test
        void noShortageWhileReservedStillFitsOnHand() {
            newerThenOlderHoldTwoEachAtTheStore(STORE_3PL_DC);
            ledger.apply(receipt(STORE, 1, at(9, 45)));

            ledger.apply(sale(STORE, 1, at(10, 0))); // 4 on hand, 4 reserved

            assertThat(ledger.replies).isEmpty();
            assertThat(ledger.alerts)
                    .extracting(StockAlert::type)
                    .doesNotContain(AlertType.SHORTAGE);
        }
    }

    @Nested
    class ClosedNodes {
        @BeforeEach
        void twoOrdersHoldAtTheStore() {
            ledger.apply(receipt(STORE, 4, at(7, 0)));
            ledger.apply(receipt(DC, 10, at(7, 0)));
            ledger.handle(reserve("O-A", at(9, 30), List.of(STORE, DC), units(STORE, 2)));
            ledger.handle(reserve("O-B", at(9, 0), List.of(DC, STORE), units(STORE, 2)));
            ledger.replies.clear();
        }

        @Test
        void closingANodeMovesAllItsReservationsNewestFirst() {
            ledger.changeNode(STORE, NodeType.STORE, NodeStatus.CLOSED, 0);

            assertThat(ledger.replies)
                    .extracting(r -> r.kind, r -> r.orderId, r -> r.fromNodeId, r -> r.toNodeId)
                    .containsExactly(
                            tuple(Kind.REROUTED, "O-A", STORE, DC),
                            tuple(Kind.REROUTED, "O-B", STORE, DC));
            assertThat(ledger.reserved(STORE)).isZero();
            assertThat(ledger.reserved(DC)).isEqualTo(4);
            assertThat(ledger.lastNetwork().networkAtp()).isEqualTo(6);
            assertThat(ledger.lastNetwork().openNodes()).isEqualTo(1);
        }

        @Test
        void whatNoAlternativeCanTakeIsBackordered() {
            ledger.apply(sale(DC, 7, at(9, 40))); // the DC can take one order of 2, not both

            ledger.changeNode(STORE, NodeType.STORE, NodeStatus.CLOSED, 0);

            assertThat(ledger.replies)
                    .extracting(r -> r.orderId, r -> r.toNodeId)
                    .containsExactly(tuple("O-A", DC), tuple("O-B", null));
            assertThat(ledger.reserved(DC)).isEqualTo(2);
            assertThat(ledger.state.reservations).containsOnlyKeys("O-A");
        }
    }

    @Nested
    class NetworkAtp {
        private void assertConsistent() {
            long recomputed = ledger.recomputedNetworkAtp();
            assertThat(ledger.lastNetwork().networkAtp()).isEqualTo(recomputed);
            assertThat(ledger.state.totals().networkAtp).isEqualTo(recomputed);
        }

        @Test
        void networkAtpAlwaysEqualsTheSumOverOpenNodes() {
            ledger.node(DC, NodeType.DC, NodeStatus.OPEN, 3);
            ledger.apply(receipt(STORE, 6, at(7, 0)));
            ledger.apply(receipt(DC, 12, at(7, 0)));
            ledger.apply(receipt(THREE_PL, 2, at(7, 0)));
            assertConsistent();

            ledger.handle(reserve("O-1", at(9, 0), STORE_3PL_DC, units(STORE, 4)));
            assertConsistent();
            ledger.handle(reserve("O-2", at(9, 5), List.of(DC), units(STORE, 2), units(DC, 9)));
            assertConsistent();
            ledger.handle(reserve("O-3", at(9, 6), List.of(DC), units(DC, 1))); // refused
            assertConsistent();
            ledger.apply(sale(STORE, 3, at(10, 0))); // shortage: nowhere to go, both backordered
            assertConsistent();
            ledger.handle(release("O-1", at(10, 30)));
            assertConsistent();
            ledger.handle(commit("O-2", at(11, 0)));
            assertConsistent();
            ledger.changeNode(THREE_PL, NodeType.THREE_PL, NodeStatus.CLOSED, 0);
            assertConsistent();
            ledger.apply(cycleCount(DC, 2, at(12, 0)));
            assertConsistent();

            assertThat(ledger.state.reservations).isEmpty();
            assertThat(ledger.reserved(STORE)).isZero();
            assertThat(ledger.reserved(DC)).isZero();
        }
    }
}
