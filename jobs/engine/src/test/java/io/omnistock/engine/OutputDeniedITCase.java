package io.omnistock.engine;

import static io.omnistock.engine.OrderFixtures.awaitFigures;
import static io.omnistock.engine.OrderFixtures.figures;
import static io.omnistock.engine.OrderFixtures.node;
import static io.omnistock.engine.OrderFixtures.wms;
import static io.omnistock.engine.ReferenceCheck.DEADLINE;
import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.FulfilmentMethod;
import io.omnistock.avro.InventoryAlert;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.avro.WmsEventType;
import io.omnistock.connectors.KafkaOptions;
import io.omnistock.connectors.KafkaOptions.DeliveryMode;
import io.omnistock.contracts.TopicAcls;
import io.omnistock.contracts.Topics;
import io.omnistock.testing.Await;
import io.omnistock.testing.FlinkMiniCluster;
import io.omnistock.testing.KafkaBrokerExtension;
import io.omnistock.testing.KafkaTestClient;
import io.omnistock.testing.KeyedValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.executiongraph.ErrorInfo;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An output the broker refuses for want of an ACL fails the job with the broker's reason and the
 * topic in its failure, and the restart strategy retries with backoff; once the ACL is granted the
 * job carries on by itself from its last checkpoint, nothing lost: the engine's least-privilege
 * grants without the write on {@code inventory.alerts}, then with it.
 */
class OutputDeniedITCase {
    private static final String ENGINE = "omnistock-engine";
    private static final String ENGINE_PASSWORD = "pw-" + UUID.randomUUID();

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA =
            KafkaBrokerExtension.withAuthorizedScramUsers(Map.of(ENGINE, ENGINE_PASSWORD));

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    @TempDir static Path secrets;

    @Test
    void aDeniedOutputFailsTheJobWithItsReasonUntilTheAclIsGranted(
            @InjectMiniCluster MiniCluster cluster) throws Exception {
        KAFKA.createTopics(Topics.all(), 2);
        String kafka = KAFKA.bootstrapServers();
        Configuration job =
                RunningLedger.configuration(
                        kafka, DeliveryMode.EXACTLY_ONCE, Duration.ofMillis(500));
        job.addAll(login());
        // the shipped strategy's shape (exponential backoff, no limit), test-sized
        job.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        job.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF,
                Duration.ofMillis(500));
        job.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF,
                Duration.ofSeconds(2));
        List<AclBinding> grants =
                TopicAcls.engine(
                        "User:" + ENGINE,
                        job.get(KafkaOptions.GROUP_ID),
                        job.get(KafkaOptions.TRANSACTIONAL_ID_PREFIX));
        List<AclBinding> alertsWrite =
                grants.stream()
                        .filter(b -> b.pattern().resourceType() == ResourceType.TOPIC)
                        .filter(b -> b.pattern().name().equals(Topics.ALERTS.name()))
                        .filter(b -> b.entry().operation() == AclOperation.WRITE)
                        .toList();
        assertThat(alertsWrite).as("the engine's grant to write alerts").hasSize(1);
        KAFKA.grant(grants.stream().filter(b -> !alertsWrite.contains(b)).toList());

        long now = System.currentTimeMillis();
        Properties admin = KAFKA.adminProperties();
        try (RunningLedger ledger = RunningLedger.submit(job, EngineJob::build);
                KafkaTestClient sources = new KafkaTestClient(kafka, admin)) {
            sources.send(
                    Topics.NODES,
                    "D1",
                    node(
                            "D1",
                            NodeType.DC,
                            51.5,
                            0.0,
                            0,
                            1.0,
                            NodeStatus.OPEN,
                            now - 1,
                            FulfilmentMethod.SHIP_TO_HOME),
                    now);
            // a receipt, then a pick that empties the shelf: an alert
            sources.send(
                    Topics.WMS,
                    "SKU-A",
                    wms(WmsEventType.RECEIPT, "in", now, "SKU-A", "D1", 5),
                    now);
            sources.send(
                    Topics.WMS,
                    "SKU-A",
                    wms(WmsEventType.PICK, "out", now + 1, "SKU-A", "D1", 5),
                    now);

            String failure =
                    Await.until(
                            "the job failing on the denied alerts topic",
                            () ->
                                    Optional.ofNullable(
                                                    cluster.getExecutionGraph(
                                                                    ledger.client().getJobID())
                                                            .get()
                                                            .getFailureInfo())
                                            .map(ErrorInfo::getExceptionAsString)
                                            .orElse(""),
                            f -> f.contains("TopicAuthorizationException"),
                            DEADLINE);
            assertThat(failure)
                    .as("the job's failure")
                    .contains("Failed to send data to Kafka " + Topics.ALERTS.name());

            KAFKA.grant(alertsWrite);
            List<KeyedValue<InventoryAlert>> alerts =
                    sources.readUntil(
                            Topics.ALERTS,
                            values -> values.stream().anyMatch(a -> a.getSku().equals("SKU-A")),
                            DEADLINE);
            awaitFigures(sources, Map.of("SKU-A|D1", figures(0, 0, 0)));
            assertThat(alerts).extracting(a -> a.value().getSku()).contains("SKU-A");
            assertThat(JobAttempts.highestAttempt(cluster, ledger.client().getJobID()))
                    .as("attempt number: the job restarted, and runs without being resubmitted")
                    .isPositive();
        }
    }

    /** The engine's login options, the password in a file as in production. */
    private static Configuration login() throws Exception {
        Path file = Files.writeString(secrets.resolve("engine-password"), ENGINE_PASSWORD + "\n");
        return Configuration.fromMap(
                Map.of(
                        "kafka.security.protocol",
                        "SASL_PLAINTEXT",
                        "kafka.sasl.mechanism",
                        "SCRAM-SHA-256",
                        "kafka.sasl.username",
                        ENGINE,
                        "kafka.sasl.password-file",
                        file.toString()));
    }
}
