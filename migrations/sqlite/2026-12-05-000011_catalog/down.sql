DROP TABLE product_words;
DROP TABLE product_photos;
DROP TABLE products;
DROP TABLE sellers;
