package io.omnistock.engine;

import static io.omnistock.testing.ReferenceDocs.codeSpans;
import static io.omnistock.testing.ReferenceDocs.firstCellCodeSpans;
import static io.omnistock.testing.ReferenceDocs.firstCells;
import static io.omnistock.testing.ReferenceDocs.read;
import static io.omnistock.testing.ReferenceDocs.staticFieldsOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.connectors.KafkaOptions;
import io.omnistock.connectors.KafkaSecurity;
import io.omnistock.contracts.TopicSpec;
import io.omnistock.contracts.Topics;
import io.omnistock.engine.functions.ApplyInventoryEventFunction;
import io.omnistock.engine.functions.LedgerMetrics;
import io.omnistock.engine.functions.RouteOrderFunction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/**
 * The reference pages under {@code docs/reference/} are checked against the code they describe: a
 * typed option, a topic, a counter, an operator uid or a state name added, renamed or removed in
 * the code without the docs (or the other way round) fails here.
 */
class ReferenceDocsTest {
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    /**
     * The classes that declare the ledger job's typed options (the analytics job's are checked by
     * its own AnalyticsReferenceDocsTest).
     */
    private static final List<Class<?>> OPTION_CLASSES =
            List.of(
                    KafkaOptions.class,
                    KafkaSecurity.class,
                    EngineJob.class,
                    LedgerOptions.class,
                    RoutingOptions.class,
                    QuoteOptions.class,
                    ReturnsOptions.class);

    @Test
    void theConfigurationReferenceListsExactlyTheJobsOptions() throws Exception {
        Set<String> documented = new TreeSet<>();
        for (String cell : firstCells(read("docs/reference/configuration.md"))) {
            documented.addAll(optionKeys(cell));
        }
        Set<String> options = new TreeSet<>();
        for (Class<?> type : OPTION_CLASSES) {
            for (ConfigOption<?> option : staticFieldsOf(type, ConfigOption.class)) {
                options.add(option.key());
            }
        }
        Set<String> prefixes = new TreeSet<>();
        options.forEach(key -> prefixes.add(key.substring(0, key.indexOf('.') + 1)));

        assertThat(options).as("options missing from the reference").isSubsetOf(documented);
        assertThat(documented.stream().filter(key -> prefixes.stream().anyMatch(key::startsWith)))
                .as("documented keys that are no option of the job")
                .isSubsetOf(options);
    }

    @Test
    void theTopicCatalogPageListsExactlyTheCatalogWithItsCompaction() throws Exception {
        Map<String, Boolean> documented = new LinkedHashMap<>();
        for (String row : read("docs/reference/topics.md").split("\n")) {
            String[] cells = row.split("(?<!\\\\)\\|");
            if (cells.length < 5) {
                continue;
            }
            Matcher name = CODE.matcher(cells[1]);
            String compacted = cells[4].trim();
            if (name.find() && (compacted.equals("yes") || compacted.equals("no"))) {
                documented.put(name.group(1), compacted.equals("yes"));
            }
        }
        Map<String, Boolean> catalog = new LinkedHashMap<>();
        for (TopicSpec<?> topic : Topics.all()) {
            catalog.put(topic.name(), topic.compacted());
        }

        assertThat(documented).containsExactlyInAnyOrderEntriesOf(catalog);
    }

    @Test
    void theCountersPageListsExactlyTheJobsCounters() throws Exception {
        Set<String> documented = firstCellCodeSpans(read("docs/reference/counters.md"));

        assertThat(documented)
                .containsExactlyInAnyOrderElementsOf(
                        staticFieldsOf(LedgerMetrics.class, String.class));
    }

    @Test
    void theStateContractsPageNamesEveryUidAndStateName() throws Exception {
        Set<String> named = codeSpans(read("docs/reference/state-contracts.md"));
        Set<String> uids = new TreeSet<>();
        for (StreamNode node : ledgerGraphNodes()) {
            String uid = node.getTransformationUID();
            if (!uid.endsWith("-sink")) { // sinks: documented as the <topic>-sink pattern
                uids.add(uid);
            }
        }
        Set<String> stateNames = new TreeSet<>();
        for (Class<?> function :
                List.of(ApplyInventoryEventFunction.class, RouteOrderFunction.class)) {
            for (StateDescriptor<?, ?> state : staticFieldsOf(function, StateDescriptor.class)) {
                stateNames.add(state.getName());
            }
        }

        assertThat(uids).isNotEmpty().isSubsetOf(named);
        assertThat(stateNames).isNotEmpty().isSubsetOf(named);
    }

    /**
     * The option keys a table cell names: {@code `a.b.c`}, and {@code `.d`} after it for {@code
     * a.b.d}; a cell with a wildcard ({@code kafka.sasl.*}) names none, so every option must be
     * spelled out somewhere on the page.
     */
    static List<String> optionKeys(String cell) {
        List<String> keys = new ArrayList<>();
        String last = null;
        Matcher m = CODE.matcher(cell);
        while (m.find()) {
            String token = m.group(1).trim();
            if (token.contains("*") || token.contains(" ")) {
                continue;
            }
            if (token.startsWith(".") && last != null) {
                token = last.substring(0, last.lastIndexOf('.')) + token;
            }
            keys.add(token);
            last = token;
        }
        return keys;
    }

    @Test
    void optionKeysExpandsTheShortFormsOfARow() {
        assertThat(optionKeys("`ledger.low-threshold.store` / `.dark-store` / `.dc`"))
                .containsExactly(
                        "ledger.low-threshold.store",
                        "ledger.low-threshold.dark-store",
                        "ledger.low-threshold.dc");
        assertThat(optionKeys("`kafka.security.protocol`, `kafka.sasl.*`"))
                .containsExactly("kafka.security.protocol");
    }

    private static List<StreamNode> ledgerGraphNodes() {
        Configuration conf = new Configuration();
        conf.set(KafkaOptions.BOOTSTRAP_SERVERS, "unreachable.invalid:9092");
        StreamExecutionEnvironment env = EngineJob.environment(conf);
        EngineJob.build(env, conf);
        return new ArrayList<>(env.getStreamGraph().getStreamNodes());
    }
}
