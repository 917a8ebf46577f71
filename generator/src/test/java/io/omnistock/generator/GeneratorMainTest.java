package io.omnistock.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnistock.contracts.Topics;
import io.omnistock.testing.EmbeddedKafkaBroker;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class GeneratorMainTest {
    private static final Instant NOW = Instant.parse("2026-11-23T14:25:00Z");

    @Test
    void publishesTheWholeGeneratedRunToAnExternalBroker() throws Exception {
        GeneratorMain.Options options =
                GeneratorMain.Options.parse(
                        "--bootstrap",
                        "placeholder",
                        "--rate",
                        "0",
                        "--history",
                        "6h",
                        "--stores",
                        "3",
                        "--skus",
                        "20");
        Map<String, Long> expected = new TreeMap<>();
        Iterator<GeneratedRecord> records =
                OrderGenerator.interleave(
                        RetailEventGenerator.stream(options.network(NOW)),
                        OrderGenerator.stream(options.network(NOW)));
        records.forEachRemaining(r -> expected.merge(r.topic(), 1L, Long::sum));
        assertThat(expected).containsKeys(Topics.POS.name(), Topics.ORDER_REQUESTS.name());

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0);
                Admin admin = admin(broker.bootstrapServers())) {
            List<NewTopic> topics =
                    Topics.all().stream().map(t -> new NewTopic(t.name(), 2, (short) 1)).toList();
            admin.createTopics(topics).all().get();

            Map<String, Long> acked =
                    GeneratorMain.run(
                            GeneratorMain.Options.parse(
                                    "--bootstrap",
                                    broker.bootstrapServers(),
                                    "--rate",
                                    "0",
                                    "--history",
                                    "6h",
                                    "--stores",
                                    "3",
                                    "--skus",
                                    "20"),
                            NOW);

            assertThat(acked).isEqualTo(expected);
            assertThat(recordsOnBroker(admin, expected.keySet().stream().toList()))
                    .isEqualTo(expected);
        }
    }

    @Test
    void theBootstrapServersAreRequiredAndUnknownOptionsRefused() {
        assertThatThrownBy(() -> GeneratorMain.Options.parse("--rate", "10"))
                .hasMessageContaining("--bootstrap");
        assertThatThrownBy(() -> GeneratorMain.Options.parse("--bootstrap", "k:9092", "--sku", "1"))
                .hasMessageContaining("--sku");
        assertThatThrownBy(() -> GeneratorMain.Options.parse("--bootstrap"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSimulatedHistoryEndsNow() {
        NetworkConfig network =
                GeneratorMain.Options.parse("--bootstrap", "k:9092", "--history", "2d")
                        .network(NOW);

        assertThat(network.start()).isEqualTo(Instant.parse("2026-11-21T14:00:00Z"));
        assertThat(network.start().plus(network.duration())).isEqualTo(NOW);
    }

    private static Admin admin(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return Admin.create(props);
    }

    /** Records per topic: the sum of the partitions' end offsets. */
    private static Map<String, Long> recordsOnBroker(Admin admin, List<String> topics)
            throws Exception {
        Map<TopicPartition, OffsetSpec> request =
                topics.stream()
                        .flatMap(t -> List.of(0, 1).stream().map(p -> new TopicPartition(t, p)))
                        .collect(Collectors.toMap(Function.identity(), tp -> OffsetSpec.latest()));
        Map<String, Long> counts = new TreeMap<>();
        admin.listOffsets(request)
                .all()
                .get()
                .forEach((tp, info) -> counts.merge(tp.topic(), info.offset(), Long::sum));
        return counts;
    }
}
