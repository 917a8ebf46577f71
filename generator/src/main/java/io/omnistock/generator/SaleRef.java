package io.omnistock.generator;

/** A sale that was sent earlier, for the malformed VOIDs that must name a real one. */
record SaleRef(String saleId, String sku, String nodeId, int quantity) {}
