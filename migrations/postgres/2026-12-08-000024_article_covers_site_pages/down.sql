DROP TABLE site_pages;
ALTER TABLE articles DROP COLUMN cover_height;
ALTER TABLE articles DROP COLUMN cover_width;
ALTER TABLE articles DROP COLUMN cover;
