package io.omnistock.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.DeadLetter;
import io.omnistock.avro.PosEvent;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TopicsTest {

    /** The ledger's topics as docs/design.md section 2 names them. */
    private static final List<String> DESIGN_NAMES =
            List.of(
                    "inventory.pos",
                    "inventory.wms",
                    "inventory.3pl",
                    "network.nodes",
                    "orders.requests",
                    "orders.lifecycle",
                    "orders.reservations",
                    "quotes.requests",
                    "reference.skus",
                    "reference.safety-stock",
                    "holds.requests",
                    "reference.channels",
                    "routing.rules",
                    "inventory.availability",
                    "inventory.availability.network",
                    "inventory.availability.groups",
                    "inventory.availability.channels",
                    "inventory.alerts",
                    "inventory.discrepancies",
                    "inventory.count-checks",
                    "orders.decisions",
                    "returns.dispositions",
                    "quotes.responses",
                    "holds.events",
                    "deadletter",
                    "inventory.movements",
                    "metrics.sustainability",
                    "metrics.operations",
                    "metrics.reconciliation");

    @Test
    void namesAreThoseOfTheDesign() {
        assertThat(Topics.all())
                .extracting(TopicSpec::name)
                .containsExactlyElementsOf(DESIGN_NAMES);
    }

    @Test
    void namesAreUnique() {
        assertThat(Topics.all()).extracting(TopicSpec::name).doesNotHaveDuplicates();
    }

    @Test
    void referenceDataAndAvailabilityAreCompactedAndNothingElse() {
        assertThat(Topics.all().stream().filter(TopicSpec::compacted))
                .containsExactlyInAnyOrder(
                        Topics.NODES,
                        Topics.SKUS,
                        Topics.SAFETY_STOCK,
                        Topics.ROUTING_RULES,
                        Topics.AVAILABILITY,
                        Topics.NETWORK_AVAILABILITY,
                        Topics.GROUP_AVAILABILITY,
                        Topics.CHANNELS,
                        Topics.CHANNEL_AVAILABILITY);
    }

    @Test
    void theJobsInputsAndOutputsCoverTheCatalog() {
        assertThat(
                        Stream.of(
                                        Topics.LEDGER_INPUTS,
                                        Topics.LEDGER_RULE_INPUTS,
                                        Topics.LEDGER_OUTPUTS,
                                        Topics.ANALYTICS_OUTPUTS)
                                .flatMap(List::stream))
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(Topics.all());
        assertThat(Topics.LEDGER_INPUTS).contains(Topics.RESERVATIONS); // written by routing too
    }

    @Test
    void theAnalyticsJobReadsOnlyTheLedgerJobsOutputs() {
        assertThat(Topics.LEDGER_OUTPUTS).containsAll(Topics.ANALYTICS_INPUTS);
        assertThat(Topics.LEDGER_OUTPUTS).doesNotContainAnyElementsOf(Topics.ANALYTICS_OUTPUTS);
    }

    @Test
    void eachTopicCarriesItsValueType() {
        assertThat(Topics.POS.valueType()).isEqualTo(PosEvent.class);
        assertThat(Topics.DEADLETTER.valueType()).isEqualTo(DeadLetter.class);
        assertThat(Topics.all())
                .allSatisfy(t -> assertThat(t.codec().type()).isEqualTo(t.valueType()));
    }

    @Test
    void positionKeyIsSkuBarNode() {
        assertThat(Topics.positionKey("sku-1", "store-7")).isEqualTo("sku-1|store-7");
    }

    @Test
    void channelKeyIsSkuBarNodeBarChannelWithNoNodeForTheNetwork() {
        assertThat(Topics.channelKey("sku-1", "store-7", "WEB")).isEqualTo("sku-1|store-7|WEB");
        assertThat(Topics.channelKey("sku-1", null, "WEB")).isEqualTo("sku-1||WEB");
    }

    @Test
    void groupKeyIsSkuBarGroup() {
        assertThat(Topics.groupKey("sku-1", "brand-a")).isEqualTo("sku-1|brand-a");
    }
}
