package io.omnistock.ledger.domain;

import io.omnistock.avro.NodeType;

/** ATP of one SKU summed over its OPEN nodes, in total and per node type. A Flink POJO. */
public class NetworkTotals {
    public long networkAtp;
    public long storeAtp;
    public long dcAtp;
    public long darkStoreAtp;
    public long threePlAtp;
    public int openNodes;

    /** Version of the last published network availability; 0 before the first. */
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

    void copyFiguresFrom(NetworkTotals other) {
        networkAtp = other.networkAtp;
        storeAtp = other.storeAtp;
        dcAtp = other.dcAtp;
        darkStoreAtp = other.darkStoreAtp;
        threePlAtp = other.threePlAtp;
        openNodes = other.openNodes;
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
