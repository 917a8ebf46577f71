package io.omnistock.ledger.domain.routing;

import java.util.Objects;

/** One line of an order: a SKU and how many units of it. */
public record OrderLine(String sku, int quantity) {

    public OrderLine {
        Objects.requireNonNull(sku, "sku");
        if (sku.isBlank()) {
            throw new IllegalArgumentException("blank sku");
        }
        if (quantity <= 0) {
            throw new IllegalArgumentException(sku + ": quantity must be positive: " + quantity);
        }
    }
}
