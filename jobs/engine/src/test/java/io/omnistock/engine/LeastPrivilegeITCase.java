package io.omnistock.engine;

import static io.omnistock.engine.ReferenceCheck.DEADLINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnistock.connectors.KafkaOptions;
import io.omnistock.connectors.KafkaOptions.DeliveryMode;
import io.omnistock.contracts.TopicAcls;
import io.omnistock.contracts.Topics;
import io.omnistock.generator.GeneratedRecord;
import io.omnistock.generator.GeneratedRun;
import io.omnistock.generator.NetworkConfig;
import io.omnistock.generator.RetailEventGenerator;
import io.omnistock.testing.FlinkMiniCluster;
import io.omnistock.testing.KafkaBrokerExtension;
import io.omnistock.testing.KafkaTestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.AuthorizationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine under its own least-privilege principal on a broker with Kafka's standard KRaft
 * authorizer: with exactly the ACLs {@link TopicAcls#engine} grants, the job reads its inputs,
 * closes the reservation loop and publishes availability in exactly-once mode; a consumer with
 * {@link TopicAcls#consumer}'s grants reads availability but may not write an input or the internal
 * reservation topic, and neither may the engine write an input.
 */
class LeastPrivilegeITCase {
    private static final String ENGINE = "omnistock-engine";
    private static final String SHOP = "web-shop";

    /** Made up for this run: no secret is stored anywhere. */
    private static final String ENGINE_PASSWORD = "pw-" + UUID.randomUUID();

    private static final String SHOP_PASSWORD = "pw-" + UUID.randomUUID();

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA =
            KafkaBrokerExtension.withAuthorizedScramUsers(
                    Map.of(ENGINE, ENGINE_PASSWORD, SHOP, SHOP_PASSWORD));

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    @TempDir static Path secrets;

    @BeforeAll
    static void createTopics() {
        KAFKA.createTopics(Topics.all(), 2);
    }

    @Test
    void theEngineWorksUnderItsOwnGrantsAndAConsumerMayOnlyRead() throws Exception {
        Configuration job =
                RunningLedger.configuration(
                        KAFKA.bootstrapServers(),
                        DeliveryMode.EXACTLY_ONCE,
                        Duration.ofMillis(500));
        job.addAll(login(ENGINE, ENGINE_PASSWORD));
        KAFKA.grant(
                TopicAcls.engine(
                        "User:" + ENGINE,
                        job.get(KafkaOptions.GROUP_ID),
                        job.get(KafkaOptions.TRANSACTIONAL_ID_PREFIX)));
        KAFKA.grant(TopicAcls.consumer("User:" + SHOP, "shop-"));

        GeneratedRun run =
                RetailEventGenerator.generate(
                        NetworkConfig.small().withSeed(17).withDuration(Duration.ofHours(4)));
        List<GeneratedRecord> valid =
                run.records().stream()
                        .filter(r -> r.kind() != GeneratedRecord.Kind.MALFORMED)
                        .toList();
        // the sources (tills, warehouses) write with the broker's super user here
        Properties admin = KAFKA.adminProperties();
        long published =
                ReferenceCheck.publish(KAFKA.bootstrapServers(), admin, run.nodeRecords())
                        + ReferenceCheck.publish(KAFKA.bootstrapServers(), admin, valid);

        try (RunningLedger ledger = RunningLedger.submit(job, EngineJob::build);
                KafkaTestClient shop =
                        new KafkaTestClient(
                                KAFKA.bootstrapServers(), clientLogin(SHOP, SHOP_PASSWORD));
                KafkaTestClient engine =
                        new KafkaTestClient(
                                KAFKA.bootstrapServers(), clientLogin(ENGINE, ENGINE_PASSWORD))) {
            ledger.awaitAllResolved(published, DEADLINE);
            ReferenceCheck.assertMatchesReference(shop, run);

            assertDenied(() -> shop.send(Topics.POS.name(), "SKU-1", new byte[] {1}, 0L));
            assertDenied(() -> shop.send(Topics.RESERVATIONS.name(), "SKU-1", new byte[] {1}, 0L));
            assertDenied(
                    () -> shop.send(Topics.AVAILABILITY.name(), "SKU-1|S1", new byte[] {1}, 0L));
            assertDenied(() -> engine.send(Topics.WMS.name(), "SKU-1", new byte[] {1}, 0L));
        }
    }

    private static void assertDenied(Runnable write) {
        assertThatThrownBy(write::run)
                .satisfies(
                        e ->
                                assertThat(
                                                ExceptionUtils.findThrowable(
                                                        e, AuthorizationException.class))
                                        .as(
                                                "refused for want of an ACL (a topic's, or the"
                                                        + " cluster's for a principal that may"
                                                        + " write nowhere)")
                                        .isPresent());
    }

    /** The job's login options, the password in a file as in production. */
    private static Configuration login(String user, String password) throws Exception {
        Path file = Files.writeString(secrets.resolve(user + "-password"), password + "\n");
        return Configuration.fromMap(
                Map.of(
                        "kafka.security.protocol",
                        "SASL_PLAINTEXT",
                        "kafka.sasl.mechanism",
                        "SCRAM-SHA-256",
                        "kafka.sasl.username",
                        user,
                        "kafka.sasl.password-file",
                        file.toString()));
    }

    /** A test client's login; denied writes fail fast instead of retrying for minutes. */
    private static Properties clientLogin(String user, String password) throws Exception {
        Properties props = KafkaOptions.clientProperties(login(user, password));
        props.setProperty(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        props.setProperty(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        props.setProperty(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000");
        props.setProperty(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        return props;
    }
}
