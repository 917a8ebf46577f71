package io.omnistock.serving;

import static io.omnistock.serving.Records.BEGINNING;
import static io.omnistock.serving.Records.ONE_MINUTE_LATER;
import static io.omnistock.serving.Records.availability;
import static io.omnistock.serving.Records.group;
import static io.omnistock.serving.Records.network;
import static io.omnistock.serving.Records.stored;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AvailabilityViewTest {
    private final AvailabilityView view = new AvailabilityView();

    @Test
    void aHigherVersionReplacesALowerOne() {
        view.applyPosition(
                "SKU-1", "STORE-1", stored(availability("SKU-1", "STORE-1", 1, 5, BEGINNING), 1));

        AvailabilityView.Outcome outcome =
                view.applyPosition(
                        "SKU-1",
                        "STORE-1",
                        stored(availability("SKU-1", "STORE-1", 2, 3, ONE_MINUTE_LATER), 2));

        assertThat(outcome).isEqualTo(AvailabilityView.Outcome.APPLIED);
        assertThat(view.position("SKU-1", "STORE-1").version()).isEqualTo(2);
        assertThat(view.position("SKU-1", "STORE-1").eventTime())
                .isEqualTo(ONE_MINUTE_LATER.toEpochMilli());
    }

    @Test
    void aLowerVersionNeverReplacesAHigherOne() {
        view.applyPosition(
                "SKU-1",
                "STORE-1",
                stored(availability("SKU-1", "STORE-1", 7, 5, ONE_MINUTE_LATER), 2));

        AvailabilityView.Outcome outcome =
                view.applyPosition(
                        "SKU-1",
                        "STORE-1",
                        stored(availability("SKU-1", "STORE-1", 6, 9, BEGINNING), 3));

        assertThat(outcome).isEqualTo(AvailabilityView.Outcome.STALE);
        assertThat(view.position("SKU-1", "STORE-1").version()).isEqualTo(7);
        assertThat(view.position("SKU-1", "STORE-1").kafkaTimestamp()).isEqualTo(2);
    }

    @Test
    void groupRecordsFollowTheSameRuleApartFromTheSkusPositions() {
        view.applyGroup("SKU-1", "EAST", stored(group("SKU-1", "EAST", 4, 10, 9, BEGINNING), 1));
        view.applyGroup(
                "SKU-1", "BRAND-A", stored(group("SKU-1", "BRAND-A", 2, 5, 5, BEGINNING), 2));

        assertThat(
                        view.applyGroup(
                                "SKU-1",
                                "EAST",
                                stored(group("SKU-1", "EAST", 3, 99, 99, BEGINNING), 3)))
                .isEqualTo(AvailabilityView.Outcome.STALE);
        assertThat(view.groups("SKU-1").nodeCount()).isEqualTo(2);
        assertThat(view.groups("SKU-1").nodeId(0)).isEqualTo("BRAND-A");
        assertThat(view.groups("SKU-1").node("EAST").version()).isEqualTo(4);
        assertThat(view.groupKeys()).isEqualTo(2);
        assertThat(view.sku("SKU-1")).as("no position nor network record").isNull();

        view.removeGroup("SKU-1", "EAST");
        view.removeGroup("SKU-1", "BRAND-A");
        assertThat(view.groups("SKU-1")).isNull();
        assertThat(view.groupKeys()).isZero();
    }

    @Test
    void networkTotalsFollowTheSameRule() {
        view.applyNetwork("SKU-1", stored(network("SKU-1", 4, 10, BEGINNING), 1));

        assertThat(view.applyNetwork("SKU-1", stored(network("SKU-1", 3, 99, BEGINNING), 2)))
                .isEqualTo(AvailabilityView.Outcome.STALE);
        assertThat(view.applyNetwork("SKU-1", stored(network("SKU-1", 5, 8, BEGINNING), 3)))
                .isEqualTo(AvailabilityView.Outcome.APPLIED);
        assertThat(view.sku("SKU-1").network().version()).isEqualTo(5);
    }

    @Test
    void aSkuHoldsItsNodesSortedByNodeIdAndCountsKeysOnce() {
        for (String node : new String[] {"STORE-3", "DC-1", "STORE-1", "STORE-3"}) {
            view.applyPosition(
                    "SKU-1", node, stored(availability("SKU-1", node, 1, 1, BEGINNING), 1));
        }
        view.applyPosition(
                "SKU-2", "DC-1", stored(availability("SKU-2", "DC-1", 1, 1, BEGINNING), 1));
        view.applyNetwork("SKU-1", stored(network("SKU-1", 1, 3, BEGINNING), 1));

        SkuEntry sku1 = view.sku("SKU-1");
        assertThat(sku1.nodeCount()).isEqualTo(3);
        assertThat(new String[] {sku1.nodeId(0), sku1.nodeId(1), sku1.nodeId(2)})
                .containsExactly("DC-1", "STORE-1", "STORE-3");
        assertThat(view.positionKeys()).isEqualTo(4);
        assertThat(view.networkKeys()).isEqualTo(1);
    }

    @Test
    void tombstonesForgetKeysAndEmptySkus() {
        view.applyPosition(
                "SKU-1", "STORE-1", stored(availability("SKU-1", "STORE-1", 1, 1, BEGINNING), 1));
        view.applyPosition(
                "SKU-1", "STORE-2", stored(availability("SKU-1", "STORE-2", 1, 1, BEGINNING), 1));

        view.removePosition("SKU-1", "STORE-1");
        assertThat(view.position("SKU-1", "STORE-1")).isNull();
        assertThat(view.position("SKU-1", "STORE-2")).isNotNull();

        view.removePosition("SKU-1", "STORE-2");
        view.removePosition("SKU-1", "STORE-2");
        assertThat(view.sku("SKU-1")).isNull();
        assertThat(view.positionKeys()).isZero();
    }

    @Test
    void skusShareOneStringPerNodeId() {
        view.applyPosition(
                "SKU-1",
                new String("STORE-1"),
                stored(availability("SKU-1", "STORE-1", 1, 1, BEGINNING), 1));
        view.applyPosition(
                "SKU-2",
                new String("STORE-1"),
                stored(availability("SKU-2", "STORE-1", 1, 1, BEGINNING), 1));

        assertThat(view.sku("SKU-2").nodeId(0)).isSameAs(view.sku("SKU-1").nodeId(0));
    }

    @Test
    void unknownKeysAreNull() {
        assertThat(view.position("SKU-9", "STORE-1")).isNull();
        assertThat(view.sku("SKU-9")).isNull();
    }
}
