package io.omnistock.ledger.domain.orders;

import io.omnistock.ledger.domain.NodeUnits;
import java.util.ArrayList;
import java.util.List;

/** What the ledger last said of one SKU for an order: ATP per OPEN node. A Flink POJO. */
public class SkuStock {
    public String sku;

    /** Whether the SKU exists anywhere in the ledger. */
    public boolean known;

    public List<NodeUnits> atp = new ArrayList<>();

    public SkuStock() {}

    public SkuStock(String sku, boolean known, List<NodeUnits> atp) {
        this.sku = sku;
        this.known = known;
        this.atp = new ArrayList<>(atp);
    }

    public long atpAt(String nodeId) {
        for (NodeUnits u : atp) {
            if (u.nodeId.equals(nodeId)) {
                return u.units;
            }
        }
        return 0;
    }
}
