package io.omnistock.domain.holds;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.HoldAction;
import io.omnistock.avro.HoldRequest;
import io.omnistock.domain.inventory.Rejection;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HoldValidatorTest {
    private static final long NOW = Instant.parse("2026-03-02T09:00:00Z").toEpochMilli();
    private final HoldValidator validator = new HoldValidator(1_000, 3_600_000);

    private static HoldRequest.Builder hold() {
        return HoldRequest.newBuilder()
                .setEventId("e-1")
                .setEventTime(Instant.ofEpochMilli(NOW))
                .setHoldId("H-1")
                .setSku("SKU-1")
                .setAction(HoldAction.HOLD)
                .setNodeId(null)
                .setQuantity(2)
                .setTtlSeconds(900)
                .setChannel("WEB");
    }

    private DeadLetterReason reason(HoldRequest.Builder r) {
        Rejection rejection = validator.validate(r.build(), NOW);
        return rejection == null ? null : rejection.reason();
    }

    @Test
    void aCompleteHoldIsValidAndBecomesACommandForAnyNode() {
        HoldRequest r = hold().setNodeId(" ").build();

        assertThat(validator.validate(r, NOW)).isNull();
        HoldCommand c = HoldCommand.of(r);
        assertThat(c.action).isEqualTo(HoldCommand.Action.HOLD);
        assertThat(c.nodeId).as("blank: any eligible node").isNull();
        assertThat(c.quantity).isEqualTo(2);
        assertThat(c.ttlMillis).isEqualTo(900_000);
        assertThat(c.eventTime).isEqualTo(NOW);
    }

    @Test
    void requiredFieldsAndAKnownActionComeFirst() {
        assertThat(reason(hold().setHoldId(" "))).isEqualTo(DeadLetterReason.MISSING_FIELD);
        assertThat(reason(hold().setSku(""))).isEqualTo(DeadLetterReason.MISSING_FIELD);
        assertThat(reason(hold().setAction(HoldAction.UNKNOWN).setQuantity(0)))
                .isEqualTo(DeadLetterReason.MISSING_FIELD);
    }

    @Test
    void aHoldNeedsASaneQuantity() {
        assertThat(reason(hold().setQuantity(0))).isEqualTo(DeadLetterReason.NON_POSITIVE_QUANTITY);
        assertThat(reason(hold().setQuantity(1_001))).isEqualTo(DeadLetterReason.ABSURD_QUANTITY);
        assertThat(reason(hold().setQuantity(1_000))).isNull();
        assertThat(reason(hold().setAction(HoldAction.RELEASE).setQuantity(0))).isNull();
    }

    @Test
    void aHoldAndAnExtensionNeedATtlOfOneSecondToAWeek() {
        assertThat(reason(hold().setTtlSeconds(0))).isEqualTo(DeadLetterReason.INVALID_HOLD_TTL);
        assertThat(reason(hold().setTtlSeconds(604_801)))
                .isEqualTo(DeadLetterReason.INVALID_HOLD_TTL);
        assertThat(reason(hold().setTtlSeconds(604_800))).isNull();
        assertThat(reason(hold().setAction(HoldAction.EXTEND).setTtlSeconds(-5)))
                .isEqualTo(DeadLetterReason.INVALID_HOLD_TTL);
        assertThat(reason(hold().setAction(HoldAction.RELEASE).setTtlSeconds(0))).isNull();
    }

    @Test
    void anEventTimeTooFarAheadOfTheWallClockIsRejected() {
        assertThat(reason(hold().setEventTime(Instant.ofEpochMilli(NOW + 3_600_001))))
                .isEqualTo(DeadLetterReason.FUTURE_EVENT_TIME);
        assertThat(reason(hold().setEventTime(Instant.ofEpochMilli(NOW + 3_600_000)))).isNull();
    }
}
