-- The bound of an e-mall search: the database alone reading the rows of a two-word search with
-- one filter from the words' index (what `emall::search` reads, without row-level security, the
-- ranking, the page's products or HTTP).
SELECT product_id, weight, word = 'keripik', price_min, created_at FROM product_words
    WHERE word >= 'keripik' AND word < 'keripik~' AND category = 'makanan-minuman';
SELECT product_id, weight, word = 'pisang', price_min, created_at FROM product_words
    WHERE word >= 'pisang' AND word < 'pisang~' AND category = 'makanan-minuman';
