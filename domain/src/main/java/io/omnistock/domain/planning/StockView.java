package io.omnistock.domain.planning;

/** What routing may promise: the ledger's available-to-promise per SKU x node. */
@FunctionalInterface
public interface StockView {
    /** ATP of the SKU at the node; 0 when unknown. Negative values are read as 0. */
    long atp(String sku, String nodeId);
}
