package io.omnistock.domain.inventory;

import static io.omnistock.domain.inventory.LedgerEvents.DC;
import static io.omnistock.domain.inventory.LedgerEvents.STORE;
import static io.omnistock.domain.inventory.LedgerEvents.THREE_PL;
import static io.omnistock.domain.inventory.LedgerEvents.asn;
import static io.omnistock.domain.inventory.LedgerEvents.at;
import static io.omnistock.domain.inventory.LedgerEvents.copyOf;
import static io.omnistock.domain.inventory.LedgerEvents.cycleCount;
import static io.omnistock.domain.inventory.LedgerEvents.event;
import static io.omnistock.domain.inventory.LedgerEvents.receiptAgainst;
import static io.omnistock.domain.inventory.LedgerEvents.sale;
import static io.omnistock.domain.inventory.LedgerEvents.snapshot;
import static io.omnistock.domain.inventory.LedgerEvents.voidOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.domain.inventory.JournalEntry.Figures;
import io.omnistock.domain.inventory.SkuLedger.Outcome;
import org.junit.jupiter.api.Test;

/** The movement journal: one entry per judged event, with the figures before and after. */
class SkuLedgerJournalTest {
    private final InMemoryLedger ledger =
            new InMemoryLedger(LedgerSettings.defaults().withJournal(true));

    @Test
    void isOffByDefaultAndThenMakesNoEntry() {
        InMemoryLedger off = new InMemoryLedger();
        off.apply(cycleCount(DC, 100, at(10, 0)));
        off.apply(sale(DC, 3, at(10, 5)));

        assertThat(LedgerSettings.defaults().journal()).isFalse();
        assertThat(off.movements).isEmpty();
        assertThat(off.onHand(DC)).isEqualTo(97);
    }

    @Test
    void explainsTheWorkedCaseEventByEvent() {
        InventoryEvent count = cycleCount(DC, 100, at(10, 0));
        InventoryEvent sale = sale(DC, 3, at(10, 5));
        ledger.apply(count);
        ledger.apply(sale);
        ledger.apply(sale(DC, 2, at(9, 58))); // a count at 10:00 already includes it
        ledger.apply(cycleCount(DC, 90, at(9, 0))); // older than the count in force
        ledger.apply(copyOf(sale)); // delivered twice

        assertThat(ledger.movements)
                .extracting(
                        m -> m.event().type,
                        JournalEntry::outcome,
                        JournalEntry::before,
                        JournalEntry::after,
                        JournalEntry::version)
                .containsExactly(
                        tuple(
                                EventType.CYCLE_COUNT,
                                Outcome.APPLIED,
                                new Figures(0, 0, 0, 0),
                                new Figures(100, 0, 0, 100),
                                1L),
                        tuple(
                                EventType.SALE,
                                Outcome.APPLIED,
                                new Figures(100, 0, 0, 100),
                                new Figures(97, 0, 0, 97),
                                2L),
                        tuple(
                                EventType.SALE,
                                Outcome.SUPERSEDED_BY_COUNT,
                                new Figures(97, 0, 0, 97),
                                new Figures(97, 0, 0, 97),
                                2L),
                        tuple(
                                EventType.CYCLE_COUNT,
                                Outcome.STALE_COUNT,
                                new Figures(97, 0, 0, 97),
                                new Figures(97, 0, 0, 97),
                                2L),
                        tuple(
                                EventType.SALE,
                                Outcome.DUPLICATE,
                                new Figures(97, 0, 0, 97),
                                new Figures(97, 0, 0, 97),
                                2L));
        assertThat(ledger.movements.get(4).event().eventId).isEqualTo(sale.eventId);
    }

    /** The worked example of docs/concepts/movement-journal.md: why on-hand is 12. */
    @Test
    void theWorkedExampleOfTheDocs() {
        ledger.node(DC, NodeType.DC, NodeStatus.OPEN, 2);
        InventoryEvent pick = event(EventType.PICK, DC, 3, at(9, 10));
        ledger.apply(cycleCount(DC, 20, at(8, 0)).withDetails("CC-ANNUAL", null));
        ledger.apply(pick);
        ledger.apply(event(EventType.PICK, DC, 2, at(7, 55)));
        ledger.apply(event(EventType.ADJUSTMENT, DC, -5, at(10, 0)).withDetails("DAMAGED", null));
        ledger.apply(copyOf(pick));
        ledger.apply(cycleCount(DC, 30, at(6, 0)).withDetails("CC-LATE-UPLOAD", null));
        ledger.apply(asn("ASN-77", DC, 40, at(11, 0), at(35, 0)));

        assertThat(ledger.movements)
                .extracting(
                        JournalEntry::outcome,
                        JournalEntry::before,
                        JournalEntry::after,
                        JournalEntry::version)
                .containsExactly(
                        tuple(
                                Outcome.APPLIED,
                                new Figures(0, 0, 0, 0),
                                new Figures(20, 0, 0, 18),
                                1L),
                        tuple(
                                Outcome.APPLIED,
                                new Figures(20, 0, 0, 18),
                                new Figures(17, 0, 0, 15),
                                2L),
                        tuple(
                                Outcome.SUPERSEDED_BY_COUNT,
                                new Figures(17, 0, 0, 15),
                                new Figures(17, 0, 0, 15),
                                2L),
                        tuple(
                                Outcome.APPLIED,
                                new Figures(17, 0, 0, 15),
                                new Figures(12, 0, 0, 10),
                                3L),
                        tuple(
                                Outcome.DUPLICATE,
                                new Figures(12, 0, 0, 10),
                                new Figures(12, 0, 0, 10),
                                3L),
                        tuple(
                                Outcome.STALE_COUNT,
                                new Figures(12, 0, 0, 10),
                                new Figures(12, 0, 0, 10),
                                3L),
                        tuple(
                                Outcome.APPLIED,
                                new Figures(12, 0, 0, 10),
                                new Figures(12, 0, 40, 10),
                                4L));
        assertThat(ledger.onHand(DC)).isEqualTo(12);
    }

