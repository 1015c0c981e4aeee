package com.shopkhaos.model.stock;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Port: the shop's products as stock sync needs them (Shopware Admin API): found by SKU, read page by page,
 * and their stock written in bulk. Transient failures throw; a request Shopware refuses because of some rows
 * throws {@link RowsRefusedException} naming them (Shopware writes nothing of such a request).
 */
public interface ShopProducts {

    /** The products with these SKUs (any number; searched 500 at a time). */
    List<ShopProduct> bySku(String shopId, Collection<String> skus);

    /** One page of every product (page from 1), {@code size} at most 500; fewer than asked: the last page. */
    List<ShopProduct> page(String shopId, int page, int size);

    /** Sets stock for these products in one bulk request. */
    void setStock(String shopId, List<StockWrite> writes);

    /** A product: its id, SKU, stock and whether it is a closeout, a variant, or a parent with variants. */
    record ShopProduct(String id, String sku, int stock, boolean closeout, String parentId, int childCount) {
        public boolean hasVariants() {
            return childCount > 0;
        }
    }

    /** Stock for one product. */
    record StockWrite(String productId, String sku, int stock) {
    }

    /** The shop refused the request because of these rows (index in the request → the shop's reason). */
    class RowsRefusedException extends RuntimeException {
        private final Map<Integer, String> rows;

        public RowsRefusedException(Map<Integer, String> rows, String message) {
            super(message);
            this.rows = Map.copyOf(rows);
        }

        /** Empty when the shop did not say which rows. */
        public Map<Integer, String> rows() {
            return rows;
        }
    }
}
