package io.omnistock.engine;

import static io.omnistock.engine.ReferenceCheck.DEADLINE;
import static io.omnistock.engine.ReferenceCheck.assertMatchesReference;
import static io.omnistock.engine.ReferenceCheck.publish;
import static io.omnistock.engine.RunningLedger.counter;
import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.DeadLetterReason;
import io.omnistock.connectors.KafkaOptions.DeliveryMode;
import io.omnistock.contracts.Topics;
import io.omnistock.engine.functions.LedgerMetrics;
import io.omnistock.generator.GeneratedRecord;
import io.omnistock.generator.GeneratedRun;
import io.omnistock.generator.NetworkConfig;
import io.omnistock.generator.RetailEventGenerator;
import io.omnistock.testing.FlinkMiniCluster;
import io.omnistock.testing.KafkaBrokerExtension;
import io.omnistock.testing.KafkaTestClient;
import io.omnistock.testing.KeyedValue;
import java.util.List;
import java.util.Map;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ledger job end to end on a real Kafka broker and the Flink runtime, in at-least-once mode: a
 * generated retail network's streams (duplicates, disorder, late 3PL snapshot batches, malformed
 * records) in; the availability topics, read back as a consumer keeping the highest version per
 * key, equal the generator's reference ledger for every SKU x node and every SKU; every malformed
 * record is dead-lettered with the reason the generator expects.
 */
class LedgerReconciliationITCase {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    @Test
    void aGeneratedNetworkReconcilesToTheReferenceLedger() throws Exception {
        KAFKA.createTopics(Topics.all(), 2);
        GeneratedRun run = RetailEventGenerator.generate(NetworkConfig.small().withSeed(7));
        // Whether a record is TOO_LATE depends on the watermark when it arrives, which at start-up
        // is not known yet: LedgerBadInputITCase sends those once it is.
        List<GeneratedRecord> records =
                run.records().stream()
                        .filter(r -> r.expectedReason() != DeadLetterReason.TOO_LATE)
                        .toList();
        String kafka = KAFKA.bootstrapServers();
        long published = publish(kafka, run.nodeRecords()) + publish(kafka, records);

        try (RunningLedger ledger = RunningLedger.start(kafka, DeliveryMode.AT_LEAST_ONCE);
                KafkaTestClient client = new KafkaTestClient(kafka)) {
            Map<String, Object> counters = ledger.awaitAllResolved(published, DEADLINE);

            assertMatchesReference(client, run);

            List<DeadLetterReason> expected =
                    records.stream()
                            .map(GeneratedRecord::expectedReason)
                            .filter(reason -> reason != null)
                            .toList();
            assertThat(expected).isNotEmpty();
            List<KeyedValue<DeadLetter>> deadLetters =
                    client.readUntil(
                            Topics.DEADLETTER,
                            values -> values.size() >= expected.size(),
                            DEADLINE);
            assertThat(deadLetters)
                    .extracting(d -> d.value().getReason())
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(counter(counters, LedgerMetrics.DEAD_LETTERED)).isEqualTo(expected.size());
            assertThat(counter(counters, LedgerMetrics.DUPLICATES))
                    .isEqualTo(run.stats().duplicates());
        }
    }
}
