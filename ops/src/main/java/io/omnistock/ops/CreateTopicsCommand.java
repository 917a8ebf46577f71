package io.omnistock.ops;

import io.omnistock.contracts.TopicAdmin;
import io.omnistock.contracts.TopicSpec;
import io.omnistock.contracts.Topics;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code omnistock topics create}: every catalog topic, with the engine's own settings. */
@Command(
        name = "create",
        mixinStandardHelpOptions = true,
        description = {
            "Create the catalog's missing topics with the engine's settings.",
            "Creates every topic of the catalog that is missing: availability topics and"
                    + " the reference topics (network.nodes, reference.skus,"
                    + " reference.safety-stock) and routing.rules compacted"
                    + " (cleanup.policy=compact), the others"
                    + " kept 30 days"
                    + " (retention.ms). Topics that already exist are left unchanged;"
                    + " check them with 'omnistock topics describe'."
        })
final class CreateTopicsCommand implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin KafkaConnectionOptions kafka;

    @Option(
            names = "--partitions",
            paramLabel = "N",
            defaultValue = "4",
            description =
                    "Partitions per topic (default: ${DEFAULT-VALUE}); the jobs' parallelism"
                            + " cannot usefully exceed it.")
    int partitions;

    @Option(
            names = "--replication-factor",
            paramLabel = "N",
            description =
                    "Replicas per partition (default: the broker's default.replication.factor).")
    Short replicationFactor;

    @Override
    public Integer call() {
        if (partitions < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--partitions must be at least 1");
        }
        if (replicationFactor != null && replicationFactor < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--replication-factor must be at least 1");
        }
        Set<String> created =
                TopicAdmin.createTopics(
                        kafka.bootstrapServers(),
                        kafka.clientProperties(),
                        Topics.all(),
                        partitions,
                        Optional.ofNullable(replicationFactor));
        TextTable table = new TextTable("TOPIC", "RESULT", "SETTINGS");
        for (TopicSpec<?> topic : Topics.all()) {
            table.row(
                    topic.name(),
                    created.contains(topic.name()) ? "created" : "already there",
                    TopicSettingsCheck.catalogSettings(topic));
        }
        PrintWriter out = spec.commandLine().getOut();
        table.print(out);
        out.printf(
                "%d created, %d already there%n",
                created.size(), Topics.all().size() - created.size());
        out.flush();
        return 0;
    }
}
