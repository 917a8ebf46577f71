package io.omnistock.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicAdminTest {

    @Test
    void aCompactedTopicKeepsTheLatestValuePerKey() {
        NewTopic topic = TopicAdmin.newTopic(Topics.AVAILABILITY, 4);

        assertThat(topic.name()).isEqualTo("inventory.availability");
        assertThat(topic.numPartitions()).isEqualTo(4);
        assertThat(topic.replicationFactor()).as("broker default").isEqualTo((short) -1);
        assertThat(topic.configs()).isEqualTo(Map.of("cleanup.policy", "compact"));
    }

    @Test
    void anEventTopicIsKeptThirtyDays() {
        NewTopic topic = TopicAdmin.newTopic(Topics.POS, 2);

        assertThat(topic.configs()).isEqualTo(Map.of("retention.ms", "2592000000"));
    }

    @Test
    void aGivenReplicationFactorIsRequested() {
        NewTopic topic = TopicAdmin.newTopic(Topics.DECISIONS, 3, Optional.of((short) 3));

        assertThat(topic.replicationFactor()).isEqualTo((short) 3);
        assertThat(topic.configs()).isEqualTo(TopicAdmin.topicConfigs(Topics.DECISIONS));
    }
}
