-- How many products each desa has in the e-mall, per category, kept in the transaction of every
-- change to a product: the e-mall's first page (no words) counts its results from at most 326 × 8
-- rows instead of every listed product.
CREATE TABLE emall_counts (
    desa_id TEXT NOT NULL REFERENCES desa (id),
    category TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (desa_id, category)
);
INSERT INTO emall_counts (desa_id, category, n)
    SELECT desa_id, category, count(*) FROM products WHERE published AND available
    GROUP BY desa_id, category;
