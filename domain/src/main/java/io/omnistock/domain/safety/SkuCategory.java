package io.omnistock.domain.safety;

/**
 * A SKU's attributes from reference.skus, on their way to the SKU's ledger: a Flink POJO.
 *
 * @see SkuReference#updateCategory
 */
public class SkuCategory {
    public String sku;
    public String category;

    /** Event time of the record: the newest per SKU wins. */
    public long updatedAt;

    public SkuCategory() {}

    public SkuCategory(String sku, String category, long updatedAt) {
        this.sku = sku;
        this.category = category;
        this.updatedAt = updatedAt;
    }
}
