package io.omnistock.domain.inventory;

/**
 * A count that differs from what the ledger expected at the count's as-of time.
 *
 * @param count the count event
 */
public record CountDiscrepancy(
        String sku, String nodeId, long expected, long counted, InventoryEvent count) {}
