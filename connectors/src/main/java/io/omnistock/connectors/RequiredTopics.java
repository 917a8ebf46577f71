package io.omnistock.connectors;

import io.omnistock.contracts.TopicSpec;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Checks, before a job builds its graph, that every topic it reads or writes exists. A job
 * submitted without its topics would otherwise be accepted and then restart without end on {@code
 * UnknownTopicOrPartitionException}; this fails the submission with one message naming the missing
 * topics and the command that creates them.
 */
public final class RequiredTopics {
    /** How long the broker has to list its topics. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    /**
     * Throws {@link MissingTopicsException} unless every topic of {@code topics} exists on the
     * brokers of {@code conf} ({@link KafkaOptions#BOOTSTRAP_SERVERS}, with its security and client
     * options), or the brokers cannot be asked within {@link #TIMEOUT}.
     */
    @SafeVarargs
    public static void check(Configuration conf, Collection<TopicSpec<?>>... topics) {
        String bootstrap = conf.get(KafkaOptions.BOOTSTRAP_SERVERS);
        Properties props = KafkaOptions.clientProperties(conf);
        props.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.setProperty(
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(TIMEOUT.toMillis()));
        Set<String> existing;
        try (Admin admin = Admin.create(props)) {
            existing = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing Kafka topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new MissingTopicsException(
                    "Cannot list the topics of Kafka at "
                            + bootstrap
                            + " within "
                            + TIMEOUT.toSeconds()
                            + " s (is kafka.bootstrap-servers right and the broker up?): "
                            + (e.getCause() == null ? e : e.getCause()).getMessage());
        }
        List<String> missing =
                Stream.of(topics)
                        .flatMap(Collection::stream)
                        .map(TopicSpec::name)
                        .filter(name -> !existing.contains(name))
                        .distinct()
                        .sorted()
                        .toList();
        if (!missing.isEmpty()) {
            throw new MissingTopicsException(message(bootstrap, missing));
        }
    }

    /** The one-paragraph explanation {@link #check} fails with. */
    static String message(String bootstrap, List<String> missing) {
        return "Missing Kafka topics at "
                + bootstrap
                + ": "
                + String.join(", ", missing)
                + ". The job needs them before it starts (it would otherwise restart without end)."
                + " Create every topic of the catalog with: ./omnistock topics create --bootstrap "
                + bootstrap;
    }

    /** A job's topics are missing, or the brokers cannot say which exist. */
    public static final class MissingTopicsException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        MissingTopicsException(String message) {
            super(message);
        }
    }

    private RequiredTopics() {}
}
