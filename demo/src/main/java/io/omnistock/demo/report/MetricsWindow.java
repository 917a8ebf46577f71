package io.omnistock.demo.report;

import io.omnistock.avro.OperationsMetrics;
import io.omnistock.avro.SustainabilityMetrics;
import java.time.Instant;

/**
 * One window of one series: its sustainability record, its operations record, or both (the highest
 * revision of each). Figures of a missing record, and ratios the ledger left null (their
 * denominator was 0), are null: a gap, never a zero.
 */
public record MetricsWindow(SustainabilityMetrics sustainability, OperationsMetrics operations) {

    public MetricsWindow {
        if (sustainability == null && operations == null) {
            throw new IllegalArgumentException("a window needs at least one record");
        }
    }

    public Instant start() {
        return sustainability != null
                ? sustainability.getWindowStart()
                : operations.getWindowStart();
    }

    /** Exclusive. */
    public Instant end() {
        return sustainability != null ? sustainability.getWindowEnd() : operations.getWindowEnd();
    }

    /** Orders routed in the window (0 without a sustainability record). */
    public long orders() {
        return sustainability == null ? 0 : sustainability.getOrders();
    }

    public Double co2ePerOrderKg() {
        return sustainability == null ? null : sustainability.getCo2ePerOrderKg();
    }

    public Double co2eAvoidedPerOrderKg() {
        return sustainability == null ? null : sustainability.getCo2eAvoidedPerOrderKg();
    }

    public Double splitRate() {
        return sustainability == null ? null : sustainability.getSplitRate();
    }

    public Double shipFromStoreShare() {
        return sustainability == null ? null : sustainability.getShipFromStoreShare();
    }

    public Double bopisShare() {
        return sustainability == null ? null : sustainability.getBopisShare();
    }

    public Double curbsideShare() {
        return sustainability == null ? null : sustainability.getCurbsideShare();
    }

    public Double sameDayShare() {
        return sustainability == null ? null : sustainability.getSameDayShare();
    }

    public Double fillRate() {
        return operations == null ? null : operations.getFillRate();
    }

    public Double inventoryAccuracy() {
        return operations == null ? null : operations.getInventoryAccuracy();
    }

    public Double onTimeShare() {
        return operations == null ? null : operations.getOnTimeShare();
    }

    public Double costPerOrder() {
        return operations == null ? null : operations.getCostPerOrder();
    }

    /** Whether late facts may still change the window: either record is provisional. */
    public boolean provisional() {
        return (sustainability != null && sustainability.getProvisional())
                || (operations != null && operations.getProvisional());
    }

    /** Facts that arrived after the window was final (already in its figures). */
    public long lateFacts() {
        return operations == null ? 0 : operations.getLateFacts();
    }
}
