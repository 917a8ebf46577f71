package io.omnistock.domain.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.CountCheck;
import io.omnistock.avro.SourceSystem;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A count check read from {@code inventory.count-checks} is the same fact the ledger's own count
 * comparison made when the windows ran inside the ledger job.
 */
class MetricFactTest {
    private static final long T = Instant.parse("2026-11-23T10:00:00Z").toEpochMilli();

    @Test
    void aCountCheckIsTheCountFactOfItsTimeRegionAndOutcome() {
        MetricFact fact = MetricFact.of(check("UK-NORTH", false));

        assertThat(fact)
                .usingRecursiveComparison()
                .withEqualsForFields(
                        (a, b) -> Double.compare((Double) a, (Double) b) == 0,
                        "baselineCo2eKg") // NaN: no baseline
                .isEqualTo(MetricFact.count(T, "UK-NORTH", false));
        assertThat(fact.kind).isEqualTo(MetricFact.Kind.COUNT);
        assertThat(fact.eventTime).isEqualTo(T);
        assertThat(fact.region).isEqualTo("UK-NORTH");
        assertThat(fact.channel).isEqualTo(MetricFact.ALL);
        assertThat(fact.matched).isFalse();
    }

    @Test
    void aCountCheckWithoutARegionCountsUnderAll() {
        MetricFact fact = MetricFact.of(check(null, true));

        assertThat(fact.region).isEqualTo(MetricFact.ALL);
        assertThat(fact.matched).isTrue();
    }

    private static CountCheck check(String region, boolean matched) {
        return CountCheck.newBuilder()
                .setEventId("count-1")
                .setEventTime(Instant.ofEpochMilli(T))
                .setSku("SKU-1")
                .setNodeId("DC-1")
                .setRegion(region)
                .setCounted(12)
                .setMatched(matched)
                .setSource(SourceSystem.WMS)
                .build();
    }
}
