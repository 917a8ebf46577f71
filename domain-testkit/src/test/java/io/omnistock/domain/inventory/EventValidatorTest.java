package io.omnistock.domain.inventory;

import static io.omnistock.domain.inventory.LedgerEvents.DC;
import static io.omnistock.domain.inventory.LedgerEvents.STORE;
import static io.omnistock.domain.inventory.LedgerEvents.adjustment;
import static io.omnistock.domain.inventory.LedgerEvents.asn;
import static io.omnistock.domain.inventory.LedgerEvents.at;
import static io.omnistock.domain.inventory.LedgerEvents.cycleCount;
import static io.omnistock.domain.inventory.LedgerEvents.event;
import static io.omnistock.domain.inventory.LedgerEvents.receipt;
import static io.omnistock.domain.inventory.LedgerEvents.returned;
import static io.omnistock.domain.inventory.LedgerEvents.sale;
import static io.omnistock.domain.inventory.LedgerEvents.snapshot;
import static io.omnistock.domain.inventory.LedgerEvents.transferOut;
import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.ConditionGrade;
import io.omnistock.avro.DeadLetterReason;
import io.omnistock.avro.SourceSystem;
import io.omnistock.domain.returns.ReturnedItem;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class EventValidatorTest {
    private static final long NOW = at(12, 0);
    private final EventValidator validator = new EventValidator(LedgerSettings.defaults());

    private DeadLetterReason reasonFor(InventoryEvent e) {
        Rejection r = validator.validate(e, NOW);
        return r == null ? null : r.reason();
    }

    private static InventoryEvent with(InventoryEvent e, Consumer<InventoryEvent> change) {
        change.accept(e);
        return e;
    }

    @Test
    void wellFormedEventsPass() {
        assertThat(reasonFor(sale(STORE, 2, at(11, 0)))).isNull();
        assertThat(reasonFor(adjustment(DC, -3, at(11, 0)))).isNull();
        assertThat(reasonFor(cycleCount(DC, 0, at(11, 0)))).isNull();
        assertThat(reasonFor(asn("A-1", DC, 5, at(11, 0), at(20, 0)))).isNull();
    }

    @Test
    void eachDefectHasItsOwnReason() {
        assertThat(reasonFor(with(sale(STORE, 1, at(11, 0)), e -> e.sku = " ")))
                .isEqualTo(DeadLetterReason.MISSING_FIELD);
        assertThat(reasonFor(sale(STORE, 0, at(11, 0))))
                .isEqualTo(DeadLetterReason.NON_POSITIVE_QUANTITY);
        assertThat(reasonFor(receipt(DC, -5, at(11, 0))))
                .isEqualTo(DeadLetterReason.NON_POSITIVE_QUANTITY);
        assertThat(reasonFor(adjustment(DC, 0, at(11, 0))))
                .isEqualTo(DeadLetterReason.ZERO_ADJUSTMENT);
        assertThat(reasonFor(snapshot(DC, -1, at(11, 0))))
                .isEqualTo(DeadLetterReason.NEGATIVE_COUNT);
        assertThat(reasonFor(receipt(DC, 10_000_000, at(11, 0))))
                .isEqualTo(DeadLetterReason.ABSURD_QUANTITY);
        assertThat(reasonFor(event(EventType.VOID, STORE, 0, at(11, 0))))
                .isEqualTo(DeadLetterReason.MISSING_REFERENCE);
        assertThat(
                        reasonFor(
                                with(
                                        asn("A-1", DC, 5, at(11, 0), 0),
                                        e -> e.eta = InventoryEvent.NO_TIME)))
                .isEqualTo(DeadLetterReason.MISSING_ETA);
        assertThat(reasonFor(transferOut(DC, DC, 3, at(11, 0))))
                .isEqualTo(DeadLetterReason.SELF_TRANSFER);
        assertThat(reasonFor(sale(STORE, 1, NOW + 2 * 3_600_000L)))
                .isEqualTo(DeadLetterReason.FUTURE_EVENT_TIME);
    }

    @Test
    void clockSkewWithinTheLimitIsAccepted() {
        assertThat(reasonFor(sale(STORE, 1, NOW + 30 * 60_000L))).isNull();
    }

    @Test
    void aReturnReceivedNeedsAGradeAndAWholeOrigin() {
        InventoryEvent graded = orderReturn(ConditionGrade.A);
        assertThat(reasonFor(graded)).isNull();
        assertThat(reasonFor(orderReturn(ConditionGrade.UNKNOWN)))
                .isEqualTo(DeadLetterReason.MISSING_FIELD);
        assertThat(reasonFor(with(orderReturn(ConditionGrade.A), e -> e.returned.fromLatitude = 1)))
                .as("a latitude without a longitude")
                .isEqualTo(DeadLetterReason.INVALID_COORDINATES);
        assertThat(
                        reasonFor(
                                with(
                                        orderReturn(ConditionGrade.A),
                                        e -> {
                                            e.returned.fromLatitude = 91;
                                            e.returned.fromLongitude = 0;
                                        })))
                .isEqualTo(DeadLetterReason.INVALID_COORDINATES);
        assertThat(reasonFor(with(orderReturn(ConditionGrade.A), e -> e.returned.unitValue = -1)))
                .isEqualTo(DeadLetterReason.ABSURD_QUANTITY);
        assertThat(reasonFor(with(orderReturn(ConditionGrade.A), e -> e.quantity = 0)))
                .isEqualTo(DeadLetterReason.NON_POSITIVE_QUANTITY);
    }

    private static InventoryEvent orderReturn(ConditionGrade grade) {
        InventoryEvent e = returned(DC, 1, at(11, 0));
        e.source = SourceSystem.ORDERS;
        e.returned = new ReturnedItem(grade, "toys", 10.0);
        return e;
    }
}
