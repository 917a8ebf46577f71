package io.omnistock.domain.inventory;

import io.omnistock.avro.AlertType;

/**
 * A position's ATP crossed a line (out of stock, back in stock, low) or its reservations exceed
 * on-hand (SHORTAGE, where {@code threshold} is the excess).
 *
 * @param threshold the line crossed: the node type's low threshold, or a shortage's excess units
 * @param version the position's version at the change
 */
public record StockAlert(
        String sku,
        String nodeId,
        AlertType type,
        long previousAtp,
        long atp,
        long threshold,
        long eventTime,
        long version) {}
