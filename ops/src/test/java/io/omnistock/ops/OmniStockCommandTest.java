package io.omnistock.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.DeadLetterReason;
import io.omnistock.contracts.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Argument parsing and the options every command shares; no broker needed. */
class OmniStockCommandTest {

    @Test
    void anUnknownTailTargetIsAUsageErrorNamingTheChoices() {
        StringWriter err = new StringWriter();
        CommandLine cli = OmniStockCommand.commandLine();
        cli.setErr(new PrintWriter(err));

        int exitCode = cli.execute("tail", "orders");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString())
                .contains(
                        "'orders' is not one of decisions, metrics, deadletters, alerts, returns,"
                                + " availability, network, groups, quotes, discrepancies, counts,"
                                + " holds, reconciliation, nor an output topic (inventory.availability, ");
    }

    @Test
    void tailTakesEveryOutputTopicByShortNameOrTopicName() {
        assertThat(TailedTopics.parse("Availability")).containsExactly(Topics.AVAILABILITY);
        assertThat(TailedTopics.parse("groups")).containsExactly(Topics.GROUP_AVAILABILITY);
        assertThat(TailedTopics.parse("inventory.count-checks"))
                .containsExactly(Topics.COUNT_CHECKS);
        assertThat(TailedTopics.parse("metrics"))
                .containsExactly(Topics.METRICS_SUSTAINABILITY, Topics.METRICS_OPERATIONS);
        assertThat(TailedTopics.parse("reconciliation"))
                .containsExactly(Topics.METRICS_RECONCILIATION);
        for (var topic : Topics.LEDGER_OUTPUTS) {
            assertThat(TailedTopics.parse(topic.name())).containsExactly(topic);
        }
    }

    @Test
    void replayParsesItsFilters() {
        CommandLine cli = OmniStockCommand.commandLine();

        CommandLine.ParseResult parsed =
                cli.parseArgs(
                        "deadletters",
                        "replay",
                        "--reason",
                        "UNKNOWN_NODE",
                        "--topic",
                        "inventory.wms",
                        "--dry-run");

        ReplayDeadLettersCommand replay =
                parsed.subcommand().subcommand().commandSpec().commandLine().getCommand();
        assertThat(replay.reason).isEqualTo(DeadLetterReason.UNKNOWN_NODE);
        assertThat(replay.topic).isEqualTo("inventory.wms");
        assertThat(replay.dryRun).isTrue();
    }

    @Test
    void theConfigFileIsReadAsTheJobsReadItAndBootstrapWins(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("engine.properties");
        Files.writeString(
                config,
                "kafka.bootstrap-servers: kafka-1:9092\n"
                        + "kafka.client.client.id: ops\n"
                        + "kafka.security.protocol: SASL_SSL\n"
                        + "kafka.sasl.mechanism: SCRAM-SHA-512\n"
                        + "kafka.sasl.username: ops\n"
                        + "kafka.sasl.password-env: OPS_TEST_PASSWORD_THAT_IS_NOT_SET\n"
                        + "kafka.client.sasl.jaas.config: from-file\n");

        KafkaConnectionOptions fromFile = connection("--config", config.toString());
        KafkaConnectionOptions overridden =
                connection("--config", config.toString(), "--bootstrap", "other:9093");

        assertThat(fromFile.bootstrapServers()).isEqualTo("kafka-1:9092");
        assertThat(overridden.bootstrapServers()).isEqualTo("other:9093");
        assertThat(fromFile.clientProperties())
                .containsEntry("bootstrap.servers", "kafka-1:9092")
                .containsEntry("client.id", "ops")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        assertThat(fromFile.consumerProperties())
                .containsEntry("isolation.level", "read_committed");
    }

    @Test
    void withoutOptionsTheJobsDefaultBrokerIsUsed() {
        assertThat(connection().bootstrapServers()).isEqualTo("localhost:9092");
    }

    private static KafkaConnectionOptions connection(String... args) {
        CommandLine cli = OmniStockCommand.commandLine();
        String[] all = new String[args.length + 2];
        all[0] = "availability";
        all[1] = "--sku=s";
        System.arraycopy(args, 0, all, 2, args.length);
        CommandLine.ParseResult parsed = cli.parseArgs(all);
        AvailabilityCommand command = parsed.subcommand().commandSpec().commandLine().getCommand();
        return command.kafka;
    }
}
