package io.omnistock.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.contracts.Topics;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicSettingsCheckTest {

    @Test
    void aCompactedTopicThatDeletesDiffers() {
        assertThat(
                        TopicSettingsCheck.differences(
                                Topics.AVAILABILITY, Map.of("cleanup.policy", "delete")))
                .containsExactly("cleanup.policy=delete (catalog: compact)");
        assertThat(
                        TopicSettingsCheck.differences(
                                Topics.AVAILABILITY, Map.of("cleanup.policy", "compact")))
                .isEmpty();
    }

    @Test
    void anEventTopicMustKeepThirtyDays() {
        assertThat(
                        TopicSettingsCheck.differences(
                                Topics.DECISIONS,
                                Map.of("cleanup.policy", "delete", "retention.ms", "604800000")))
                .containsExactly("retention.ms=604800000 (catalog: 2592000000)");
        assertThat(TopicSettingsCheck.catalogSettings(Topics.DECISIONS))
                .isEqualTo("retention.ms=2592000000");
    }
}
