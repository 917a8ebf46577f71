package io.omnistock.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnistock.avro.ConditionGrade;
import io.omnistock.avro.DispositionType;
import io.omnistock.avro.ReturnDisposition;
import io.omnistock.avro.SourceSystem;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReturnsTallyTest {
    @Test
    void countsDispositionsTheRestockedShareOfUnitsAndTheReturnLegs() {
        ReturnsTally tally = new ReturnsTally();
        tally.record(disposition("r-1", DispositionType.RESTOCK, 3, 0.55));
        tally.record(disposition("r-2", DispositionType.RECYCLE, 1, 0.5));
        tally.record(disposition("r-3", DispositionType.REFURBISH, 4, 0.0));

        assertThat(tally.line())
                .isEqualTo(
                        "returns       3: restock      1 refurbish     1 liquidate     0 recycle"
                                + "     1 | 37.5% of units restocked | 1.1 kg CO2e return legs");
    }

    private static ReturnDisposition disposition(
            String id, DispositionType disposition, int units, double co2eKg) {
        return ReturnDisposition.newBuilder()
                .setEventId(id)
                .setEventTime(Instant.parse("2026-03-02T10:00:00Z"))
                .setSku("SKU-1")
                .setNodeId("DC-1")
                .setRegion("UK")
                .setQuantity(units)
                .setDisposition(disposition)
                .setRule("rule")
                .setConditionGrade(ConditionGrade.C)
                .setOrderId("ORD-" + id)
                .setSource(SourceSystem.ORDERS)
                .setReturnDistanceKm(0)
                .setReturnCo2eKg(co2eKg)
                .setCarbonFactorsVersion("2025.1")
                .build();
    }
}
