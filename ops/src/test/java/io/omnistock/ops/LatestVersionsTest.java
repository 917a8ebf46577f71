package io.omnistock.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatestVersionsTest {
    private record Versioned(String value, long version) {}

    @Test
    void theHighestVersionWinsWhateverTheArrivalOrder() {
        LatestVersions<Versioned> latest = new LatestVersions<>(Versioned::version);

        latest.offer("sku|b", new Versioned("b1", 1));
        latest.offer("sku|a", new Versioned("a2", 2));
        latest.offer("sku|a", new Versioned("a3", 3));
        latest.offer("sku|a", new Versioned("a2 again", 2));

        assertThat(latest.byKey())
                .containsExactly(
                        org.assertj.core.api.Assertions.entry("sku|a", new Versioned("a3", 3)),
                        org.assertj.core.api.Assertions.entry("sku|b", new Versioned("b1", 1)));
    }
}
