package io.omnistock.engine;

import static io.omnistock.engine.ReferenceCheck.assertMatchesReference;
import static io.omnistock.engine.ReferenceCheck.publish;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnistock.avro.Availability;
import io.omnistock.contracts.TopicAdmin;
import io.omnistock.contracts.Topics;
import io.omnistock.deploy.StandaloneFlinkCluster;
import io.omnistock.generator.GeneratedRecord;
import io.omnistock.generator.GeneratedRun;
import io.omnistock.generator.NetworkConfig;
import io.omnistock.generator.RetailEventGenerator;
import io.omnistock.testing.Await;
import io.omnistock.testing.KafkaTestClient;
import io.omnistock.testing.KeyedValue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * ZooKeeper high availability on a real standalone cluster, as config.yaml's high-availability
 * block and docs/operations/high-availability.md set it up: a ZooKeeper server (Flink's own shaded
 * one), a leading and a standby job manager. The job runs, checkpoints, then the leader is killed
 * (SIGKILL): the standby takes over, recovers the job from ZooKeeper and the HA storage, restores
 * its last checkpoint, and the output matches the reference with no availability change lost or
 * duplicated.
 */
class HighAvailabilityITCase {
    private static final Duration DEADLINE = Duration.ofMinutes(3);

    @Test
    void theStandbyJobManagerTakesOverAndTheJobResumesFromItsLastCheckpoint() throws Exception {
        try (StandaloneStack stack = StandaloneStack.startHighlyAvailable("high-availability-it")) {
            StandaloneFlinkCluster flink = stack.flink();
            String bootstrap = stack.kafka().bootstrapServers();
            TopicAdmin.createTopics(bootstrap, new Properties(), Topics.all(), 2);
            GeneratedRun run = RetailEventGenerator.generate(NetworkConfig.small().withSeed(43));
            List<GeneratedRecord> records = ReferenceCheck.withoutTooLate(run);
            int half = records.size() / 2;
            publish(bootstrap, run.nodeRecords());
            publish(bootstrap, records.subList(0, half));

            String jarId = flink.uploadJar(StandaloneStack.jobJar());
            String job = flink.runJar(jarId, jobArgs(bootstrap), 2, null);
            flink.awaitRunning(job, StandaloneFlinkCluster.READY);
            try (KafkaTestClient client = new KafkaTestClient(bootstrap)) {
                client.readUntil(Topics.AVAILABILITY, values -> values.size() > 50, DEADLINE);
                long completed =
                        Await.until(
                                "a completed checkpoint before the failover",
                                () ->
                                        flink.checkpoints(job)
                                                .path("counts")
                                                .path("completed")
                                                .asLong(),
                                n -> n > 0,
                                DEADLINE);

                flink.killLeadingJobManager();
                JsonNode restored =
                        Await.until(
                                "the standby job manager runs the job from a checkpoint",
                                () -> {
                                    try {
                                        JsonNode r =
                                                flink.checkpoints(job)
                                                        .path("latest")
                                                        .path("restored");
                                        return r.isObject()
                                                        && StandaloneFlinkCluster.allRunning(
                                                                flink.get("/jobs/" + job))
                                                ? r
                                                : null;
                                    } catch (Exception e) {
                                        return null; // the standby is still taking over
                                    }
                                },
                                r -> r != null,
                                DEADLINE);
                publish(bootstrap, records.subList(half, records.size()));

                assertMatchesReference(client, run);
                List<KeyedValue<Availability>> output =
                        client.readAll(Topics.AVAILABILITY, Duration.ofSeconds(1));
                DeliveryAudit.Versions versions = DeliveryAudit.Versions.of(output);
                assertThat(versions.problems())
                        .as("availability changes through the failover")
                        .isEmpty();
                assertThat(restored.path("id").asLong()).isPositive();
                System.out.printf(
                        "%d records; leading job manager killed after %d checkpoints; the standby"
                                + " restored checkpoint %s; %d changes of %d keys: lost %d,"
                                + " duplicated %d%n",
                        records.size(),
                        completed,
                        restored.path("id").asText(),
                        versions.changes(),
                        versions.keys(),
                        versions.lost(),
                        versions.duplicated());
            }
        }
    }

    /** The shipped properties file, the broker, exactly-once with checkpoints every second. */
    private static List<String> jobArgs(String bootstrap) {
        Path properties = Path.of(System.getProperty("omnistock.flink-conf"), "engine.properties");
        return List.of(
                "--config",
                properties.toString(),
                "--kafka.bootstrap-servers",
                bootstrap,
                "--kafka.group-id",
                "ha-it",
                "--kafka.transactional-id-prefix",
                "ha-it",
                "--kafka.starting-offsets",
                "EARLIEST",
                "--delivery.mode",
                "EXACTLY_ONCE",
                "--execution.checkpointing.interval",
                "1s",
                "--ledger.source-idleness",
                "1s",
                "--ledger.unknown-node-grace",
                "2s");
    }
}
