package io.omnistock.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.omnistock.connectors.RequiredTopics;
import io.omnistock.connectors.RequiredTopics.MissingTopicsException;
import io.omnistock.contracts.TopicSpec;
import io.omnistock.contracts.Topics;
import io.omnistock.testing.KafkaBrokerExtension;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The engine job's main checks its topics on the real broker before it builds anything: with some
 * missing it fails at once with one message naming exactly those and the command that creates them
 * (the submission fails, instead of a job that restarts without end); with all there it passes.
 */
class MissingTopicsITCase {
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @Test
    void mainFailsNamingTheMissingTopicsAndTheCommandThatCreatesThem() throws Exception {
        List<TopicSpec<?>> present = List.of(Topics.POS, Topics.WMS, Topics.AVAILABILITY);
        KAFKA.createTopics(present, 1);
        String bootstrap = KAFKA.bootstrapServers();
        String[] args = {"--kafka.bootstrap-servers", bootstrap};

        Throwable failure = catchThrowable(() -> EngineJob.main(args));

        assertThat(failure).isInstanceOf(MissingTopicsException.class);
        String message = failure.getMessage();
        String prefix = "Missing Kafka topics at " + bootstrap + ": ";
        assertThat(message)
                .startsWith(prefix)
                .endsWith("./omnistock topics create --bootstrap " + bootstrap)
                .doesNotContain("\n");
        Set<String> named =
                Set.of(message.substring(prefix.length(), message.indexOf(". ")).split(", "));
        Set<String> expected =
                Stream.of(Topics.LEDGER_INPUTS, Topics.LEDGER_RULE_INPUTS, Topics.LEDGER_OUTPUTS)
                        .flatMap(List::stream)
                        .filter(t -> !present.contains(t))
                        .map(TopicSpec::name)
                        .collect(Collectors.toSet());
        assertThat(named)
                .isEqualTo(expected)
                .contains("deadletter", "orders.reservations", "routing.rules");

        KAFKA.createTopics(Topics.all(), 1);
        assertThatCode(
                        () ->
                                RequiredTopics.check(
                                        EngineJob.configuration(args),
                                        Topics.LEDGER_INPUTS,
                                        Topics.LEDGER_RULE_INPUTS,
                                        Topics.LEDGER_OUTPUTS))
                .doesNotThrowAnyException();
    }
}
