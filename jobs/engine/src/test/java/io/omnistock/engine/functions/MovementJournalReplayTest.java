package io.omnistock.engine.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.domain.inventory.JournalEntry;
import io.omnistock.domain.inventory.JournalEntry.Figures;
import io.omnistock.domain.inventory.LedgerSettings;
import io.omnistock.domain.inventory.Position;
import io.omnistock.domain.inventory.SkuLedger.Outcome;
import io.omnistock.generator.GeneratedRecord;
import io.omnistock.generator.GeneratedRun;
import io.omnistock.generator.NetworkConfig;
import io.omnistock.generator.RetailEventGenerator;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The movement journal over generated streams (through the job's decoder, in arrival order): every
 * event that is not a dead letter makes one entry, and each position's entries chain from nothing
 * to the position the ledger ends with (each entry starts where the one before it ended), so the
 * journal alone explains every position.
 */
class MovementJournalReplayTest {

    @ParameterizedTest
    @ValueSource(longs = {7, 42})
    void eachPositionsJournalChainsToItsFinalFigures(long seed) {
        GeneratedRun run = RetailEventGenerator.generate(NetworkConfig.small().withSeed(seed));
        GeneratedReplay replay = new GeneratedReplay(LedgerSettings.defaults().withJournal(true));
        List<GeneratedRecord> all = new ArrayList<>(run.nodeRecords());
        all.addAll(run.records());
        long judged = 0;
        for (GeneratedRecord record : all) {
            if (replay.apply(record) == null && !run.nodeRecords().contains(record)) {
                judged++;
            }
        }

        Map<String, Position> positions = replay.positionsByKey();
        assertThat(replay.journal.keySet()).containsExactlyInAnyOrderElementsOf(positions.keySet());
        assertThat(replay.journal.values().stream().mapToLong(List::size).sum())
                .as("one entry per event that was not dead-lettered")
                .isEqualTo(judged);
        Set<Outcome> outcomes = EnumSet.noneOf(Outcome.class);
        long withBatch = 0;
        for (Map.Entry<String, List<JournalEntry>> key : replay.journal.entrySet()) {
            Figures previous = new Figures(0, 0, 0, 0);
            long version = 0;
            for (JournalEntry entry : key.getValue()) {
                assertThat(entry.before()).as(key.getKey() + " " + entry).isEqualTo(previous);
                assertThat(entry.version()).as(key.getKey()).isGreaterThanOrEqualTo(version);
                if (entry.outcome() != Outcome.APPLIED) {
                    assertThat(entry.after()).as(key.getKey() + " " + entry).isEqualTo(previous);
                }
                previous = entry.after();
                version = entry.version();
                outcomes.add(entry.outcome());
                withBatch += entry.event().batchId != null ? 1 : 0;
            }
            Position p = positions.get(key.getKey());
            assertThat(previous)
                    .as(key.getKey() + " ends where the position is")
                    .isEqualTo(
                            new Figures(
                                    p.onHand,
                                    p.reserved,
                                    p.inTransit(),
                                    p.atp(
                                            replay.skus
                                                    .get(sku(key.getKey()))
                                                    .safetyStock(
                                                            replay.nodes.get(
                                                                    node(key.getKey()))))));
            assertThat(version).isEqualTo(p.version);
        }
        assertThat(outcomes).contains(Outcome.APPLIED, Outcome.DUPLICATE);
        assertThat(withBatch).as("3PL snapshots carry their batch ids").isPositive();
    }

    private static String sku(String key) {
        return key.substring(0, key.indexOf('|'));
    }

    private static String node(String key) {
        return key.substring(key.indexOf('|') + 1);
    }
}
