package io.omnistock.demo;

import io.omnistock.avro.DispositionType;
import io.omnistock.avro.ReturnDisposition;
import java.util.EnumMap;
import java.util.Map;

/**
 * Running figures of the triage decisions read from {@code returns.dispositions}: returns per
 * disposition, units returned and restocked, and kg CO2e of the return legs. Thread-safe: one
 * thread records while another reads.
 */
final class ReturnsTally {
    private final Map<DispositionType, Long> byDisposition = new EnumMap<>(DispositionType.class);
    private long returns;
    private long units;
    private long restockedUnits;
    private double co2eKg;

    synchronized void record(ReturnDisposition d) {
        returns++;
        byDisposition.merge(d.getDisposition(), 1L, Long::sum);
        units += d.getQuantity();
        restockedUnits += d.getDisposition() == DispositionType.RESTOCK ? d.getQuantity() : 0;
        co2eKg += d.getReturnCo2eKg();
    }

    /**
     * {@code returns 1,234: restock 800 refurbish 100 liquidate 200 recycle 134 | 71.2% of units
     * restocked | 210.3 kg CO2e return legs}.
     */
    synchronized String line() {
        return String.format(
                "returns %,7d: restock %,6d refurbish %,5d liquidate %,5d recycle %,5d |"
                        + " %4.1f%% of units restocked | %,.1f kg CO2e return legs",
                returns,
                count(DispositionType.RESTOCK),
                count(DispositionType.REFURBISH),
                count(DispositionType.LIQUIDATE),
                count(DispositionType.RECYCLE),
                units == 0 ? 0.0 : 100.0 * restockedUnits / units,
                co2eKg);
    }

    private long count(DispositionType disposition) {
        return byDisposition.getOrDefault(disposition, 0L);
    }
}
