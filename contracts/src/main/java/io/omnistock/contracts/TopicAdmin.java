package io.omnistock.contracts;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the catalog's topics. Idempotent: topics that already exist are left as they are.
 * Compacted topics get {@code cleanup.policy=compact}, the others a retention of {@link #RETENTION}
 * ({@link #topicConfigs}); the replication factor is the broker's default unless given. Returns
 * only once every topic has a leader for each partition, so a job started right after can read and
 * write them.
 */
public final class TopicAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);

    /** Retention of the non-compacted topics. */
    public static final Duration RETENTION = Duration.ofDays(30);

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final long READY_POLL_MILLIS = 50;

    /** Creates the missing ones of {@code topics} with {@code partitions} partitions each. */
    public static void createTopics(
            String bootstrapServers,
            Properties clientProps,
            Collection<TopicSpec<?>> topics,
            int partitions) {
        createTopics(bootstrapServers, clientProps, topics, partitions, Optional.empty());
    }

    /**
     * Creates the missing ones of {@code topics} with {@code partitions} partitions each and {@code
     * replicationFactor} replicas (empty: the broker's default).
     *
     * @return the names of the topics it created; the others already existed and are unchanged
     */
    public static Set<String> createTopics(
            String bootstrapServers,
            Properties clientProps,
            Collection<TopicSpec<?>> topics,
            int partitions,
            Optional<Short> replicationFactor) {
        Properties props = new Properties();
        props.putAll(clientProps);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            Set<String> created =
                    create(
                            admin,
                            topics.stream()
                                    .map(t -> newTopic(t, partitions, replicationFactor))
                                    .toList());
            awaitLeaders(admin, topics.stream().map(TopicSpec::name).collect(Collectors.toSet()));
            return created;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while creating topics", e);
        }
    }

    /**
     * The topic settings the catalog gives {@code topic}: {@code cleanup.policy=compact} when it is
     * compacted, else {@code retention.ms} of {@link #RETENTION}.
     */
    public static Map<String, String> topicConfigs(TopicSpec<?> topic) {
        return topic.compacted()
                ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                : Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(RETENTION.toMillis()));
    }

    static NewTopic newTopic(TopicSpec<?> topic, int partitions) {
        return newTopic(topic, partitions, Optional.empty());
    }

    static NewTopic newTopic(
            TopicSpec<?> topic, int partitions, Optional<Short> replicationFactor) {
        return new NewTopic(topic.name(), Optional.of(partitions), replicationFactor)
                .configs(topicConfigs(topic));
    }

    private static Set<String> create(Admin admin, List<NewTopic> topics)
            throws InterruptedException {
        Set<String> created = new TreeSet<>();
        var results = admin.createTopics(topics).values();
        for (var entry : results.entrySet()) {
            try {
                entry.getValue().get();
                LOG.info("Created topic {}", entry.getKey());
                created.add(entry.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new KafkaException("cannot create topic " + entry.getKey(), e.getCause());
                }
                LOG.info("Topic {} already exists", entry.getKey());
            }
        }
        return created;
    }

    private static void awaitLeaders(Admin admin, Set<String> names) throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            List<String> notReady = topicsWithoutLeaders(admin, names);
            if (notReady.isEmpty()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new KafkaException(
                        "topics without a leader after " + READY_TIMEOUT + ": " + notReady);
            }
            TimeUnit.MILLISECONDS.sleep(READY_POLL_MILLIS);
        }
    }

    private static List<String> topicsWithoutLeaders(Admin admin, Set<String> names)
            throws InterruptedException {
        try {
            Map<String, TopicDescription> descriptions =
                    admin.describeTopics(names).allTopicNames().get();
            return descriptions.values().stream()
                    .filter(d -> d.partitions().stream().anyMatch(p -> p.leader() == null))
                    .map(TopicDescription::name)
                    .toList();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return List.copyOf(names);
            }
            throw new KafkaException("cannot describe topics " + names, e.getCause());
        }
    }

    private TopicAdmin() {}
}
