package io.omnistock.analytics;

import static io.omnistock.testing.ReferenceDocs.codeSpans;
import static io.omnistock.testing.ReferenceDocs.firstCellCodeSpans;
import static io.omnistock.testing.ReferenceDocs.read;
import static io.omnistock.testing.ReferenceDocs.staticFieldsOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.analytics.functions.AnalyticsMetrics;
import io.omnistock.analytics.functions.PublishWindowFigures;
import io.omnistock.analytics.functions.ReconcileCountChecksFunction;
import java.util.Set;
import java.util.TreeSet;
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

    @Test
    void theConfigurationReferenceListsExactlyTheMetricsOptions() throws Exception {
        Set<String> documented = firstCellCodeSpans(read("docs/reference/configuration.md"));
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
        assertThat(staticFieldsOf(AnalyticsMetrics.class, String.class))
                .isSubsetOf(firstCellCodeSpans(read("docs/reference/counters.md")));
        assertThat(codeSpans(read("docs/reference/counters.md")))
                .contains(ReconcileCountChecksFunction.EXPIRED);
    }

    @Test
    void theStateContractsPageNamesEveryUidAndStateName() throws Exception {
        Set<String> named = codeSpans(read("docs/reference/state-contracts.md"));
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
        for (StateDescriptor<?, ?> state :
                staticFieldsOf(ReconcileCountChecksFunction.class, StateDescriptor.class)) {
            stateNames.add(state.getName());
        }

        assertThat(uids).isNotEmpty().isSubsetOf(named);
        assertThat(stateNames).isNotEmpty().isSubsetOf(named);
    }
}
