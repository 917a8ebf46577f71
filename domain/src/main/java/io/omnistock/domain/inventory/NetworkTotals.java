package io.omnistock.domain.inventory;

import io.omnistock.avro.NodeType;

/**
 * ATP of one SKU summed over its OPEN nodes, in total and per node type: the sum of its positions'
 * shares, kept in step by the ledger and never stored on its own. A Flink POJO.
 */
public class NetworkTotals {
    public long networkAtp;
    public long storeAtp;
    public long dcAtp;
    public long darkStoreAtp;
    public long threePlAtp;
    public int openNodes;

    /**
     * How many times a position's share changed: the sum of the positions' {@link
     * Position#networkChanges}; 0 before the first. Published as the network record's version.
     */
    public long version;

    public NetworkTotals() {}

    void add(NodeType type, long atp, int nodes) {
        networkAtp += atp;
        openNodes += nodes;
        switch (type) {
            case STORE -> storeAtp += atp;
            case DC -> dcAtp += atp;
            case DARK_STORE -> darkStoreAtp += atp;
            case THREE_PL -> threePlAtp += atp;
        }
    }

    /** Adds a position's share, as it stands, when the totals are rebuilt from the positions. */
    public void addShareOf(Position p) {
        if (p.countedInNetwork) {
            add(p.countedType, p.countedAtp, 1);
        }
        version += p.networkChanges;
    }

    void copyFrom(NetworkTotals other) {
        networkAtp = other.networkAtp;
        storeAtp = other.storeAtp;
        dcAtp = other.dcAtp;
        darkStoreAtp = other.darkStoreAtp;
        threePlAtp = other.threePlAtp;
        openNodes = other.openNodes;
        version = other.version;
    }

    boolean sameFiguresAs(NetworkTotals other) {
        return networkAtp == other.networkAtp
                && storeAtp == other.storeAtp
                && dcAtp == other.dcAtp
                && darkStoreAtp == other.darkStoreAtp
                && threePlAtp == other.threePlAtp
                && openNodes == other.openNodes;
    }
}
