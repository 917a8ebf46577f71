package io.omnistock.ops;

import io.omnistock.contracts.TopicSpec;
import io.omnistock.contracts.Topics;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code omnistock topics describe}: each catalog topic's settings against the catalog's. */
@Command(
        name = "describe",
        mixinStandardHelpOptions = true,
        description = {
            "Show each catalog topic's settings and whether they match the catalog.",
            "Shows each catalog topic's partitions, replicas, cleanup.policy and retention.ms on"
                    + " the cluster, and whether they match the catalog.",
            "Exits with 1 when a topic is missing or differs."
        })
final class DescribeTopicsCommand implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin KafkaConnectionOptions kafka;

    @Override
    public Integer call() throws InterruptedException, ExecutionException {
        List<String> names = Topics.all().stream().map(TopicSpec::name).toList();
        TextTable table =
                new TextTable(
                        "TOPIC",
                        "PARTITIONS",
                        "REPLICAS",
                        "CLEANUP.POLICY",
                        "RETENTION.MS",
                        "MATCHES CATALOG");
        int matching = 0;
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            Set<String> existing = admin.listTopics().names().get();
            List<String> present = names.stream().filter(existing::contains).toList();
            Map<String, TopicDescription> descriptions =
                    admin.describeTopics(present).allTopicNames().get();
            Map<String, Map<String, String>> configs = configs(admin, present);
            for (TopicSpec<?> topic : Topics.all()) {
                TopicDescription description = descriptions.get(topic.name());
                if (description == null) {
                    table.row(topic.name(), "-", "-", "-", "-", "no: missing");
                    continue;
                }
                Map<String, String> config = configs.get(topic.name());
                List<String> differences = TopicSettingsCheck.differences(topic, config);
                if (differences.isEmpty()) {
                    matching++;
                }
                table.row(
                        topic.name(),
                        description.partitions().size(),
                        description.partitions().get(0).replicas().size(),
                        config.get(TopicConfig.CLEANUP_POLICY_CONFIG),
                        config.get(TopicConfig.RETENTION_MS_CONFIG),
                        differences.isEmpty() ? "yes" : "no: " + String.join("; ", differences));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        table.print(out);
        out.printf("%d of %d topics match the catalog%n", matching, names.size());
        out.flush();
        return matching == names.size() ? 0 : 1;
    }

    private static Map<String, Map<String, String>> configs(Admin admin, List<String> topics)
            throws InterruptedException, ExecutionException {
        List<ConfigResource> resources =
                topics.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
        Map<ConfigResource, Config> described = admin.describeConfigs(resources).all().get();
        Map<String, Map<String, String>> configs = new HashMap<>();
        described.forEach(
                (resource, config) ->
                        configs.put(
                                resource.name(),
                                config.entries().stream()
                                        .filter(e -> e.value() != null)
                                        .collect(
                                                Collectors.toMap(
                                                        ConfigEntry::name, ConfigEntry::value))));
        return configs;
    }
}