    @Test
    void rejectedEventsAreDeadLettersNotEntries() {
        InventoryEvent sale = sale(STORE, 2, at(10, 0));
        ledger.apply(cycleCount(STORE, 5, at(9, 0)));
        ledger.apply(sale);
        ledger.apply(voidOf(sale, at(10, 1)));
        ledger.apply(voidOf(sale, at(10, 2))); // DUPLICATE_VOID
        ledger.apply(sale("NOWHERE", 1, at(10, 3))); // UNKNOWN_NODE

        assertThat(ledger.rejected).hasSize(2);
        assertThat(ledger.movements)
                .extracting(m -> m.event().type, JournalEntry::outcome, m -> m.after().onHand())
                .containsExactly(
                        tuple(EventType.CYCLE_COUNT, Outcome.APPLIED, 5L),
                        tuple(EventType.SALE, Outcome.APPLIED, 3L),
                        tuple(EventType.VOID, Outcome.APPLIED, 5L));
    }

    @Test
    void carriesInTransitAtpAfterSafetyStockAndTheEventsDetails() {
        ledger.node(DC, NodeType.DC, NodeStatus.OPEN, 10);
        InventoryEvent count = cycleCount(DC, 30, at(8, 0)).withDetails("CC-ANNUAL", null);
        InventoryEvent inbound = asn("ASN-7", DC, 20, at(9, 0), at(20, 0));
        InventoryEvent received = receiptAgainst("ASN-7", DC, 15, at(11, 0));
        InventoryEvent batch = snapshot(THREE_PL, 40, at(12, 0)).withDetails(null, "B-42");
        ledger.apply(count);
        ledger.apply(inbound);
        ledger.apply(received);
        ledger.apply(batch);
        ledger.apply(copyOf(inbound).withEta(at(21, 0))); // a revision no newer: a duplicate id

        assertThat(ledger.movements)
                .extracting(JournalEntry::outcome, JournalEntry::before, JournalEntry::after)
                .containsExactly(
                        tuple(Outcome.APPLIED, new Figures(0, 0, 0, 0), new Figures(30, 0, 0, 20)),
                        tuple(
                                Outcome.APPLIED,
                                new Figures(30, 0, 0, 20),
                                new Figures(30, 0, 20, 20)),
                        tuple(
                                Outcome.APPLIED,
                                new Figures(30, 0, 20, 20),
                                new Figures(45, 0, 5, 35)),
                        tuple(Outcome.APPLIED, new Figures(0, 0, 0, 0), new Figures(40, 0, 0, 40)),
                        tuple(
                                Outcome.DUPLICATE,
                                new Figures(45, 0, 5, 35),
                                new Figures(45, 0, 5, 35)));
        assertThat(ledger.movements.get(0).event().reasonCode).isEqualTo("CC-ANNUAL");
        assertThat(ledger.movements.get(3).event().batchId).isEqualTo("B-42");
        assertThat(ledger.movements.get(1).event().reference).isEqualTo("ASN-7");
    }

    @Test
    void aStaleAsnRevisionIsJournalledToo() {
        InventoryEvent first = asn("ASN-1", DC, 10, at(9, 0), at(20, 0));
        ledger.apply(first);
        ledger.apply(asn("ASN-1", DC, 8, at(8, 0), at(20, 0))); // older revision
        ledger.apply(event(EventType.ADJUSTMENT, DC, -1, at(10, 0)));

        assertThat(ledger.movements)
                .extracting(
                        JournalEntry::outcome, m -> m.after().inTransit(), m -> m.after().onHand())
                .containsExactly(
                        tuple(Outcome.APPLIED, 10L, 0L),
                        tuple(Outcome.STALE_REVISION, 10L, 0L),
                        tuple(Outcome.APPLIED, 10L, -1L));
    }
}
