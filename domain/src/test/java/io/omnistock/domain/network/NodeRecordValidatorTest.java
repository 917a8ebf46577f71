package io.omnistock.domain.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.NodeRecord;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.domain.inventory.Rejection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeRecordValidatorTest {
    private static final long MAX_QUANTITY = 1_000_000;
    private final NodeRecordValidator validator = new NodeRecordValidator(MAX_QUANTITY);

    @Test
    void aSoundRecordPasses() {
        NodeRecord sound = node().build();

        assertThat(validator.checkIdentity(sound)).isNull();
        assertThat(validator.checkFigures(sound)).isNull();
    }

    @Test
    void zeroSafetyStockCapacityAndCostAreSound() {
        assertThat(
                        validator.checkFigures(
                                node().setSafetyStock(0)
                                        .setDailyOrderCapacity(0)
                                        .setHandlingCost(0.0)
                                        .build()))
                .isNull();
    }

    @Test
    void aNodeWithoutIdOrRegionIsNoNode() {
        assertThat(validator.checkIdentity(node().setRegion(" ").build()))
                .isEqualTo(
                        new Rejection(
                                DeadLetterReason.INVALID_NODE_RECORD,
                                "nodeId and region are required"));
        assertThat(validator.checkIdentity(node().setNodeId("").build())).isNotNull();
    }

    @Test
    void aNegativeSafetyStockIsRejectedSinceItWouldRaiseAtpAboveOnHand() {
        Rejection rejection = validator.checkFigures(node().setSafetyStock(-1).build());

        assertThat(rejection.reason()).isEqualTo(DeadLetterReason.INVALID_NODE_RECORD);
        assertThat(rejection.message()).isEqualTo("safetyStock -1 is negative");
    }

    @Test
    void aSafetyStockAboveTheQuantityBoundIsAbsurdLikeAnEventQuantity() {
        assertThat(validator.checkFigures(node().setSafetyStock(1_000_000).build())).isNull();

        Rejection rejection = validator.checkFigures(node().setSafetyStock(2_000_000).build());

        assertThat(rejection.reason()).isEqualTo(DeadLetterReason.ABSURD_QUANTITY);
        assertThat(rejection.message()).isEqualTo("safetyStock 2000000 is above 1000000");
    }

    @Test
    void negativeCapacityAndNegativeOrNonFiniteCostAreRejected() {
        assertThat(validator.checkFigures(node().setDailyOrderCapacity(-5).build()).message())
                .isEqualTo("dailyOrderCapacity -5 is negative");
        assertThat(validator.checkFigures(node().setHandlingCost(-0.5).build()).reason())
                .isEqualTo(DeadLetterReason.INVALID_NODE_RECORD);
        assertThat(validator.checkFigures(node().setHandlingCost(Double.NaN).build())).isNotNull();
        assertThat(validator.checkFigures(node().setHandlingCost(Double.POSITIVE_INFINITY).build()))
                .isNotNull();
    }

    @Test
    void everyDefectIsReportedInTheDocumentedOrderUnderTheFirstOnesReason() {
        NodeRecord broken =
                node().setLatitude(91.0)
                        .setSafetyStock(-1)
                        .setDailyOrderCapacity(-2)
                        .setHandlingCost(-3.0)
                        .build();

        Rejection rejection = validator.checkFigures(broken);

        assertThat(rejection.reason()).isEqualTo(DeadLetterReason.INVALID_COORDINATES);
        assertThat(rejection.message())
                .isEqualTo(
                        "lat/lon 91.0,0.0; safetyStock -1 is negative;"
                                + " dailyOrderCapacity -2 is negative;"
                                + " handlingCost -3.0 is not a non-negative amount");
    }

    @Test
    void nodeGroupsAreSoundWhenNamedOnceEachAndAtMostTheMaximum() {
        assertThat(validator.checkFigures(node().setGroups(List.of("BRAND-A", "UK-SOUTH")).build()))
                .isNull();
        List<String> thirtyTwo = new ArrayList<>();
        for (int i = 1; i <= NodeRecordValidator.MAX_GROUPS; i++) {
            thirtyTwo.add("G" + i);
        }
        assertThat(validator.checkFigures(node().setGroups(thirtyTwo).build())).isNull();
    }

    @Test
    void aBlankOrRepeatedGroupNameIsRejectedAsAnInvalidNodeRecord() {
        Rejection blank = validator.checkFigures(node().setGroups(List.of("BRAND-A", " ")).build());
        Rejection repeated =
                validator.checkFigures(
                        node().setGroups(List.of("BRAND-A", "UK", "BRAND-A", "UK", "UK")).build());

        assertThat(blank)
                .isEqualTo(
                        new Rejection(
                                DeadLetterReason.INVALID_NODE_RECORD,
                                "groups: a group name is blank"));
        assertThat(repeated)
                .isEqualTo(
                        new Rejection(
                                DeadLetterReason.INVALID_NODE_RECORD,
                                "groups: groups listed twice: BRAND-A,UK"));
    }

    @Test
    void moreGroupsThanTheMaximumAreRejected() {
        List<String> thirtyThree = new ArrayList<>();
        for (int i = 1; i <= 33; i++) {
            thirtyThree.add("G" + i);
        }

        Rejection rejection = validator.checkFigures(node().setGroups(thirtyThree).build());

        assertThat(rejection.reason()).isEqualTo(DeadLetterReason.INVALID_NODE_RECORD);
        assertThat(rejection.message()).isEqualTo("groups: 33 groups, at most 32");
    }

    @Test
    void groupDefectsComeLastAmongEveryDefect() {
        NodeRecord broken = node().setHandlingCost(-3.0).setGroups(List.of("", "A", "A")).build();

        Rejection rejection = validator.checkFigures(broken);

        assertThat(rejection.reason()).isEqualTo(DeadLetterReason.INVALID_NODE_RECORD);
        assertThat(rejection.message())
                .isEqualTo(
                        "handlingCost -3.0 is not a non-negative amount;"
                                + " groups: a group name is blank, groups listed twice: A");
    }

    private static NodeRecord.Builder node() {
        return NodeRecord.newBuilder()
                .setEventId("node-S1")
                .setEventTime(Instant.parse("2026-12-01T08:00:00Z"))
                .setNodeId("S1")
                .setType(NodeType.STORE)
                .setLatitude(51.5)
                .setLongitude(0.0)
                .setRegion("LONDON")
                .setDailyOrderCapacity(100)
                .setHandlingCost(2.5)
                .setSafetyStock(2)
                .setStatus(NodeStatus.OPEN);
    }
}
