package io.omnistock.generator;

/**
 * One catalog item.
 *
 * @param id {@code SKU-00001}...
 * @param popularity share of all demand (Zipf-like over the catalog; the shares sum to 1)
 * @param caseSize units per case, the replenishment multiple
 */
public record Sku(String id, double popularity, int caseSize) {}
