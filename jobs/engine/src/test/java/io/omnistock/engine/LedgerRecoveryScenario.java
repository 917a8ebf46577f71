package io.omnistock.engine;

import static io.omnistock.engine.ReferenceCheck.DEADLINE;
import static io.omnistock.engine.ReferenceCheck.assertMatchesReference;
import static io.omnistock.engine.ReferenceCheck.publish;

import io.omnistock.connectors.KafkaOptions.DeliveryMode;
import io.omnistock.contracts.Topics;
import io.omnistock.generator.GeneratedRecord;
import io.omnistock.generator.GeneratedRun;
import io.omnistock.generator.GeneratorPublisher;
import io.omnistock.generator.NetworkConfig;
import io.omnistock.generator.RetailEventGenerator;
import io.omnistock.testing.Await;
import io.omnistock.testing.FlinkMiniCluster;
import io.omnistock.testing.KafkaBrokerExtension;
import io.omnistock.testing.KafkaTestClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Through a real failure in both delivery modes: a task manager is killed while records are still
 * streaming in, and the job restores from its last checkpoint on the remaining one.
 *
 * <ul>
 *   <li>Exactly-once: a {@code read_committed} consumer sees, per availability key, every change
 *       once and in order (change counts 1, 2, 3... in strictly increasing versions), and the final
 *       state equals the reference ledger.
 *   <li>At-least-once: changes after the last checkpoint are published again, but a consumer that
 *       keeps the highest version per key ends at the reference ledger (effectively-once).
 * </ul>
 *
 * One test class per mode ({@link LedgerRecoveryExactlyOnceITCase}, {@link
 * LedgerRecoveryAtLeastOnceITCase}), each with its own broker, since topic names are fixed.
 */
abstract class LedgerRecoveryScenario {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    /**
     * Publishes half a generated run, starts the ledger, streams the rest at 1,000 records/s and
     * kills a task manager mid-stream; returns once the published state equals the reference.
     */
    static KafkaTestClient runThroughFailure(
            MiniCluster cluster, DeliveryMode mode, Duration checkpointInterval, long seed)
            throws Exception {
        KAFKA.createTopics(Topics.all(), 2);
        GeneratedRun run = RetailEventGenerator.generate(NetworkConfig.small().withSeed(seed));
        List<GeneratedRecord> records = run.records();
        int half = records.size() / 2;
        String kafka = KAFKA.bootstrapServers();
        publish(kafka, run.nodeRecords());
        publish(kafka, records.subList(0, half));

        KafkaTestClient client = new KafkaTestClient(kafka);
        try (RunningLedger ledger = RunningLedger.start(kafka, mode, checkpointInterval)) {
            client.readUntil(Topics.AVAILABILITY, values -> values.size() > 50, DEADLINE);
            CompletableFuture<Void> secondHalf =
                    CompletableFuture.runAsync(
                            () -> publishPaced(kafka, records.subList(half, records.size())));
            client.readUntil(Topics.AVAILABILITY, values -> values.size() > 400, DEADLINE);

            // Mid-stream, their tasks die with unfinished output. The scheduler may have put all
            // of the job's slots on one task manager: kill both, so a task always dies.
            for (int tm = 0; tm < FlinkMiniCluster.TASK_MANAGERS; tm++) {
                cluster.terminateTaskManager(tm).get();
            }
            for (int tm = 0; tm < FlinkMiniCluster.TASK_MANAGERS; tm++) {
                cluster.startTaskManager();
            }
            secondHalf.get();
            Await.until(
                    "the job restarts after the failure",
                    () -> JobAttempts.highestAttempt(cluster, ledger.client().getJobID()),
                    attempt -> attempt > 0,
                    DEADLINE);

            assertMatchesReference(client, run);
        }
        return client;
    }

    private static void publishPaced(String kafka, List<GeneratedRecord> records) {
        try (GeneratorPublisher publisher = new GeneratorPublisher(kafka, 1_000, null)) {
            publisher.sendAll(records);
        }
    }
}
