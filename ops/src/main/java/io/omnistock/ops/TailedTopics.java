package io.omnistock.ops;

import io.omnistock.contracts.TopicSpec;
import io.omnistock.contracts.Topics;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * What {@code omnistock tail} can follow: every output topic, by a short name (a group for {@code
 * metrics}) or by its topic name.
 */
enum TailedTopics {
    decisions(Topics.DECISIONS),
    metrics(Topics.METRICS_SUSTAINABILITY, Topics.METRICS_OPERATIONS),
    deadletters(Topics.DEADLETTER),
    alerts(Topics.ALERTS),
    returns(Topics.RETURN_DISPOSITIONS),
    availability(Topics.AVAILABILITY),
    network(Topics.NETWORK_AVAILABILITY),
    groups(Topics.GROUP_AVAILABILITY),
    quotes(Topics.QUOTE_RESPONSES),
    discrepancies(Topics.DISCREPANCIES),
    counts(Topics.COUNT_CHECKS),
    holds(Topics.HOLD_EVENTS),
    reconciliation(Topics.METRICS_RECONCILIATION);

    private final List<TopicSpec<?>> topics;

    TailedTopics(TopicSpec<?>... topics) {
        this.topics = List.of(topics);
    }

    List<TopicSpec<?>> topics() {
        return topics;
    }

    /** The output topics {@code name} stands for: a short name or one output topic's name. */
    static List<TopicSpec<?>> parse(String name) {
        for (TailedTopics t : values()) {
            if (t.name().equalsIgnoreCase(name)) {
                return t.topics();
            }
        }
        return outputs()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .map(t -> List.<TopicSpec<?>>of(t))
                .orElseThrow(
                        () ->
                                new CommandLine.TypeConversionException(
                                        "'"
                                                + name
                                                + "' is not one of "
                                                + Arrays.stream(values())
                                                        .map(Enum::name)
                                                        .collect(Collectors.joining(", "))
                                                + ", nor an output topic ("
                                                + outputs()
                                                        .map(TopicSpec::name)
                                                        .collect(Collectors.joining(", "))
                                                + ")"));
    }

    private static Stream<TopicSpec<?>> outputs() {
        return Stream.of(Topics.LEDGER_OUTPUTS, Topics.ANALYTICS_OUTPUTS).flatMap(List::stream);
    }

    /** The parsed {@code WHAT} parameter: the topics it stands for. */
    record Choice(List<TopicSpec<?>> topics) {}

    /** picocli's converter for the {@code WHAT} parameter. */
    static final class Converter implements CommandLine.ITypeConverter<Choice> {
        @Override
        public Choice convert(String value) {
            return new Choice(parse(value));
        }
    }
}
