package io.omnistock.domain.inventory;

/**
 * Days of cover at a position fell below the lead time: the position is expected to run out at
 * {@code expectedStockoutTime}. The forecast's figures are copied, so the value outlives the call.
 *
 * @param version the position's version at the change
 */
public record ProjectedStockout(
        String sku,
        String nodeId,
        long atp,
        double velocityPerDay,
        double daysOfCover,
        long expectedStockoutTime,
        long leadTimeMillis,
        long eventTime,
        long version) {}
