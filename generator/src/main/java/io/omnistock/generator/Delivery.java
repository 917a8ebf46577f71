package io.omnistock.generator;

/**
 * How a valid record may be perturbed on its way to Kafka.
 *
 * @param reorderable may be delivered up to {@code maxDisorder} late
 * @param duplicable may be re-sent as an exact duplicate
 * @param lagMillis fixed delay behind its event time (3PL snapshot batches)
 */
record Delivery(boolean reorderable, boolean duplicable, long lagMillis) {
    /** A movement (delta or ASN): may be late and duplicated. */
    static final Delivery MOVEMENT = new Delivery(true, true, 0);

    /** Counts, and sales that will be voided: on time (their VOID must come after), may repeat. */
    static final Delivery ON_TIME = new Delivery(false, true, 0);

    /**
     * A VOID: may be late but never duplicated, so an exact re-send is never mistaken for a
     * DUPLICATE_VOID (the engine validates before it dedupes).
     */
    static final Delivery VOID = new Delivery(true, false, 0);

    /** A 3PL snapshot batch delivered {@code lagMillis} after its as-of time. */
    static Delivery late(long lagMillis) {
        return new Delivery(false, true, lagMillis);
    }
}
