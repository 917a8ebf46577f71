package io.omnistock.domain.inventory;

import static io.omnistock.domain.inventory.LedgerEvents.DC;
import static io.omnistock.domain.inventory.LedgerEvents.adjustment;
import static io.omnistock.domain.inventory.LedgerEvents.at;
import static io.omnistock.domain.inventory.LedgerEvents.cycleCount;
import static io.omnistock.domain.inventory.LedgerEvents.receipt;
import static io.omnistock.domain.inventory.LedgerEvents.sale;
import static io.omnistock.domain.inventory.LedgerEvents.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.omnistock.domain.inventory.SkuLedger.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Discrepancies judged in event time (docs/design.md 3): {@link CountChecks}. */
class CountChecksTest {
    private final InMemoryLedger ledger = new InMemoryLedger();

    @Test
    void aSaleStampedBeforeTheCountThatArrivesAfterItIsNoPhantomShrink() {
        ledger.apply(receipt(DC, 50, at(8, 0)));
        ledger.apply(cycleCount(DC, 45, at(10, 0)));

        Outcome late = ledger.apply(sale(DC, 5, at(9, 50)));
        ledger.advanceWatermark(at(10, 0));

        assertThat(late).isEqualTo(Outcome.SUPERSEDED_BY_COUNT);
        assertThat(ledger.onHand(DC)).as("ignored for on-hand").isEqualTo(45);
        assertThat(ledger.discrepancies).isEmpty();
        assertThat(ledger.compared).extracting(c -> c.matched()).containsExactly(true);
    }

    @Test
    void aCheckSettlesOnlyWhenTheWatermarkReachesTheCountsTime() {
        ledger.apply(receipt(DC, 50, at(8, 0)));
        ledger.apply(cycleCount(DC, 40, at(10, 0)));

        ledger.advanceWatermark(at(9, 59));
        assertThat(ledger.compared).isEmpty();

        ledger.advanceWatermark(at(10, 0));
        assertThat(ledger.discrepancies)
                .extracting(CountDiscrepancy::expected, CountDiscrepancy::counted)
                .containsExactly(tuple(50L, 40L));
        ledger.settleAll();
        assertThat(ledger.compared).as("settled once").hasSize(1);
    }

    @Test
    void theSettleDelayKeepsACheckOpenPastItsTime() {
        InMemoryLedger delayed =
                new InMemoryLedger(
                        LedgerSettings.defaults()
                                .withDiscrepancySettleDelay(Duration.ofMinutes(30)));
        delayed.apply(receipt(DC, 50, at(8, 0)));
        delayed.apply(cycleCount(DC, 45, at(10, 0)));
        delayed.advanceWatermark(at(10, 29));

        delayed.apply(sale(DC, 5, at(9, 0)));
        delayed.advanceWatermark(at(10, 30));

        assertThat(delayed.discrepancies).isEmpty();
        assertThat(delayed.compared).extracting(c -> c.matched()).containsExactly(true);
    }

    @Test
    void aLateDeltaBelongsToTheFirstCountAtOrAfterItsTime() {
        ledger.apply(receipt(DC, 50, at(8, 0)));
        ledger.apply(cycleCount(DC, 50, at(10, 0)));
        ledger.apply(cycleCount(DC, 50, at(12, 0)));

        ledger.apply(sale(DC, 3, at(11, 0))); // between the counts: the 12:00 count's
        ledger.apply(sale(DC, 2, at(10, 0))); // the tie: the 10:00 count's
        ledger.settleAll();

        assertThat(ledger.discrepancies)
                .extracting(d -> d.count().eventTime, CountDiscrepancy::expected)
                .containsExactly(tuple(at(10, 0), 48L), tuple(at(12, 0), 47L));
    }

    @Test
    void aDeltaLaterThanTheWatermarkJoinsNeitherItsSettledCountNorALaterOne() {
        ledger.apply(receipt(DC, 50, at(8, 0)));
        ledger.apply(cycleCount(DC, 50, at(10, 0)));
        ledger.apply(cycleCount(DC, 50, at(12, 0)));
        ledger.advanceWatermark(at(11, 0));

        ledger.apply(sale(DC, 4, at(9, 0)));
        ledger.settleAll();

        assertThat(ledger.discrepancies).isEmpty();
        assertThat(ledger.compared).extracting(c -> c.matched()).containsExactly(true, true);
    }

    @Test
    void aCountArrivingAfterTheWatermarkPassedItsTimeSettlesAtOnce() {
        ledger.apply(receipt(DC, 50, at(8, 0)));
        ledger.advanceWatermark(at(11, 0));

        ledger.apply(cycleCount(DC, 49, at(10, 0)));

        assertThat(ledger.discrepancies)
                .extracting(CountDiscrepancy::expected, CountDiscrepancy::counted)
                .containsExactly(tuple(50L, 49L));
        assertThat(ledger.positions.get(DC).pendingChecks).isEmpty();
    }

