package io.omnistock.generator;

/**
 * The final network availability of one SKU: ATP summed over OPEN nodes only.
 *
 * @param sku the SKU
 * @param networkAtp sum of ATP over OPEN nodes holding a position
 * @param storeAtp the part at OPEN stores
 * @param dcAtp the part at OPEN DCs
 * @param darkStoreAtp the part at OPEN dark stores
 * @param threePlAtp the part at OPEN 3PLs
 * @param openNodes OPEN nodes holding a position for the SKU
 */
public record ExpectedNetwork(
        String sku,
        long networkAtp,
        long storeAtp,
        long dcAtp,
        long darkStoreAtp,
        long threePlAtp,
        int openNodes) {}
