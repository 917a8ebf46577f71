package io.omnistock.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.Availability;
import io.omnistock.connectors.KafkaOptions.DeliveryMode;
import io.omnistock.contracts.Topics;
import io.omnistock.testing.KafkaTestClient;
import io.omnistock.testing.KeyedValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once delivery through a task manager loss: a read_committed consumer sees every change of
 * every key once and in order, and the final state equals the reference ledger.
 */
class LedgerRecoveryExactlyOnceITCase extends LedgerRecoveryScenario {
    @Test
    void aTaskManagerLossLosesAndRepeatsNoChange(@InjectMiniCluster MiniCluster cluster)
            throws Exception {
        try (KafkaTestClient client =
                runThroughFailure(cluster, DeliveryMode.EXACTLY_ONCE, Duration.ofMillis(500), 11)) {
            Map<String, List<Long>> versionsByKey =
                    client.readAll(Topics.AVAILABILITY, Duration.ofSeconds(1)).stream()
                            .collect(
                                    Collectors.groupingBy(
                                            KeyedValue::key,
                                            Collectors.mapping(
                                                    (KeyedValue<Availability> r) ->
                                                            r.value().getVersion(),
                                                    Collectors.toList())));
            assertThat(versionsByKey).isNotEmpty();
            versionsByKey.forEach(
                    (key, versions) -> {
                        assertThat(versions)
                                .as("versions of %s increase", key)
                                .isSorted()
                                .doesNotHaveDuplicates();
                        assertThat(versions.stream().map(v -> v & 0xFFFF_FFFFL).toList())
                                .as("changes of %s: none lost, none repeated, in order", key)
                                .isEqualTo(
                                        LongStream.rangeClosed(1, versions.size())
                                                .boxed()
                                                .toList());
                    });
        }
    }
}
