DROP INDEX products_emall_category_price;
DROP INDEX products_emall_price;
DROP INDEX products_emall_category;
DROP INDEX products_id;
DROP TABLE emall_counts;
