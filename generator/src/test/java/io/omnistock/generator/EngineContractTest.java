package io.omnistock.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.contracts.DecodeException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The perturbed arrival stream, replayed under the engine's rules, ends at the reference. */
class EngineContractTest {
    private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");

    @ParameterizedTest
    @ValueSource(longs = {42, 5, 6})
    void arrivalOrderUnderTheRulesReachesTheReference(long seed) throws DecodeException {
        NetworkConfig config =
                NetworkConfig.small().toBuilder().seed(seed).start(START).wallClock(START).build();
        assertReplayMatches(config);
    }

    @ParameterizedTest
    @ValueSource(longs = {8, 9})
    void heavyPerturbationStillReachesTheReference(long seed) throws DecodeException {
        NetworkConfig config =
                NetworkConfig.small().toBuilder()
                        .seed(seed)
                        .start(START)
                        .wallClock(START)
                        .duration(Duration.ofDays(2))
                        .duplicateRate(0.3)
                        .outOfOrderRate(0.5)
                        .maxDisorder(Duration.ofHours(2))
                        .malformedRate(0.1)
                        .build();
        assertReplayMatches(config);
    }

    private static void assertReplayMatches(NetworkConfig config) throws DecodeException {
        GeneratedRun run = RetailEventGenerator.generate(config);
        ContractModel engine = new ContractModel(RetailNetwork.build(config).nodes());
        for (GeneratedRecord record : run.records()) {
            engine.accept(record);
        }
        assertThat(engine.positions()).isEqualTo(run.reference().positions());

        for (GeneratedRecord record : BadRecords.corpus(RetailNetwork.build(config), config)) {
            engine.accept(record);
        }
        assertThat(engine.positions())
                .as("the corpus's sale and void cancel out")
                .isEqualTo(run.reference().positions());
    }
}
