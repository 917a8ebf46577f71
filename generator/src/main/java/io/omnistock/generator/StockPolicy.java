package io.omnistock.generator;

import io.omnistock.avro.NodeType;
import java.util.List;

/**
 * Replenishment levels per node and SKU, from expected daily demand: stores and dark stores hold
 * about 3 days and reorder at 1 day, DCs hold 5 days of what they supply and reorder at 2, 3PLs
 * hold 10 days of the DCs' demand and are restocked (unreported) at a quarter of it. Safety stock
 * comes on top.
 */
final class StockPolicy {
    static final double MEAN_SALE_QTY = 1.4;
    static final double MEAN_PICK_QTY = 1.3;
    private static final double MEAN_SHIP_QTY = 20;

    static void fill(
            NetworkConfig config,
            List<NetworkNode> nodes,
            List<Sku> skus,
            int[][] target,
            int[][] reorderAt) {
        double[][] daily = new double[nodes.size()][];
        double[] dcDemand = new double[skus.size()];
        for (NetworkNode node : nodes) {
            double perDay =
                    switch (node.type()) {
                        case STORE ->
                                config.salesPerStoreHour()
                                        * (InventoryWorld.STORE_CLOSE - InventoryWorld.STORE_OPEN)
                                        * MEAN_SALE_QTY;
                        case DARK_STORE ->
                                config.darkStorePicksPerHour()
                                        * (InventoryWorld.DARK_CLOSE - InventoryWorld.DARK_OPEN)
                                        * MEAN_PICK_QTY;
                        case DC ->
                                24
                                        * (config.dcPicksPerHour() * MEAN_PICK_QTY
                                                + InventoryWorld.DC_SHIPS_PER_HOUR * MEAN_SHIP_QTY);
                        case THREE_PL -> 0;
                    };
            daily[node.index()] = demandOf(node, skus, perDay);
        }
        for (NetworkNode node : nodes) {
            if (node.supplier() >= 0 && node.type() != NodeType.DC) {
                double[] own = daily[node.index()];
                double[] dc = daily[node.supplier()];
                for (int sku = 0; sku < own.length; sku++) {
                    dc[sku] += own[sku];
                }
            }
        }
        int threePls = 0;
        for (NetworkNode node : nodes) {
            switch (node.type()) {
                case DC -> {
                    double[] own = daily[node.index()];
                    for (int sku = 0; sku < own.length; sku++) {
                        dcDemand[sku] += own[sku];
                    }
                }
                case THREE_PL -> threePls++;
                default -> {}
            }
        }
        for (NetworkNode node : nodes) {
            int n = node.index();
            int safety = node.safetyStock();
            for (int sku : node.assortment()) {
                double d = daily[n][sku];
                switch (node.type()) {
                    case STORE, DARK_STORE -> {
                        target[n][sku] = safety + Math.max(3, (int) Math.ceil(3 * d));
                        reorderAt[n][sku] = safety + Math.max(1, (int) Math.ceil(d));
                    }
                    case DC -> {
                        target[n][sku] = safety + Math.max(24, (int) Math.ceil(5 * d));
                        reorderAt[n][sku] = safety + Math.max(8, (int) Math.ceil(2 * d));
                    }
                    case THREE_PL -> {
                        target[n][sku] =
                                Math.max(48, (int) Math.ceil(10 * dcDemand[sku] / threePls));
                        reorderAt[n][sku] = target[n][sku] / 4;
                    }
                }
            }
        }
    }

    /** Expected units per day per SKU at a node: its volume split by popularity over its range. */
    private static double[] demandOf(NetworkNode node, List<Sku> skus, double perDay) {
        double[] demand = new double[skus.size()];
        double total = node.demand().total();
        for (int sku : node.assortment()) {
            demand[sku] = perDay * skus.get(sku).popularity() / total;
        }
        return demand;
    }

    private StockPolicy() {}
}
