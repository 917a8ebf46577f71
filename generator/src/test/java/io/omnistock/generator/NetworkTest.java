package io.omnistock.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnistock.avro.NodeRecord;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkTest {

    @Test
    void defaultsDescribeAMidSizeChainStartingThreeDaysAgo() {
        NetworkConfig config =
                NetworkConfig.builder().wallClock(Instant.parse("2026-03-05T15:30:00Z")).build();

        assertThat(config.start()).isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
        assertThat(config.duration()).isEqualTo(Duration.ofDays(1));
        assertThat(
                        List.of(
                                config.stores(),
                                config.dcs(),
                                config.threePls(),
                                config.darkStores(),
                                config.skus()))
                .containsExactly(50, 3, 2, 0, 5_000);
        assertThat(config.withSeed(9).start()).isEqualTo(config.start());
        Instant other = Instant.parse("2025-12-01T00:00:00Z");
        assertThat(config.withStart(other).endMillis())
                .isEqualTo(other.plus(Duration.ofDays(1)).toEpochMilli());
    }

    @Test
    void lateDeliveriesMustStayWithinTheArrivalHorizon() {
        assertThatThrownBy(
                        () ->
                                NetworkConfig.small().toBuilder()
                                        .snapshotLag(Duration.ofHours(1), Duration.ofHours(6))
                                        .build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetworkConfig.small().toBuilder().duplicateRate(1.5).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void networkHasNamedNodesOfEveryConfiguredTypeAndOneDegradedStore() {
        RetailNetwork network = RetailNetwork.build(NetworkConfig.defaults());

        assertThat(network.nodesOfType(NodeType.STORE)).hasSize(50);
        assertThat(network.nodesOfType(NodeType.DC))
                .extracting(NodeRecord::getNodeId)
                .containsExactly("DC-01", "DC-02", "DC-03");
        assertThat(network.nodesOfType(NodeType.THREE_PL))
                .extracting(NodeRecord::getNodeId)
                .containsExactly("3PL-01", "3PL-02");
        assertThat(network.node("STORE-001").getStatus()).isEqualTo(NodeStatus.OPEN);
        assertThat(network.nodes())
                .filteredOn(n -> n.getStatus() != NodeStatus.OPEN)
                .extracting(NodeRecord::getNodeId)
                .containsExactly("STORE-003");
        for (NodeRecord node : network.nodes()) {
            assertThat(node.getLatitude()).isBetween(25.0, 58.0);
            assertThat(node.getLongitude()).isBetween(-125.0, 2.0);
            assertThat(node.getRegion()).startsWith(node.getLatitude() > 49 ? "UK-" : "US-");
            assertThat(node.getSafetyStock())
                    .isEqualTo(
                            switch (node.getType()) {
                                case STORE -> 2;
                                case DC -> 10;
                                case DARK_STORE -> 1;
                                case THREE_PL -> 0;
                            });
            assertThat(node.getFulfilmentMethods()).isNotEmpty();
        }
    }

    @Test
    void demandIsSkewedTowardsAFewSkus() {
        List<Sku> skus = RetailNetwork.build(NetworkConfig.defaults()).skus();

        assertThat(skus.get(0).id()).isEqualTo("SKU-00001");
        assertThat(skus.get(4_999).id()).isEqualTo("SKU-05000");
        assertThat(skus.stream().mapToDouble(Sku::popularity).sum())
                .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        double top50 =
                skus.stream()
                        .map(Sku::popularity)
                        .sorted(Comparator.reverseOrder())
                        .limit(50)
                        .mapToDouble(Double::doubleValue)
                        .sum();
        assertThat(top50).as("1% of SKUs").isGreaterThan(0.45);
    }
}
