package io.omnistock.domain.inventory;

import static io.omnistock.domain.inventory.LedgerEvents.DC;
import static io.omnistock.domain.inventory.LedgerEvents.STORE;
import static io.omnistock.domain.inventory.LedgerEvents.THREE_PL;
import static io.omnistock.domain.inventory.LedgerEvents.adjustment;
import static io.omnistock.domain.inventory.LedgerEvents.asn;
import static io.omnistock.domain.inventory.LedgerEvents.at;
import static io.omnistock.domain.inventory.LedgerEvents.copyOf;
import static io.omnistock.domain.inventory.LedgerEvents.cycleCount;
import static io.omnistock.domain.inventory.LedgerEvents.event;
import static io.omnistock.domain.inventory.LedgerEvents.receipt;
import static io.omnistock.domain.inventory.LedgerEvents.receiptAgainst;
import static io.omnistock.domain.inventory.LedgerEvents.returned;
import static io.omnistock.domain.inventory.LedgerEvents.sale;
import static io.omnistock.domain.inventory.LedgerEvents.snapshot;
import static io.omnistock.domain.inventory.LedgerEvents.transferIn;
import static io.omnistock.domain.inventory.LedgerEvents.transferOut;
import static io.omnistock.domain.inventory.LedgerEvents.voidOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.omnistock.avro.AlertType;
import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.domain.inventory.SkuLedger.Outcome;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SkuLedgerTest {
    private final InMemoryLedger ledger = new InMemoryLedger();

    @Test
    void theWorkedCaseFromTheIssue() {
        ledger.apply(cycleCount(DC, 100, at(10, 0)));
        ledger.apply(sale(DC, 3, at(10, 5)));
        assertThat(ledger.onHand(DC)).isEqualTo(97);

        Outcome lateSale = ledger.apply(sale(DC, 2, at(9, 58)));
        assertThat(lateSale).isEqualTo(Outcome.SUPERSEDED_BY_COUNT);
        assertThat(ledger.onHand(DC)).isEqualTo(97);

        Outcome oldCount = ledger.apply(cycleCount(DC, 90, at(9, 0)));
        assertThat(oldCount).isEqualTo(Outcome.STALE_COUNT);
        assertThat(ledger.onHand(DC)).isEqualTo(97);
        ledger.settleAll();
        // In event time the 9:58 sale came before the 10:00 count: no opening balance, but a
        // count of 100 where the ledger expected -2 (the same as had the sale arrived first).
        assertThat(ledger.discrepancies)
                .extracting(CountDiscrepancy::expected, CountDiscrepancy::counted)
                .containsExactly(tuple(-2L, 100L));
        assertThat(ledger.compared).as("the stale count is no comparison").hasSize(1);
    }

    @Nested
    class Deltas {
        @Test
        void movementsAreAdditiveAndCommute() {
            List<InventoryEvent> events =
                    List.of(
                            receipt(DC, 50, at(8, 0)),
                            sale(DC, 3, at(9, 0)),
                            returned(DC, 1, at(9, 30)),
                            adjustment(DC, -4, at(10, 0)),
                            adjustment(DC, 2, at(10, 1)),
                            event(EventType.PICK, DC, 5, at(11, 0)),
                            event(EventType.SHIP, DC, 6, at(11, 1)),
                            event(EventType.DAMAGE, DC, 1, at(12, 0)));
            InMemoryLedger reversed = new InMemoryLedger();
            events.forEach(ledger::apply);
            List<InventoryEvent> backwards = new java.util.ArrayList<>(events);
            java.util.Collections.reverse(backwards);
            backwards.forEach(reversed::apply);

            assertThat(ledger.onHand(DC)).isEqualTo(50 - 3 + 1 - 4 + 2 - 5 - 6 - 1);
            assertThat(reversed.onHand(DC)).isEqualTo(ledger.onHand(DC));
        }

        @Test
        void onHandMayGoNegativeWhileAtpFloorsAtZero() {
            ledger.apply(sale(STORE, 4, at(9, 0)));

            assertThat(ledger.onHand(STORE)).isEqualTo(-4);
            assertThat(ledger.lastPublished(STORE).atp()).isZero();
        }

        @Test
        void transfersMoveStockBetweenNodesWithoutInTransit() {
            ledger.apply(receipt(DC, 20, at(8, 0)));
            ledger.apply(transferOut(DC, STORE, 5, at(9, 0)));
            ledger.apply(transferIn(STORE, DC, 5, at(15, 0)));

            assertThat(ledger.onHand(DC)).isEqualTo(15);
            assertThat(ledger.onHand(STORE)).isEqualTo(5);
            assertThat(ledger.lastPublished(STORE).inTransit()).isZero();
            assertThat(ledger.lastPublished(DC).inTransit()).isZero();
        }
    }

    @Nested
    class Counts {
        @Test
        void aCountReplaysTheDeltasSeenAfterItsTime() {
            ledger.apply(receipt(DC, 10, at(8, 0)));
            ledger.apply(sale(DC, 2, at(10, 30)));
            ledger.apply(sale(DC, 1, at(11, 0)));

            ledger.apply(cycleCount(DC, 40, at(10, 0)));

            assertThat(ledger.onHand(DC)).isEqualTo(40 - 2 - 1);
        }

        @Test
        void aDeltaStampedExactlyAtTheCountTimeIsPartOfTheCount() {
            ledger.apply(cycleCount(DC, 40, at(10, 0)));
            Outcome tie = ledger.apply(sale(DC, 5, at(10, 0)));

            assertThat(tie).isEqualTo(Outcome.SUPERSEDED_BY_COUNT);
            assertThat(ledger.onHand(DC)).isEqualTo(40);

            InMemoryLedger deltaFirst = new InMemoryLedger();
            deltaFirst.apply(sale(DC, 5, at(10, 0)));
            deltaFirst.apply(cycleCount(DC, 40, at(10, 0)));
            assertThat(deltaFirst.onHand(DC)).isEqualTo(40);
        }

        @Test
        void aRecountAtTheSameTimeReplacesTheCountAndItsPendingCheck() {
            ledger.apply(receipt(DC, 50, at(8, 0)));
            InventoryEvent first = cycleCount(DC, 40, at(10, 0));
            ledger.apply(first);
            ledger.apply(sale(DC, 5, at(11, 0)));
            InventoryEvent recount = cycleCount(DC, 42, at(10, 0));

            assertThat(ledger.apply(recount)).isEqualTo(Outcome.APPLIED);
            assertThat(ledger.onHand(DC)).isEqualTo(37);
            ledger.settleAll();
            assertThat(ledger.discrepancies)
                    .extracting(
                            d -> d.count().eventId,
                            CountDiscrepancy::expected,
                            CountDiscrepancy::counted)
                    .containsExactly(tuple(recount.eventId, 50L, 42L));
            assertThat(ledger.compared)
                    .extracting(c -> c.countEventId())
                    .doesNotContain(first.eventId);
        }

        @Test
        void aRecountAfterItsCountsCheckSettledIsComparedWithThatCount() {
            ledger.apply(receipt(DC, 50, at(8, 0)));
            ledger.apply(cycleCount(DC, 40, at(10, 0)));
            ledger.apply(sale(DC, 5, at(11, 0)));
            ledger.advanceWatermark(at(10, 30));
            ledger.apply(sale(DC, 1, at(9, 0))); // late beyond the watermark: joins no check
            ledger.apply(cycleCount(DC, 42, at(10, 0)));
            ledger.settleAll();

            assertThat(ledger.discrepancies)
                    .extracting(CountDiscrepancy::expected, CountDiscrepancy::counted)
                    .containsExactly(tuple(50L, 40L), tuple(40L, 42L));
            assertThat(ledger.onHand(DC)).isEqualTo(37);
        }

        @Test
        void aFirstCountWithNoEarlierDeltasIsAnOpeningBalance() {
            ledger.apply(sale(DC, 5, at(11, 0))); // after the count time: not part of it
            ledger.apply(cycleCount(DC, 40, at(10, 0)));
            ledger.settleAll();

            assertThat(ledger.discrepancies).isEmpty();
            assertThat(ledger.compared).as("an opening balance is no comparison").isEmpty();
            assertThat(ledger.onHand(DC)).isEqualTo(35);
        }

        @Test
        void aCountThatDisagreesWithTheLedgerIsADiscrepancy() {
            ledger.apply(receipt(DC, 50, at(8, 0)));
            ledger.apply(sale(DC, 5, at(9, 0)));
            ledger.apply(sale(DC, 2, at(12, 0)));

            ledger.apply(snapshot(DC, 41, at(10, 0)));
            assertThat(ledger.compared).as("judged when the watermark passes 10:00").isEmpty();
            ledger.advanceWatermark(at(10, 0));

            // expected as of 10:00 = 50 - 5 = 45; counted 41
            assertThat(ledger.discrepancies)
                    .extracting(
                            CountDiscrepancy::nodeId,
                            CountDiscrepancy::expected,
                            CountDiscrepancy::counted)
                    .containsExactly(tuple(DC, 45L, 41L));
            assertThat(ledger.compared).extracting(c -> c.matched()).containsExactly(false);
            assertThat(ledger.onHand(DC)).isEqualTo(39);
        }

        @Test
        void aMatchingCountIsNoDiscrepancyAndPublishesNothingNew() {
            ledger.apply(receipt(DC, 50, at(8, 0)));
            int published = ledger.availability.size();

            ledger.apply(cycleCount(DC, 50, at(9, 0)));
            ledger.settleAll();

            assertThat(ledger.discrepancies).isEmpty();
            assertThat(ledger.compared)
                    .as("a matching count counts towards inventory accuracy")
                    .extracting(c -> c.matched())
                    .containsExactly(true);
            assertThat(ledger.availability).hasSize(published);
        }
    }

    @Nested
    class Voids {
        @Test
        void aVoidReversesItsSale() {
            ledger.apply(receipt(STORE, 10, at(8, 0)));
            InventoryEvent sale = sale(STORE, 3, at(9, 0));
            ledger.apply(sale);

            assertThat(ledger.apply(voidOf(sale, at(9, 2)))).isEqualTo(Outcome.APPLIED);
            assertThat(ledger.onHand(STORE)).isEqualTo(10);
        }

        @Test
        void aVoidOfAnUnknownSaleIsADeadLetter() {
            ledger.apply(receipt(STORE, 10, at(8, 0)));
            InventoryEvent unseen = sale(STORE, 3, at(9, 0));

            assertThat(ledger.apply(voidOf(unseen, at(9, 2)))).isEqualTo(Outcome.REJECTED);
            assertThat(ledger.rejected.get(0).rejection().reason())
                    .isEqualTo(DeadLetterReason.UNKNOWN_SALE);
            assertThat(ledger.onHand(STORE)).isEqualTo(10);
        }

        @Test
        void aVoidMustNameASaleAtTheSameNode() {
            InventoryEvent saleAtDc = sale(DC, 3, at(9, 0));
            ledger.apply(saleAtDc);
            InventoryEvent wrongNode = voidOf(saleAtDc, at(9, 2));
            wrongNode.nodeId = STORE;

            assertThat(ledger.apply(wrongNode)).isEqualTo(Outcome.REJECTED);
            assertThat(ledger.rejected.get(0).rejection().reason())
                    .isEqualTo(DeadLetterReason.UNKNOWN_SALE);
        }

        @Test
        void aSecondVoidOfTheSameSaleIsADeadLetter() {
            InventoryEvent sale = sale(STORE, 3, at(9, 0));
            ledger.apply(sale);
            ledger.apply(voidOf(sale, at(9, 2)));

            assertThat(ledger.apply(voidOf(sale, at(9, 3)))).isEqualTo(Outcome.REJECTED);
            assertThat(ledger.rejected.get(0).rejection().reason())
                    .isEqualTo(DeadLetterReason.DUPLICATE_VOID);
            assertThat(ledger.onHand(STORE)).isZero();
        }

        @Test
        void aVoidStampedBeforeACountIsIncludedInTheCount() {
            InventoryEvent sale = sale(STORE, 3, at(9, 0));
            ledger.apply(sale);
            ledger.apply(cycleCount(STORE, 20, at(10, 0)));

            ledger.apply(voidOf(sale, at(9, 30)));

            assertThat(ledger.onHand(STORE)).isEqualTo(20);
        }
    }

    @Nested
    class Duplicates {
        @Test
        void theSameEventIdIsAppliedOnce() {
            InventoryEvent receipt = receipt(DC, 10, at(8, 0));
            ledger.apply(receipt);

            assertThat(ledger.apply(copyOf(receipt))).isEqualTo(Outcome.DUPLICATE);
            assertThat(ledger.onHand(DC)).isEqualTo(10);
        }

        @Test
        void aRejectedEventIsNotRememberedSoACorrectedResendApplies() {
            InventoryEvent bad = receipt(DC, 0, at(8, 0));
            assertThat(ledger.apply(bad)).isEqualTo(Outcome.REJECTED);

            InventoryEvent corrected = copyOf(bad);
            corrected.quantity = 12;
            assertThat(ledger.apply(corrected)).isEqualTo(Outcome.APPLIED);
            assertThat(ledger.onHand(DC)).isEqualTo(12);
        }

        @Test
        void aReceiptACountMadeUnnecessaryIsStillADuplicateAndLeavesInTransitAlone() {
            ledger.apply(asn("ASN-1", DC, 10, at(8, 0), at(14, 0)));
            InventoryEvent receipt = receiptAgainst("ASN-1", DC, 4, at(14, 5));
            ledger.apply(receipt);
            ledger.apply(cycleCount(DC, 4, at(15, 0))); // drops the receipt from the buffer

            assertThat(ledger.apply(copyOf(receipt))).isEqualTo(Outcome.DUPLICATE);
            assertThat(ledger.lastPublished(DC).inTransit()).isEqualTo(6);
            assertThat(ledger.onHand(DC)).isEqualTo(4);
        }

        @Test
        void countsAsnsAndSupersededDeltasAreRememberedToo() {
            InventoryEvent count = cycleCount(DC, 30, at(10, 0));
            InventoryEvent asn = asn("ASN-1", DC, 10, at(8, 0), at(14, 0));
            InventoryEvent superseded = receipt(DC, 5, at(9, 0));
            ledger.apply(count);
            ledger.apply(asn);
            ledger.apply(superseded);

            assertThat(ledger.apply(copyOf(count))).isEqualTo(Outcome.DUPLICATE);
            assertThat(ledger.apply(copyOf(asn))).isEqualTo(Outcome.DUPLICATE);
            assertThat(ledger.apply(copyOf(superseded))).isEqualTo(Outcome.DUPLICATE);
        }

        @Test
        void theIdIsRememberedAtItsPositionAndForgottenWithTheHorizon() {
            InventoryEvent count = cycleCount(DC, 30, at(10, 0));
            ledger.apply(count);
            Position dc = ledger.positions.get(DC);
            assertThat(dc.hasApplied(count.eventId)).isTrue();

            dc.expire(at(10, 1));

            assertThat(dc.hasApplied(count.eventId)).isFalse();
            assertThat(dc.earliestExpiring()).isEqualTo(Position.NO_DELTA);
        }
    }

    @Nested
    class NetworkTotalsFromPositions {
        @Test
        void theTotalsAndTheirVersionAreTheSumOfThePositionsShares() {
            ledger.apply(receipt(DC, 40, at(8, 0)));
            ledger.apply(receipt(STORE, 6, at(8, 1)));
            ledger.apply(snapshot(THREE_PL, 12, at(8, 2)));
            ledger.apply(sale(STORE, 2, at(8, 3)));
            ledger.changeNode(DC, NodeType.DC, NodeStatus.CLOSED, 0); // no figure of DC moves
            ledger.changeNode(STORE, NodeType.STORE, NodeStatus.OPEN, 3);

            NetworkTotals rebuilt = new NetworkTotals();
            ledger.positions.values().forEach(rebuilt::addShareOf);

            assertThat(rebuilt).usingRecursiveComparison().isEqualTo(ledger.state.totals());
            assertThat(rebuilt.networkAtp).isEqualTo(1 + 12);
            assertThat(rebuilt.version).isEqualTo(6); // one per change of a position's share
        }
    }

    @Nested
    class InTransit {
        @Test
        void aReceiptAgainstAnAsnMovesInTransitToOnHand() {
            ledger.apply(asn("ASN-1", DC, 10, at(8, 0), at(14, 0)));
            assertThat(ledger.lastPublished(DC).inTransit()).isEqualTo(10);

            ledger.apply(receiptAgainst("ASN-1", DC, 4, at(14, 5)));

            assertThat(ledger.lastPublished(DC).inTransit()).isEqualTo(6);
            assertThat(ledger.onHand(DC)).isEqualTo(4);
        }

        @Test
        void aReceiptBeforeItsAsnStillCounts() {
            ledger.apply(receiptAgainst("ASN-1", DC, 4, at(14, 5)));
            ledger.apply(asn("ASN-1", DC, 10, at(8, 0), at(14, 0)));

            assertThat(ledger.lastPublished(DC).inTransit()).isEqualTo(6);
        }

        @Test
        void overReceiptFloorsInTransitAtZero() {
            ledger.apply(asn("ASN-1", DC, 10, at(8, 0), at(14, 0)));
            ledger.apply(receiptAgainst("ASN-1", DC, 12, at(14, 5)));

            assertThat(ledger.lastPublished(DC).inTransit()).isZero();
            assertThat(ledger.onHand(DC)).isEqualTo(12);
        }

        @Test
        void aNewerAsnRevisionReplacesTheOldOneAndAnOlderOneIsIgnored() {
            ledger.apply(asn("ASN-1", DC, 10, at(8, 0), at(14, 0)));
            ledger.apply(asn("ASN-1", DC, 7, at(9, 0), at(16, 0)));
            Outcome older = ledger.apply(asn("ASN-1", DC, 99, at(8, 30), at(15, 0)));

            assertThat(older).isEqualTo(Outcome.STALE_REVISION);
            assertThat(ledger.lastPublished(DC).inTransit()).isEqualTo(7);
            assertThat(ledger.positions.get(DC).inbound.get(0).eta).isEqualTo(at(16, 0));
        }

        @Test
        void countsNeverChangeInTransit() {
            ledger.apply(asn("ASN-1", DC, 10, at(8, 0), at(14, 0)));
            ledger.apply(receiptAgainst("ASN-1", DC, 4, at(9, 0)));
            ledger.apply(cycleCount(DC, 100, at(12, 0)));

            assertThat(ledger.lastPublished(DC).inTransit()).isEqualTo(6);
            assertThat(ledger.onHand(DC)).isEqualTo(100);
        }
    }

    @Nested
    class Publishing {
        @Test
        void availabilityIsPublishedOnlyOnChangeWithIncreasingVersions() {
            InventoryEvent receipt = receipt(DC, 10, at(8, 0));
            ledger.apply(receipt);
            ledger.apply(copyOf(receipt));
            ledger.apply(cycleCount(DC, 10, at(9, 0)));
            ledger.apply(sale(DC, 1, at(10, 0)));

            assertThat(ledger.availability)
                    .extracting(InMemoryLedger.Published::onHand, InMemoryLedger.Published::version)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(10L, 1L),
                            org.assertj.core.groups.Tuple.tuple(9L, 2L));
        }

        @Test
        void atpHoldsBackReservedAndSafetyStock() {
            ledger.node(STORE, NodeType.STORE, NodeStatus.OPEN, 2);
            ledger.apply(receipt(STORE, 10, at(8, 0)));

            assertThat(ledger.lastPublished(STORE).atp()).isEqualTo(8);
            assertThat(ledger.lastPublished(STORE).safetyStock()).isEqualTo(2);
        }

        @Test
        void networkAtpSumsOpenNodesOnly() {
            ledger.node("STORE-2", NodeType.STORE, NodeStatus.DEGRADED, 0);
            ledger.node("STORE-3", NodeType.STORE, NodeStatus.CLOSED, 0);
            ledger.apply(receipt(STORE, 10, at(8, 0)));
            ledger.apply(receipt(DC, 30, at(8, 0)));
            ledger.apply(receipt(THREE_PL, 7, at(8, 0)));
            ledger.apply(receipt("STORE-2", 100, at(8, 0)));
            ledger.apply(receipt("STORE-3", 100, at(8, 0)));

            assertThat(ledger.lastNetwork())
                    .isEqualTo(new InMemoryLedger.Network(47, 10, 30, 7, 3, 3));
        }

        @Test
        void aNodeClosingOrChangingSafetyStockRepublishes() {
            ledger.apply(receipt(STORE, 10, at(8, 0)));
            ledger.apply(receipt(DC, 30, at(8, 0)));

            ledger.changeNode(DC, NodeType.DC, NodeStatus.CLOSED, 0);
            assertThat(ledger.lastNetwork().networkAtp()).isEqualTo(10);

            ledger.changeNode(STORE, NodeType.STORE, NodeStatus.OPEN, 4);
            assertThat(ledger.lastPublished(STORE).atp()).isEqualTo(6);
            assertThat(ledger.lastNetwork().networkAtp()).isEqualTo(6);

            ledger.changeNode(DC, NodeType.DC, NodeStatus.OPEN, 0);
            assertThat(ledger.lastNetwork().networkAtp()).isEqualTo(36);
        }

        @Test
        void atpThresholdCrossingsRaiseAlerts() {
            ledger.apply(receipt(STORE, 8, at(8, 0)));
            ledger.apply(sale(STORE, 4, at(9, 0))); // 8 -> 4: below LOW (5)
            ledger.apply(sale(STORE, 1, at(9, 1))); // 4 -> 3: no new crossing
            ledger.apply(sale(STORE, 3, at(9, 2))); // 3 -> 0
            ledger.apply(sale(STORE, 1, at(9, 3))); // stays 0
            ledger.apply(receipt(STORE, 10, at(9, 4))); // 0 -> 9

            assertThat(ledger.alerts)
                    .extracting(StockAlert::type)
                    .containsExactly(
                            AlertType.LOW, AlertType.OUT_OF_STOCK, AlertType.BACK_IN_STOCK);
        }
    }

    @Nested
    class Rejections {
        @Test
        void anUnknownNodeIsADeadLetterAndNeverEntersState() {
            InventoryEvent sale = sale("STORE-404", 1, at(9, 0));

            assertThat(ledger.apply(sale)).isEqualTo(Outcome.REJECTED);
            assertThat(ledger.rejected.get(0).rejection().reason())
                    .isEqualTo(DeadLetterReason.UNKNOWN_NODE);
            assertThat(ledger.positions).isEmpty();
            assertThat(ledger.seen).isEmpty();
        }

        @Test
        void anEventOlderThanTheHorizonBehindTheWatermarkIsTooLate() {
            ledger.watermark = at(12, 0) + LedgerSettings.defaults().horizonMillis();

            assertThat(ledger.apply(sale(DC, 1, at(11, 59)))).isEqualTo(Outcome.REJECTED);
            assertThat(ledger.apply(sale(DC, 1, at(12, 0)))).isEqualTo(Outcome.APPLIED);
            assertThat(ledger.rejected.get(0).rejection().reason())
                    .isEqualTo(DeadLetterReason.TOO_LATE);
        }
    }
}
