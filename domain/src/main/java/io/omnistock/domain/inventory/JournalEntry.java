package io.omnistock.domain.inventory;

/**
 * One inventory event as the ledger judged it, for the movement journal (docs/concepts/
 * movement-journal.md): what it did with the event and the position's figures just before and just
 * after. Made only while the journal is on ({@link LedgerSettings#journal()}); rejected events make
 * none (they are dead letters).
 *
 * @param event the event (a value the output may keep)
 * @param outcome what became of it: never {@link SkuLedger.Outcome#REJECTED}
 * @param before the position's figures before the event (all 0 at a new position)
 * @param after the position's figures after it
 * @param version the position's availability version after it (0 while none was published)
 */
public record JournalEntry(
        InventoryEvent event,
        SkuLedger.Outcome outcome,
        Figures before,
        Figures after,
        long version) {

    /** A position's published figures: the ones inventory.availability carries. */
    public record Figures(long onHand, long reserved, long inTransit, long atp) {
        /** The figures last published for {@code p}, which every change publishes. */
        static Figures publishedBy(Position p) {
            return new Figures(
                    p.publishedOnHand, p.publishedReserved, p.publishedInTransit, p.publishedAtp);
        }
    }
}
