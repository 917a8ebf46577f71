package io.omnistock.engine.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.DeadLetterReason;
import io.omnistock.domain.inventory.LedgerSettings;
import io.omnistock.domain.inventory.Position;
import io.omnistock.generator.ExpectedPosition;
import io.omnistock.generator.GeneratedRecord;
import io.omnistock.generator.GeneratedRun;
import io.omnistock.generator.NetworkConfig;
import io.omnistock.generator.RetailEventGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine's decode path and rules, without the Flink runtime, replayed over generated streams in
 * arrival order (watermark = highest event time seen minus the out-of-orderness bound): the ledger
 * ends equal to the generator's reference and dead-letters exactly the malformed records.
 */
class GeneratedStreamReplayTest {

    @ParameterizedTest
    @ValueSource(longs = {7, 11, 42})
    void theRulesReplayAGeneratedStreamToTheReferenceLedger(long seed) {
        GeneratedRun run = RetailEventGenerator.generate(NetworkConfig.small().withSeed(seed));
        GeneratedReplay replay = new GeneratedReplay(LedgerSettings.defaults());
        List<GeneratedRecord> all = new ArrayList<>(run.nodeRecords());
        all.addAll(run.records());

        List<String> wrongReasons = new ArrayList<>();
        for (GeneratedRecord record : all) {
            DeadLetterReason reason = replay.apply(record);
            if (reason != record.expectedReason()) {
                wrongReasons.add(record + " -> " + reason + " " + replay.lastMessage);
            }
        }

        assertThat(wrongReasons).isEmpty();
        Map<String, ExpectedPosition> expected = run.reference().positions();
        Map<String, Position> positions = replay.positionsByKey();
        assertThat(positions.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach(
                (key, want) -> {
                    Position got = positions.get(key);
                    assertThat(
                                    new long[] {
                                        got.publishedOnHand,
                                        got.publishedInTransit,
                                        got.publishedAtp
                                    })
                            .as(key)
                            .containsExactly(want.onHand(), want.inTransit(), want.atp());
                });
    }
}
