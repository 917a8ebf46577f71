package io.omnistock.generator;

/**
 * The final state a correct engine holds for one SKU at one node.
 *
 * @param sku the SKU
 * @param nodeId the node
 * @param onHand last count plus the deltas stamped after it (may be negative)
 * @param inTransit sum over ASNs to this position of max(0, latest ASN qty - units received)
 * @param safetyStock the node record's safety stock
 * @param atp max(0, onHand - safetyStock) (nothing is reserved by the generator)
 */
public record ExpectedPosition(
        String sku, String nodeId, long onHand, long inTransit, long safetyStock, long atp) {}
