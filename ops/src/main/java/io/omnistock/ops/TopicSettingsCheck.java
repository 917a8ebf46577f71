package io.omnistock.ops;

import io.omnistock.contracts.TopicAdmin;
import io.omnistock.contracts.TopicSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Compares a topic's settings on the cluster with the ones the catalog gives it. */
final class TopicSettingsCheck {
    private TopicSettingsCheck() {}

    /** The catalog's settings of {@code topic}, as {@code key=value} pairs. */
    static String catalogSettings(TopicSpec<?> topic) {
        return new TreeMap<>(TopicAdmin.topicConfigs(topic))
                .entrySet().stream()
                        .map(e -> e.getKey() + '=' + e.getValue())
                        .collect(Collectors.joining(", "));
    }

    /**
     * How {@code actual} (the topic's configuration on the cluster) differs from the catalog, one
     * entry per setting; empty when it matches.
     */
    static List<String> differences(TopicSpec<?> topic, Map<String, String> actual) {
        List<String> differences = new ArrayList<>();
        new TreeMap<>(TopicAdmin.topicConfigs(topic))
                .forEach(
                        (key, expected) -> {
                            String value = actual.get(key);
                            if (!expected.equals(value)) {
                                differences.add(key + '=' + value + " (catalog: " + expected + ')');
                            }
                        });
        return differences;
    }
}
