-- An article's cover photo: the id of the photo in the file store (a new id for each upload, so
-- that its address never names another picture) and the large version's pixel size.
ALTER TABLE articles ADD COLUMN cover TEXT;
ALTER TABLE articles ADD COLUMN cover_width INTEGER;
ALTER TABLE articles ADD COLUMN cover_height INTEGER;
-- The same for the desa's own photo, at the head of its site.
ALTER TABLE desa_profile ADD COLUMN photo TEXT;
ALTER TABLE desa_profile ADD COLUMN photo_width INTEGER;
ALTER TABLE desa_profile ADD COLUMN photo_height INTEGER;

-- The desa's static pages (Sejarah, Transparansi, …): Markdown kept as written and as the
-- sanitised HTML shown; listed on the site in their order once published.
CREATE TABLE site_pages (
    desa_id TEXT NOT NULL REFERENCES desa (id),
    id TEXT NOT NULL,
    slug TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    body_html TEXT NOT NULL,
    position INTEGER NOT NULL,
    published BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (desa_id, id),
    UNIQUE (desa_id, slug)
);
CREATE INDEX site_pages_order ON site_pages (desa_id, position, id);

ALTER TABLE site_pages ENABLE ROW LEVEL SECURITY;
ALTER TABLE site_pages FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON site_pages
    USING (desa_id = current_setting('sid.desa_id', true))
    WITH CHECK (desa_id = current_setting('sid.desa_id', true));
