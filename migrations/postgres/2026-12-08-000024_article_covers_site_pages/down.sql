DROP TABLE site_pages;
ALTER TABLE articles DROP COLUMN cover_height;
ALTER TABLE articles DROP COLUMN cover_width;
ALTER TABLE articles DROP COLUMN cover;
ALTER TABLE desa_profile DROP COLUMN photo_height;
ALTER TABLE desa_profile DROP COLUMN photo_width;
ALTER TABLE desa_profile DROP COLUMN photo;