    @Test
    void aComparisonCarriesItsExpectedAndCountedUnitsAndTheSnapshotBatch() {
        ledger.apply(receipt(DC, 50, at(8, 0)));
        ledger.apply(snapshot(DC, 53, at(10, 0)).withDetails(null, "SNAP-1"));
        ledger.apply(cycleCount(DC, 51, at(11, 0)));
        ledger.settleAll();

        assertThat(ledger.comparedUnits)
                .extracting(
                        RecordingLedgerOutput.ComparedUnits::expected,
                        RecordingLedgerOutput.ComparedUnits::counted,
                        RecordingLedgerOutput.ComparedUnits::batchId)
                .containsExactly(tuple(50L, 53L, "SNAP-1"), tuple(53L, 51L, null));
    }

    @Test
    void aStaleCountLeavesNoCheck() {
        ledger.apply(receipt(DC, 50, at(8, 0)));
        ledger.apply(cycleCount(DC, 50, at(10, 0)));

        assertThat(ledger.apply(cycleCount(DC, 7, at(9, 0)))).isEqualTo(Outcome.STALE_COUNT);
        ledger.settleAll();

        assertThat(ledger.compared).hasSize(1);
        assertThat(ledger.discrepancies).isEmpty();
    }

    @Test
    void anOpeningBalanceWithALateDeltaStampedBeforeItIsCompared() {
        ledger.apply(cycleCount(DC, 40, at(10, 0)));
        ledger.apply(receipt(DC, 42, at(9, 0)));
        ledger.settleAll();

        assertThat(ledger.discrepancies)
                .extracting(CountDiscrepancy::expected, CountDiscrepancy::counted)
                .containsExactly(tuple(42L, 40L));
        assertThat(ledger.onHand(DC)).isEqualTo(40);
    }

    /**
     * The property the rule exists for: every interleaving of the till's events with the
     * warehouse's (each source in its own order, as on its topic) gives the discrepancies, count
     * checks and on-hand of the in-order stream.
     */
    @Test
    void everyInterleavingOfTheSourcesGivesTheInOrderChecks() {
        List<InventoryEvent> wms =
                List.of(
                        receipt(DC, 50, at(8, 0)),
                        cycleCount(DC, 44, at(10, 0)),
                        adjustment(DC, -1, at(11, 0)),
                        cycleCount(DC, 40, at(12, 0)),
                        receipt(DC, 10, at(12, 0)));
        List<InventoryEvent> pos =
                List.of(
                        sale(DC, 3, at(9, 0)),
                        sale(DC, 2, at(10, 0)),
                        sale(DC, 1, at(10, 30)),
                        sale(DC, 4, at(11, 30)),
                        sale(DC, 1, at(13, 0)));
        List<InventoryEvent> inOrder = new ArrayList<>();
        inOrder.addAll(wms);
        inOrder.addAll(pos);
        inOrder.sort(java.util.Comparator.comparingLong(e -> e.eventTime));
        InMemoryLedger reference = run(inOrder);
        assertThat(reference.discrepancies)
                .extracting(CountDiscrepancy::expected, CountDiscrepancy::counted)
                .containsExactly(tuple(45L, 44L), tuple(48L, 40L));

        List<List<InventoryEvent>> interleavings = new ArrayList<>();
        interleave(wms, 0, pos, 0, new ArrayList<>(), interleavings);
        assertThat(interleavings).hasSize(252); // 10 choose 5
        for (List<InventoryEvent> arrival : interleavings) {
            InMemoryLedger run = run(arrival);
            assertThat(run.discrepancies)
                    .as("arrival %s", arrival)
                    .usingRecursiveFieldByFieldElementComparator()
                    .isEqualTo(reference.discrepancies);
            assertThat(run.compared).as("arrival %s", arrival).isEqualTo(reference.compared);
            assertThat(run.onHand(DC)).as("arrival %s", arrival).isEqualTo(reference.onHand(DC));
        }
    }

    private static InMemoryLedger run(List<InventoryEvent> arrival) {
        InMemoryLedger run = new InMemoryLedger();
        arrival.forEach(run::apply);
        run.settleAll();
        return run;
    }

    private static void interleave(
            List<InventoryEvent> a,
            int i,
            List<InventoryEvent> b,
            int j,
            List<InventoryEvent> prefix,
            List<List<InventoryEvent>> into) {
        if (i == a.size() && j == b.size()) {
            into.add(new ArrayList<>(prefix));
            return;
        }
        if (i < a.size()) {
            prefix.add(a.get(i));
            interleave(a, i + 1, b, j, prefix, into);
            prefix.remove(prefix.size() - 1);
        }
        if (j < b.size()) {
            prefix.add(b.get(j));
            interleave(a, i, b, j + 1, prefix, into);
            prefix.remove(prefix.size() - 1);
        }
    }
}
