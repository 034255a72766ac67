-- The e-mall reads a search word's rows from the index alone: every column a search reads or
-- filters on (the policy's desa_id included) rides along, so no heap page is visited once the
-- visibility map is set (2,788 rows of a common word were 2,612 heap pages, 16 ms).
DROP INDEX product_words_word;
DROP INDEX product_words_loose;
CREATE INDEX product_words_word ON product_words (word)
    INCLUDE (weight, category, price_min, created_at, desa_id, product_id);
CREATE INDEX product_words_loose ON product_words (loose)
    INCLUDE (word, weight, category, price_min, created_at, desa_id, product_id);
