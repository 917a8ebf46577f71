package io.omnistock.domain.planning;

import java.util.Objects;

/**
 * One line of an order as route planning sees it: a SKU and how many units of it ({@link
 * io.omnistock.avro.OrderLine} is its form on the wire).
 */
public record PlannedLine(String sku, int quantity) {

    public PlannedLine {
        Objects.requireNonNull(sku, "sku");
        if (sku.isBlank()) {
            throw new IllegalArgumentException("blank sku");
        }
        if (quantity <= 0) {
            throw new IllegalArgumentException(sku + ": quantity must be positive: " + quantity);
        }
    }
}
