ALTER TABLE users DROP CONSTRAINT users_seller;
DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE role = 'umkm');
DELETE FROM users WHERE role = 'umkm';
ALTER TABLE users DROP COLUMN seller_id;
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check
    CHECK (role IN ('kabupaten_admin', 'desa_admin', 'desa_operator', 'warga'));
DROP TABLE product_words;
DROP TABLE product_photos;
DROP TABLE products;
DROP TABLE sellers;
