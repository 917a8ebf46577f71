package io.omnistock.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnistock.avro.RoutingPreference;
import io.omnistock.domain.planning.RoutingPolicy;
import io.omnistock.domain.planning.ScoreWeights;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class RoutingOptionsTest {

    @Test
    void theShippedPropertiesFileSaysWhatTheDefaultsAre() throws Exception {
        Configuration shipped =
                EngineJob.configuration(
                        new String[] {"--config", "../../flink-conf/engine.properties"});

        RoutingPolicy fromFile = RoutingOptions.policy(shipped);
        RoutingPolicy defaults = RoutingOptions.policy(new Configuration());

        assertThat(fromFile).isEqualTo(defaults);
        assertThat(defaults).isEqualTo(RoutingPolicy.defaults());
    }

    @Test
    void optionsReachThePolicy() {
        Configuration conf =
                Configuration.fromMap(
                        Map.of(
                                "routing.max-split", "1",
                                "routing.same-day-radius-km", "12.5",
                                "routing.unit-weight-kg", "2.0",
                                "routing.split-penalty", "0.5",
                                "routing.weights.greenest", "0.1;0.1;0.8"));

        RoutingPolicy policy = RoutingOptions.policy(conf);

        assertThat(policy.maxSplit()).isEqualTo(1);
        assertThat(policy.sameDayRadiusKm()).isEqualTo(12.5);
        assertThat(policy.unitWeightKg()).isEqualTo(2.0);
        assertThat(policy.splitPenalty()).isEqualTo(0.5);
        assertThat(policy.weightsFor(RoutingPreference.GREENEST))
                .isEqualTo(new ScoreWeights(0.1, 0.1, 0.8));
        assertThat(policy.weightsFor(RoutingPreference.CHEAPEST))
                .isEqualTo(RoutingPolicy.defaults().weightsFor(RoutingPreference.CHEAPEST));
    }

    @Test
    void weightsNeedThreeNumbers() {
        Configuration conf = Configuration.fromMap(Map.of("routing.weights.fastest", "0.5;0.5"));

        assertThatThrownBy(() -> RoutingOptions.policy(conf))
                .hasMessageContaining("routing.weights.fastest");
    }
}
