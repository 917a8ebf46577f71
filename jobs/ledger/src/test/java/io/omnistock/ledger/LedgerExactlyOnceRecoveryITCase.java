package io.omnistock.ledger;

import static io.omnistock.ledger.ReferenceCheck.DEADLINE;
import static io.omnistock.ledger.ReferenceCheck.assertMatchesReference;
import static io.omnistock.ledger.ReferenceCheck.publish;
import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.Availability;
import io.omnistock.connectors.KafkaOptions.DeliveryMode;
import io.omnistock.connectors.Topics;
import io.omnistock.generator.GeneratedRecord;
import io.omnistock.generator.GeneratedRun;
import io.omnistock.generator.NetworkConfig;
import io.omnistock.generator.RetailEventGenerator;
import io.omnistock.testing.FlinkMiniCluster;
import io.omnistock.testing.KafkaBrokerExtension;
import io.omnistock.testing.KafkaTestClient;
import io.omnistock.testing.KeyedValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exactly-once through a real failure: a task manager is killed mid-stream; the job restores from
 * its last checkpoint on the remaining one. A {@code read_committed} consumer then sees, for every
 * availability key, versions 1, 2, 3... with none lost and none repeated, and a final state equal
 * to the reference ledger.
 */
class LedgerExactlyOnceRecoveryITCase {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    @Test
    void aTaskManagerLossLosesAndRepeatsNoChange(@InjectMiniCluster MiniCluster cluster)
            throws Exception {
        KAFKA.createTopics(Topics.all(), 2);
        GeneratedRun run = RetailEventGenerator.generate(NetworkConfig.small().withSeed(11));
        List<GeneratedRecord> records = run.records();
        int half = records.size() / 2;
        String kafka = KAFKA.bootstrapServers();
        publish(kafka, run.nodeRecords());
        publish(kafka, records.subList(0, half));

        try (RunningLedger ledger = RunningLedger.start(kafka, DeliveryMode.EXACTLY_ONCE);
                KafkaTestClient client = new KafkaTestClient(kafka)) {
            client.readUntil(Topics.AVAILABILITY, values -> values.size() > 50, DEADLINE);

            cluster.terminateTaskManager(0).get(); // its tasks die with uncommitted output
            cluster.startTaskManager();
            publish(kafka, records.subList(half, records.size()));

            assertMatchesReference(client, run);

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
                    (key, versions) ->
                            assertThat(versions)
                                    .as("versions of %s: none lost, none repeated, in order", key)
                                    .isEqualTo(
                                            LongStream.rangeClosed(1, versions.size())
                                                    .boxed()
                                                    .toList()));
        }
    }
}
