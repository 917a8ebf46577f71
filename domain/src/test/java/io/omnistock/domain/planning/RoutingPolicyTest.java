package io.omnistock.domain.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnistock.avro.NodeType;
import io.omnistock.avro.RoutingPreference;
import io.omnistock.avro.TransportMode;
import org.junit.jupiter.api.Test;

class RoutingPolicyTest {

    @Test
    void theDefaultsAreTheDocumentedNumbers() {
        RoutingPolicy policy = RoutingPolicy.defaults();

        assertThat(policy.weightsFor(RoutingPreference.BALANCED))
                .isEqualTo(new ScoreWeights(1.0 / 3, 1.0 / 3, 1.0 / 3));
        assertThat(policy.weightsFor(RoutingPreference.CHEAPEST))
                .isEqualTo(new ScoreWeights(0.7, 0.15, 0.15));
        assertThat(policy.weightsFor(RoutingPreference.FASTEST))
                .isEqualTo(new ScoreWeights(0.15, 0.7, 0.15));
        assertThat(policy.weightsFor(RoutingPreference.GREENEST))
                .isEqualTo(new ScoreWeights(0.15, 0.15, 0.7));
        assertThat(policy.weightsFor(null))
                .isEqualTo(policy.weightsFor(RoutingPreference.BALANCED));
        assertThat(policy.splitPenalty()).isEqualTo(0.25);
        assertThat(policy.maxSplit()).isEqualTo(3);
        assertThat(policy.sameDayRadiusKm()).isEqualTo(30.0);
        assertThat(policy.unitWeightKg()).isEqualTo(1.0);
        assertThat(policy.candidatesReported()).isEqualTo(5);
        assertThat(policy.airMinKm()).isEqualTo(500.0);
        assertThat(policy.anchorLimit()).isEqualTo(8);
        assertThat(policy.alternativesReported()).isEqualTo(10);
        assertThat(policy.handlingHoursOf(NodeType.STORE)).isEqualTo(2.0);
        assertThat(policy.handlingHoursOf(NodeType.DARK_STORE)).isEqualTo(0.5);
        assertThat(policy.handlingHoursOf(NodeType.DC)).isEqualTo(4.0);
        assertThat(policy.handlingHoursOf(NodeType.THREE_PL)).isEqualTo(6.0);
        assertThat(policy.handlingHoursOf(null)).isEqualTo(4.0);
        assertThat(policy.rateOf(TransportMode.PARCEL_GROUND))
                .isEqualTo(new TransportRate(12, 60, 4.00, 0.004));
        assertThat(policy.rateOf(TransportMode.PARCEL_AIR))
                .isEqualTo(new TransportRate(8, 600, 9.00, 0.012));
        assertThat(policy.rateOf(TransportMode.COURIER_VAN))
                .isEqualTo(new TransportRate(0.5, 30, 5.00, 0.60));
        assertThat(policy.rateOf(TransportMode.STORE_PICKUP))
                .isEqualTo(new TransportRate(0, 0, 0, 0));
    }

    @Test
    void withCopiesChangeOneThingAndLeaveTheOriginalAlone() {
        RoutingPolicy defaults = RoutingPolicy.defaults();

        RoutingPolicy changed =
                defaults.withMaxSplit(2)
                        .withSplitPenalty(0.5)
                        .withWeights(RoutingPreference.GREENEST, new ScoreWeights(0, 0, 1))
                        .withHandlingHours(NodeType.STORE, 1.0)
                        .withTransportRate(
                                TransportMode.PARCEL_GROUND, new TransportRate(24, 50, 3, 0.01));

        assertThat(changed.maxSplit()).isEqualTo(2);
        assertThat(changed.splitPenalty()).isEqualTo(0.5);
        assertThat(changed.weightsFor(RoutingPreference.GREENEST))
                .isEqualTo(new ScoreWeights(0, 0, 1));
        assertThat(changed.weightsFor(RoutingPreference.CHEAPEST))
                .isEqualTo(defaults.weightsFor(RoutingPreference.CHEAPEST));
        assertThat(changed.handlingHoursOf(NodeType.STORE)).isEqualTo(1.0);
        assertThat(changed.handlingHoursOf(NodeType.DC)).isEqualTo(4.0);
        assertThat(changed.rateOf(TransportMode.PARCEL_GROUND).fixedHours()).isEqualTo(24);
        assertThat(defaults).isEqualTo(RoutingPolicy.defaults());
    }

    @Test
    void nonsenseIsRefused() {
        RoutingPolicy defaults = RoutingPolicy.defaults();

        assertThatThrownBy(() -> defaults.withMaxSplit(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withSplitPenalty(-0.1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withCandidatesReported(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScoreWeights(-1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TransportRate(1, -60, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
