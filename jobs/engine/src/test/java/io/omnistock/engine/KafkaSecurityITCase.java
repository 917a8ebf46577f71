package io.omnistock.engine;

import static io.omnistock.engine.ReferenceCheck.DEADLINE;
import static io.omnistock.engine.ReferenceCheck.assertMatchesReference;
import static io.omnistock.engine.ReferenceCheck.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnistock.connectors.KafkaOptions;
import io.omnistock.connectors.KafkaOptions.DeliveryMode;
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
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger job on a real broker that accepts only authenticated clients (SASL_PLAINTEXT,
 * SCRAM-SHA-256). Configured with {@code kafka.security.protocol}, {@code kafka.sasl.*} and its
 * password in a file, the job reads its inputs and publishes availability that equals the reference
 * ledger, in exactly-once mode (transactions over the authenticated listener); clients without a
 * login, with a wrong password or an unknown user are refused.
 */
class KafkaSecurityITCase {
    private static final String USER = "omnistock-ledger";

    /** Made up for this run: no secret is stored anywhere. */
    private static final String PASSWORD = "pw-" + UUID.randomUUID();

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.withScramUser(USER, PASSWORD);

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    @TempDir static Path secrets;

    @BeforeAll
    static void createTopics() {
        KAFKA.createTopics(Topics.all(), 2);
    }

    @Test
    void theLedgerWithTheRightCredentialsPublishesAvailabilityThatAnAuthenticatedConsumerReads()
            throws Exception {
        Configuration security = security(USER, passwordFile("ledger-password", PASSWORD));
        Properties login = KafkaOptions.clientProperties(security);
        GeneratedRun run =
                RetailEventGenerator.generate(
                        NetworkConfig.small().withSeed(13).withDuration(Duration.ofHours(6)));
        List<GeneratedRecord> valid =
                run.records().stream()
                        .filter(r -> r.kind() != GeneratedRecord.Kind.MALFORMED)
                        .toList();
        String kafka = KAFKA.bootstrapServers();
        long published = publish(kafka, login, run.nodeRecords()) + publish(kafka, login, valid);

        try (RunningLedger ledger =
                        RunningLedger.start(
                                kafka,
                                DeliveryMode.EXACTLY_ONCE,
                                Duration.ofMillis(500),
                                security);
                KafkaTestClient client = new KafkaTestClient(kafka, login)) {
            ledger.awaitAllResolved(published, DEADLINE);

            assertMatchesReference(client, run);
        }
        System.out.printf(
                "KafkaSecurityITCase: %d records in over SASL/SCRAM, availability of %d positions"
                        + " matches the reference ledger%n",
                published, run.reference().positions().size());
        assertThat(security.toString()).doesNotContain(PASSWORD);
    }

    @Test
    void aWrongPasswordIsRefusedWithAnAuthenticationError() throws Exception {
        Configuration wrong = security(USER, passwordFile("wrong-password", PASSWORD + "-not"));

        try (KafkaTestClient client = new KafkaTestClient(KAFKA.bootstrapServers(), login(wrong))) {
            assertThatThrownBy(() -> client.readAll(Topics.AVAILABILITY, Duration.ofMillis(100)))
                    .isInstanceOf(SaslAuthenticationException.class)
                    .hasMessageContaining("invalid credentials");
            assertThatThrownBy(() -> client.send(Topics.POS.name(), "sku", new byte[] {1}, 0L))
                    .satisfies(
                            e ->
                                    assertThat(
                                                    ExceptionUtils.findThrowable(
                                                            e, SaslAuthenticationException.class))
                                            .isPresent());
        }
    }

    @Test
    void anUnknownUserIsRefusedWithAnAuthenticationError() throws Exception {
        Configuration stranger = security("stranger", passwordFile("stranger-password", PASSWORD));

        try (KafkaTestClient consumer =
                new KafkaTestClient(KAFKA.bootstrapServers(), login(stranger))) {
            assertThatThrownBy(() -> consumer.readAll(Topics.AVAILABILITY, Duration.ofMillis(100)))
                    .isInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void aClientWithoutALoginGetsNothing() {
        // A PLAINTEXT client cannot even start the SASL handshake: the broker closes every
        // connection it opens, so it never learns the topic exists.
        Properties none = new Properties();
        none.setProperty(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");

        try (KafkaTestClient consumer = new KafkaTestClient(KAFKA.bootstrapServers(), none)) {
            assertThatThrownBy(() -> consumer.readAll(Topics.AVAILABILITY, Duration.ofMillis(100)))
                    .isInstanceOf(TimeoutException.class);
        }
    }

    @Test
    void aJobConfiguredForSaslWithoutItsSecretFailsBeforeItStarts() {
        Configuration noSecret =
                Configuration.fromMap(
                        Map.of(
                                "kafka.bootstrap-servers", KAFKA.bootstrapServers(),
                                "kafka.security.protocol", "SASL_PLAINTEXT",
                                "kafka.sasl.mechanism", "SCRAM-SHA-256",
                                "kafka.sasl.username", USER,
                                "kafka.sasl.password-env", "OMNISTOCK_IT_UNSET_VARIABLE"));

        assertThatThrownBy(
                        () -> EngineJob.build(EngineJob.environment(new Configuration()), noSecret))
                .hasMessageContaining("OMNISTOCK_IT_UNSET_VARIABLE");
    }

    private static Configuration security(String user, Path passwordFile) {
        return Configuration.fromMap(
                Map.of(
                        "kafka.security.protocol",
                        "SASL_PLAINTEXT",
                        "kafka.sasl.mechanism",
                        "SCRAM-SHA-256",
                        "kafka.sasl.username",
                        user,
                        "kafka.sasl.password-file",
                        passwordFile.toString()));
    }

    private static Properties login(Configuration security) {
        Properties props = KafkaOptions.clientProperties(security);
        props.setProperty(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        return props;
    }

    private static Path passwordFile(String name, String password) throws Exception {
        return Files.writeString(secrets.resolve(name), password + "\n");
    }
}
