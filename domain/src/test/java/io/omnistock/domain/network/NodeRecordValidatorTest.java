package io.omnistock.domain.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.NodeRecord;
import io.omnistock.avro.NodeStatus;
import io.omnistock.avro.NodeType;
import io.omnistock.domain.inventory.Rejection;
import java.time.Instant;
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
