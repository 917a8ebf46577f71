package io.omnistock.connectors;

import io.omnistock.contracts.TopicAdmin;
import io.omnistock.contracts.Topics;
import org.apache.flink.configuration.Configuration;

/** Creates the topic catalog on the cluster a job's Flink configuration names. */
public final class KafkaTopics {

    /**
     * Creates every topic of the catalog on the cluster of {@code conf} ({@link
     * KafkaOptions#BOOTSTRAP_SERVERS} and the {@code kafka.client.*} properties), as {@link
     * TopicAdmin#createTopics} does.
     */
    public static void ensureLedgerTopics(Configuration conf, int partitions) {
        TopicAdmin.createTopics(
                conf.get(KafkaOptions.BOOTSTRAP_SERVERS),
                KafkaOptions.clientProperties(conf),
                Topics.all(),
                partitions);
    }

    private KafkaTopics() {}
}
