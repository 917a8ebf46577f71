package io.omnistock.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.IllegalConfigurationException;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaSecurityTest {
    private static final String SECRET = "s3cr\"et\\pa ss";
    private static final Function<String, String> NO_ENV = name -> null;

    @TempDir Path dir;

    @Test
    void plaintextByDefaultAddsNoSecuritySettings() {
        Configuration conf = new Configuration();

        assertThat(conf.get(KafkaSecurity.SECURITY_PROTOCOL))
                .isEqualTo(KafkaSecurity.Protocol.PLAINTEXT);
        assertThat(KafkaOptions.clientProperties(conf, NO_ENV)).isEmpty();
    }

    @Test
    void scramPasswordFromTheDefaultEnvironmentVariableBecomesAJaasLogin() {
        Configuration conf =
                Configuration.fromMap(
                        Map.of(
                                "kafka.security.protocol", "SASL_SSL",
                                "kafka.sasl.mechanism", "scram-sha-256",
                                "kafka.sasl.username", "ledger"));

        Properties props =
                KafkaOptions.clientProperties(
                        conf, Map.of(KafkaSecurity.DEFAULT_PASSWORD_ENV, SECRET)::get);

        assertThat(props)
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-256");
        assertThat(login(props))
                .satisfies(
                        e ->
                                assertThat(e.getLoginModuleName())
                                        .isEqualTo(
                                                "org.apache.kafka.common.security.scram.ScramLoginModule"))
                .satisfies(
                        e ->
                                assertThat(options(e))
                                        .containsOnly(
                                                entry("username", "ledger"),
                                                entry("password", SECRET)));
    }

    @Test
    void plainPasswordFromAFileWinsOverTheEnvironmentAndLosesOneTrailingLineBreak()
            throws Exception {
        Path file = Files.writeString(dir.resolve("kafka-password"), SECRET + "\n");
        Configuration conf =
                Configuration.fromMap(
                        Map.of(
                                "kafka.security.protocol", "SASL_PLAINTEXT",
                                "kafka.sasl.mechanism", "PLAIN",
                                "kafka.sasl.username", "ledger",
                                "kafka.sasl.password-file", file.toString()));

        Properties props =
                KafkaOptions.clientProperties(
                        conf, Map.of(KafkaSecurity.DEFAULT_PASSWORD_ENV, "not this one")::get);

        assertThat(props).containsEntry("sasl.mechanism", "PLAIN");
        assertThat(login(props).getLoginModuleName())
                .isEqualTo("org.apache.kafka.common.security.plain.PlainLoginModule");
        assertThat(options(login(props))).containsEntry("password", SECRET);
    }

    @Test
    void theEnvironmentVariableNameIsAnOption() {
        Configuration conf = sasl("kafka.sasl.password-env", "MY_KAFKA_PW");

        Properties props = KafkaOptions.clientProperties(conf, Map.of("MY_KAFKA_PW", SECRET)::get);

        assertThat(options(login(props))).containsEntry("password", SECRET);
    }

    @Test
    void noPasswordIsEverInTheConfiguration() throws Exception {
        Path file = Files.writeString(dir.resolve("kafka-password"), SECRET);
        Configuration conf = sasl("kafka.sasl.password-file", file.toString());

        Properties props = KafkaOptions.clientProperties(conf, NO_ENV);

        assertThat(props.getProperty("sasl.jaas.config")).contains("s3cr");
        assertThat(conf.toString()).doesNotContain("s3cr");
        assertThat(conf.toMap().values()).noneMatch(v -> v.contains("s3cr"));
    }

    @Test
    void aMissingEnvironmentVariableFailsFastNamingIt() {
        Configuration conf = sasl("kafka.sasl.mechanism", "SCRAM-SHA-512");

        assertThatThrownBy(() -> KafkaOptions.clientProperties(conf, NO_ENV))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessageContaining("OMNISTOCK_KAFKA_PASSWORD")
                .hasMessageContaining("kafka.sasl.password-file");
    }

    @Test
    void aMissingOrEmptyPasswordFileFailsFastNamingIt() throws Exception {
        Path missing = dir.resolve("no-such-file");
        Path empty = Files.writeString(dir.resolve("empty"), "\n", StandardCharsets.UTF_8);

        assertThatThrownBy(
                        () ->
                                KafkaOptions.clientProperties(
                                        sasl("kafka.sasl.password-file", missing.toString()),
                                        NO_ENV))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("kafka.sasl.password-file");
        assertThatThrownBy(
                        () ->
                                KafkaOptions.clientProperties(
                                        sasl("kafka.sasl.password-file", empty.toString()), NO_ENV))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessageContaining(empty.toString())
                .hasMessageContaining("empty");
    }

    @Test
    void saslNeedsAUserAndAKnownMechanism() {
        Configuration noUser =
                Configuration.fromMap(Map.of("kafka.security.protocol", "SASL_PLAINTEXT"));
        Configuration badMechanism = sasl("kafka.sasl.mechanism", "GSSAPI");

        assertThatThrownBy(() -> KafkaOptions.clientProperties(noUser, n -> SECRET))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessageContaining("kafka.sasl.username");
        assertThatThrownBy(() -> KafkaOptions.clientProperties(badMechanism, n -> SECRET))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessageContaining("kafka.sasl.mechanism")
                .hasMessageContaining("GSSAPI");
    }

    @Test
    void explicitClientKeysWinAndAPassedThroughLoginNeedsNoSecret() {
        Map<String, String> options = new HashMap<>();
        options.put("kafka.security.protocol", "SASL_PLAINTEXT");
        options.put(
                "kafka.client.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required;");
        options.put("kafka.client.sasl.mechanism", "PLAIN");
        Configuration conf = Configuration.fromMap(options);

        Properties props = KafkaOptions.clientProperties(conf, NO_ENV);

        assertThat(props)
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry(
                        "sasl.jaas.config",
                        "org.apache.kafka.common.security.plain.PlainLoginModule required;");
    }

    @Test
    void sslTruststoreWithItsPasswordFromTheEnvironmentOrWithout() {
        Configuration conf =
                Configuration.fromMap(
                        Map.of(
                                "kafka.security.protocol", "SSL",
                                "kafka.ssl.truststore-location", "/etc/kafka/truststore.p12"));

        Properties withPassword =
                KafkaOptions.clientProperties(
                        conf,
                        Map.of(KafkaSecurity.DEFAULT_TRUSTSTORE_PASSWORD_ENV, "changeit")::get);
        Properties without = KafkaOptions.clientProperties(conf, NO_ENV);

        assertThat(withPassword)
                .containsOnly(
                        entry("security.protocol", "SSL"),
                        entry("ssl.truststore.location", "/etc/kafka/truststore.p12"),
                        entry("ssl.truststore.password", "changeit"));
        assertThat(without)
                .containsOnly(
                        entry("security.protocol", "SSL"),
                        entry("ssl.truststore.location", "/etc/kafka/truststore.p12"));
    }

    @Test
    void topicAdminFailsFastWithoutTheSecret() {
        Configuration conf = sasl("kafka.sasl.password-env", "OMNISTOCK_TEST_UNSET_VARIABLE");

        assertThatThrownBy(() -> KafkaTopics.ensureLedgerTopics(conf, 1))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessageContaining("OMNISTOCK_TEST_UNSET_VARIABLE");
    }

    /** SASL_PLAINTEXT for user {@code ledger}, plus {@code key: value}. */
    private static Configuration sasl(String key, String value) {
        Map<String, String> options = new HashMap<>();
        options.put("kafka.security.protocol", "SASL_PLAINTEXT");
        options.put("kafka.sasl.username", "ledger");
        options.put(key, value);
        return Configuration.fromMap(options);
    }

    private static Map<String, Object> options(AppConfigurationEntry login) {
        return new HashMap<>(login.getOptions());
    }

    /** The login Kafka reads from {@code sasl.jaas.config}. */
    private static AppConfigurationEntry login(Properties props) {
        List<AppConfigurationEntry> entries =
                JaasContext.loadClientContext(
                                Map.of(
                                        "sasl.jaas.config",
                                        new Password(props.getProperty("sasl.jaas.config"))))
                        .configurationEntries();
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }
}
