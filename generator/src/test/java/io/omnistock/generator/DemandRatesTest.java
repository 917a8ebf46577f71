package io.omnistock.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.omnistock.avro.NodeRecord;
import io.omnistock.avro.NodeType;
import io.omnistock.contracts.Topics;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemandRatesTest {

    @Test
    void eachNodesRatesAddUpToItsDailyVolumeNetOfVoids() {
        NetworkConfig config = NetworkConfig.small(); // 30 sales/h, 3 % voided, 10 dark picks/h
        RetailNetwork network = RetailNetwork.build(config);
        Map<String, Double> rates = DemandRates.of(config);

        NodeRecord store = network.nodesOfType(NodeType.STORE).get(0);
        NodeRecord dark = network.nodesOfType(NodeType.DARK_STORE).get(0);
        NodeRecord threePl = network.nodesOfType(NodeType.THREE_PL).get(0);

        // 30 sales/h x 13 open hours x 1.4 units x 0.97 kept = 529.62 units a day
        assertThat(totalAt(rates, store.getNodeId())).isCloseTo(529.62, within(1e-6));
        // 10 picks/h x 16 open hours x 1.3 units = 208 units a day
        assertThat(totalAt(rates, dark.getNodeId())).isCloseTo(208.0, within(1e-6));
        assertThat(totalAt(rates, threePl.getNodeId())).isZero();
    }

    @Test
    void ratesFollowPopularityWithinANode() {
        NetworkConfig config = NetworkConfig.small().withDuration(Duration.ofHours(1));
        RetailNetwork network = RetailNetwork.build(config);
        Map<String, Double> rates = DemandRates.of(config);
        String dc = network.nodesOfType(NodeType.DC).get(0).getNodeId();
        Sku first = network.skus().get(0);
        Sku second = network.skus().get(1);

        // picks split by popularity; B2B ships add 4/h x 24 x 2 cases of the SKU's case size
        double picksPerPopularity = 20 * 24 * 1.3;
        double firstShips = 4 * 24 * 2.0 * first.caseSize() * first.popularity();
        double secondShips = 4 * 24 * 2.0 * second.caseSize() * second.popularity();
        assertThat(rates.get(Topics.positionKey(first.id(), dc)) - firstShips)
                .isCloseTo(
                        picksPerPopularity * first.popularity(), within(1e-9 * picksPerPopularity));
        assertThat(
                        (rates.get(Topics.positionKey(first.id(), dc)) - firstShips)
                                / (rates.get(Topics.positionKey(second.id(), dc)) - secondShips))
                .isCloseTo(first.popularity() / second.popularity(), within(1e-9));
    }

    private static double totalAt(Map<String, Double> rates, String nodeId) {
        return rates.entrySet().stream()
                .filter(e -> e.getKey().endsWith("|" + nodeId))
                .mapToDouble(Map.Entry::getValue)
                .sum();
    }
}
