package io.omnistock.generator;

import io.omnistock.avro.NodeRecord;
import io.omnistock.avro.NodeType;
import java.time.ZoneId;
import java.util.SplittableRandom;

/**
 * A node as the simulation sees it: its published record plus what the record does not carry.
 *
 * @param index position in {@link RetailNetwork#nodes()}
 * @param record the record published on {@code network.nodes}
 * @param site where it stands
 * @param zone its local time zone (store hours are local)
 * @param assortment indices of the SKUs it carries, most popular first
 * @param demand popularity-weighted sampler over {@code assortment}
 * @param supplier index of the node that replenishes it (stores and dark stores: the nearest DC;
 *     DCs: the nearest 3PL, or -1; 3PLs: -1)
 */
record NetworkNode(
        int index,
        NodeRecord record,
        Site site,
        ZoneId zone,
        int[] assortment,
        WeightedSampler demand,
        int supplier) {

    String id() {
        return record.getNodeId();
    }

    NodeType type() {
        return record.getType();
    }

    int safetyStock() {
        return record.getSafetyStock();
    }

    /** The SKU index of a popularity-weighted draw from the assortment. */
    int sampleSku(SplittableRandom rng) {
        return assortment[demand.sample(rng)];
    }
}
