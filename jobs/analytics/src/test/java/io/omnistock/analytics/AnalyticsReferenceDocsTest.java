package io.omnistock.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.analytics.functions.AnalyticsMetrics;
import io.omnistock.analytics.functions.PublishWindowFigures;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/**
 * The reference pages under {@code docs/reference/} against the analytics job (the ledger job's
 * ReferenceDocsTest checks them against the ledger job): its options in the configuration
 * reference, its counters on the counters page, its uids and state names on the state contracts
 * page.
 */
class AnalyticsReferenceDocsTest {
    private static final Pattern FIRST_CELL = Pattern.compile("^\\|([^|]*)\\|", Pattern.MULTILINE);
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @Test
    void theConfigurationReferenceListsExactlyTheMetricsOptions() throws Exception {
        Set<String> documented = new TreeSet<>();
        for (String cell : firstCells(doc("docs/reference/configuration.md"))) {
            Matcher m = CODE.matcher(cell);
            while (m.find()) {
                documented.add(m.group(1).trim());
            }
        }
        Set<String> options = new TreeSet<>();
        for (ConfigOption<?> option : staticFieldsOf(MetricsOptions.class, ConfigOption.class)) {
            options.add(option.key());
        }

        assertThat(options).isNotEmpty().isSubsetOf(documented);
        assertThat(documented.stream().filter(key -> key.startsWith("metrics.")))
                .as("documented metrics.* keys that are no option of the analytics job")
                .isSubsetOf(options);
    }

    @Test
    void theCountersPageNamesTheJobsCounters() throws Exception {
        Set<String> documented = new TreeSet<>();
        for (String cell : firstCells(doc("docs/reference/counters.md"))) {
            Matcher m = CODE.matcher(cell);
            while (m.find()) {
                documented.add(m.group(1));
            }
        }

        assertThat(staticFieldsOf(AnalyticsMetrics.class, String.class)).isSubsetOf(documented);
    }

    @Test
    void theStateContractsPageNamesEveryUidAndStateName() throws Exception {
        Set<String> named = new TreeSet<>();
        Matcher m = CODE.matcher(doc("docs/reference/state-contracts.md"));
        while (m.find()) {
            named.add(m.group(1));
        }
        Set<String> uids = new TreeSet<>();
        for (StreamNode node : AnalyticsOperatorUidTest.analyticsGraph().getStreamNodes()) {
            String uid = node.getTransformationUID();
            if (!uid.endsWith("-sink")) { // sinks: documented as the <topic>-sink pattern
                uids.add(uid);
            }
        }
        Set<String> stateNames = new TreeSet<>();
        for (StateDescriptor<?, ?> state :
                staticFieldsOf(PublishWindowFigures.class, StateDescriptor.class)) {
            stateNames.add(state.getName());
        }

        assertThat(uids).isNotEmpty().isSubsetOf(named);
        assertThat(stateNames).isNotEmpty().isSubsetOf(named);
    }

    private static List<String> firstCells(String markdown) {
        List<String> cells = new ArrayList<>();
        Matcher m = FIRST_CELL.matcher(markdown);
        while (m.find()) {
            cells.add(m.group(1));
        }
        return cells;
    }

    /** The values of {@code type}'s static fields of type {@code valueType}, any visibility. */
    private static <T> List<T> staticFieldsOf(Class<?> type, Class<T> valueType)
            throws IllegalAccessException {
        List<T> values = new ArrayList<>();
        for (Field field : type.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())
                    && valueType.isAssignableFrom(field.getType())) {
                field.setAccessible(true);
                values.add(valueType.cast(field.get(null)));
            }
        }
        return values;
    }

    private static String doc(String relative) throws IOException {
        return Files.readString(repositoryRoot().resolve(relative));
    }

    /** The directory holding {@code .ci/run}, from the module's working directory up. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".ci/run"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no .ci/run above " + Path.of("").toAbsolutePath());
    }
}
