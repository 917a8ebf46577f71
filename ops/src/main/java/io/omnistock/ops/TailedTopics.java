package io.omnistock.ops;

import io.omnistock.contracts.TopicSpec;
import io.omnistock.contracts.Topics;
import java.util.List;

/** What {@code omnistock tail} can follow, each a group of catalog topics. */
enum TailedTopics {
    decisions(Topics.DECISIONS),
    metrics(Topics.METRICS_SUSTAINABILITY, Topics.METRICS_OPERATIONS),
    deadletters(Topics.DEADLETTER),
    alerts(Topics.ALERTS),
    returns(Topics.RETURN_DISPOSITIONS);

    private final List<TopicSpec<?>> topics;

    TailedTopics(TopicSpec<?>... topics) {
        this.topics = List.of(topics);
    }

    List<TopicSpec<?>> topics() {
        return topics;
    }
}
