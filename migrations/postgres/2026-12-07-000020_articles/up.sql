-- The desa's articles: news, announcements, farming and fishing, UMKM, activities. The body is
-- kept as written (Markdown) and as the sanitised HTML shown, made once when it is saved.
-- Published with `publish_at` in the future is scheduled: shown from that time on.
CREATE TABLE articles (
    desa_id TEXT NOT NULL REFERENCES desa (id),
    id TEXT NOT NULL,
    slug TEXT NOT NULL,
    category TEXT NOT NULL CHECK (category IN ('berita', 'pengumuman', 'pertanian', 'perikanan', 'umkm', 'kegiatan')),
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    body TEXT NOT NULL,
    body_html TEXT NOT NULL,
    published BOOLEAN NOT NULL,
    publish_at TIMESTAMP,
    author TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (desa_id, id),
    UNIQUE (desa_id, slug)
);
-- A desa's site, newest first, and the regency's news page across desa.
CREATE INDEX articles_shown ON articles (desa_id, publish_at, id) WHERE published;
CREATE INDEX articles_kabar ON articles (publish_at, id) WHERE published;
CREATE INDEX articles_edited ON articles (desa_id, updated_at, id);

ALTER TABLE articles ENABLE ROW LEVEL SECURITY;
ALTER TABLE articles FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON articles
    USING (desa_id = current_setting('sid.desa_id', true))
    WITH CHECK (desa_id = current_setting('sid.desa_id', true));
-- The regency's news page reads every desa's published articles, with no desa set.
CREATE POLICY kabar ON articles FOR SELECT
    USING (published AND coalesce(current_setting('sid.desa_id', true), '') = '');
