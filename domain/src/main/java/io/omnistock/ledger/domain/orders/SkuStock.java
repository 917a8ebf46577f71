package io.omnistock.ledger.domain.orders;

import io.omnistock.ledger.domain.InboundUnits;
import io.omnistock.ledger.domain.NodeUnits;
import java.util.ArrayList;
import java.util.List;

/**
 * What the ledger last said of one SKU for an order: ATP and inbound ASN units per OPEN node. A
 * Flink POJO.
 */
public class SkuStock {
    public String sku;

    /** Whether the SKU exists anywhere in the ledger. */
    public boolean known;

    public List<NodeUnits> atp = new ArrayList<>();

    /** Units still expected from ASNs at OPEN nodes, with their ETAs. */
    public List<InboundUnits> inbound = new ArrayList<>();

    /** The SKU's category from reference.skus, or null when none is known. Appended. */
    public String category;

    public SkuStock() {}

    public SkuStock(String sku, boolean known, List<NodeUnits> atp) {
        this(sku, known, atp, List.of());
    }

    public SkuStock(String sku, boolean known, List<NodeUnits> atp, List<InboundUnits> inbound) {
        this.sku = sku;
        this.known = known;
        this.atp = new ArrayList<>(atp);
        this.inbound = new ArrayList<>(inbound);
    }

    /** This, with the SKU's category as the ledger answered it. */
    public SkuStock categorised(String category) {
        this.category = category;
        return this;
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
