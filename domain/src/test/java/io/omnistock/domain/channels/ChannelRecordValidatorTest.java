package io.omnistock.domain.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.ChannelControl;
import io.omnistock.avro.ChannelControlKind;
import io.omnistock.avro.ChannelDefinition;
import io.omnistock.avro.ChannelScope;
import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.NodeType;
import io.omnistock.domain.inventory.Rejection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelRecordValidatorTest {
    private static final Instant AT = Instant.parse("2026-12-01T08:00:00Z");
    private final ChannelRecordValidator validator = new ChannelRecordValidator(1_000);

    @Test
    void aWellFormedChannelPassesAndIsKeptAsTheLedgerUsesIt() {
        ChannelControl buffer = control(ChannelControlKind.BUFFER, ChannelScope.SKU_NODE);
        buffer.setSku("TOY-1");
        buffer.setNodeId("S1");
        buffer.setPercent(20);
        buffer.setEffectiveFrom(AT);
        ChannelControl exclude = control(ChannelControlKind.EXCLUDE, ChannelScope.CATEGORY);
        exclude.setCategory("garden");
        ChannelDefinition record = definition(buffer, exclude);

        assertThat(validator.check(record)).isNull();
        Channel channel = ChannelRecordValidator.channel(record);
        assertThat(channel.id).isEqualTo("WEB");
        assertThat(channel.updatedAt).isEqualTo(AT.toEpochMilli());
        assertThat(channel.controls).hasSize(2);
        assertThat(channel.controls.get(0).percent).isEqualTo(20);
        assertThat(channel.controls.get(0).effectiveFrom).isEqualTo(AT.toEpochMilli());
        assertThat(channel.controls.get(0).effectiveUntil).isEqualTo(Long.MAX_VALUE);
        assertThat(channel.controls.get(1).percent).isEqualTo(-1);
        assertThat(channel.controls.get(1).effectiveFrom).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void eachDefectIsRejectedWithItsReason() {
        assertThat(reason(definitionOf(" "))).isEqualTo(DeadLetterReason.INVALID_CHANNEL);

        ChannelControl noSku = control(ChannelControlKind.BUFFER, ChannelScope.SKU);
        assertInvalid(noSku, "sku is required");

        ChannelControl extraNode = control(ChannelControlKind.BUFFER, ChannelScope.SKU);
        extraNode.setSku("TOY-1");
        extraNode.setNodeId("S1");
        assertInvalid(extraNode, "nodeId is not used");

        ChannelControl noType = control(ChannelControlKind.BUFFER, ChannelScope.NODE_TYPE);
        assertInvalid(noType, "nodeType is required");

        ChannelControl excludeByNodeType =
                control(ChannelControlKind.EXCLUDE, ChannelScope.NODE_TYPE);
        excludeByNodeType.setNodeType(NodeType.STORE);
        assertInvalid(excludeByNodeType, "an exclusion takes scope SKU or CATEGORY");

        ChannelControl excludeWithUnits = sku(ChannelControlKind.EXCLUDE);
        excludeWithUnits.setUnits(2);
        assertInvalid(excludeWithUnits, "an exclusion takes no units or percent");

        ChannelControl both = sku(ChannelControlKind.BUFFER);
        both.setUnits(2);
        both.setPercent(10);
        assertInvalid(both, "units and percent are exclusive");

        ChannelControl negative = sku(ChannelControlKind.BUFFER);
        negative.setUnits(-1);
        assertInvalid(negative, "units -1 is negative");

        ChannelControl over = sku(ChannelControlKind.BUFFER);
        over.setPercent(101);
        assertInvalid(over, "percent 101 is outside 0..100");

        ChannelControl backwards = sku(ChannelControlKind.BUFFER);
        backwards.setEffectiveFrom(AT);
        backwards.setEffectiveUntil(AT);
        assertInvalid(backwards, "effectiveFrom is not before effectiveUntil");

        ChannelControl absurd = sku(ChannelControlKind.BUFFER);
        absurd.setUnits(1_001);
        Rejection rejection = validator.check(definition(absurd));
        assertThat(rejection.reason()).isEqualTo(DeadLetterReason.ABSURD_QUANTITY);
        assertThat(rejection.message()).isEqualTo("control 0: units 1001 is above 1000");
    }

    @Test
    void anInvalidControlOutranksAnAbsurdOneAndNamesItsPlace() {
        ChannelControl absurd = sku(ChannelControlKind.BUFFER);
        absurd.setUnits(5_000);
        ChannelControl noSku = control(ChannelControlKind.BUFFER, ChannelScope.SKU);

        Rejection rejection = validator.check(definition(absurd, noSku));

        assertThat(rejection.reason()).isEqualTo(DeadLetterReason.INVALID_CHANNEL);
        assertThat(rejection.message()).isEqualTo("control 1 (BUFFER SKU): sku is required");
    }

    @Test
    void tooManyControlsAreRejected() {
        List<ChannelControl> many =
                new ArrayList<>(
                        Collections.nCopies(
                                ChannelRecordValidator.MAX_CONTROLS + 1,
                                sku(ChannelControlKind.BUFFER)));
        ChannelDefinition record = definition();
        record.setControls(many);

        assertThat(reason(record)).isEqualTo(DeadLetterReason.INVALID_CHANNEL);
    }

    private void assertInvalid(ChannelControl control, String message) {
        Rejection rejection = validator.check(definition(control));
        assertThat(rejection).as(message).isNotNull();
        assertThat(rejection.reason()).isEqualTo(DeadLetterReason.INVALID_CHANNEL);
        assertThat(rejection.message()).contains(message);
    }

    private DeadLetterReason reason(ChannelDefinition record) {
        Rejection rejection = validator.check(record);
        return rejection == null ? null : rejection.reason();
    }

    private static ChannelControl sku(ChannelControlKind kind) {
        ChannelControl c = control(kind, ChannelScope.SKU);
        c.setSku("TOY-1");
        return c;
    }

    private static ChannelControl control(ChannelControlKind kind, ChannelScope scope) {
        return ChannelControl.newBuilder().setKind(kind).setScope(scope).build();
    }

    private static ChannelDefinition definition(ChannelControl... controls) {
        ChannelDefinition d = definitionOf("WEB");
        d.setControls(List.of(controls));
        return d;
    }

    private static ChannelDefinition definitionOf(String channel) {
        return ChannelDefinition.newBuilder()
                .setEventId("c-1")
                .setEventTime(AT)
                .setChannel(channel)
                .build();
    }
}
