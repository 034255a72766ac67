-- How many products each desa has in the e-mall, per category, kept in the transaction of every
-- change to a product: the e-mall's first page (no words) counts its results from at most 326 × 8
-- rows instead of every listed product (50,000 rows under row-level security: 49 ms).
CREATE TABLE emall_counts (
    desa_id TEXT NOT NULL REFERENCES desa (id),
    category TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (desa_id, category)
);
-- The listed products so far: the e-mall's own policy shows them with no desa set.
SELECT set_config('sid.desa_id', '', true);
INSERT INTO emall_counts (desa_id, category, n)
    SELECT desa_id, category, count(*) FROM products WHERE published AND available
    GROUP BY desa_id, category;
ALTER TABLE emall_counts ENABLE ROW LEVEL SECURITY;
ALTER TABLE emall_counts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON emall_counts
    USING (desa_id = current_setting('sid.desa_id', true))
    WITH CHECK (desa_id = current_setting('sid.desa_id', true));
CREATE POLICY emall ON emall_counts FOR SELECT USING (current_setting('sid.desa_id', true) = '');

-- The e-mall's page loads its products by id, across desa (the key starts with desa_id).
CREATE INDEX products_id ON products (id);
-- The e-mall's orders within a category, and by price: the planner cannot estimate the rows
-- that row-level security lets through, and without these it read every product to sort them.
CREATE INDEX products_emall_category ON products (category, created_at, id) WHERE published AND available;
CREATE INDEX products_emall_price ON products (price_min, id) INCLUDE (desa_id, category, published)
    WHERE published AND available;
CREATE INDEX products_emall_category_price ON products (category, price_min, id) WHERE published AND available;
