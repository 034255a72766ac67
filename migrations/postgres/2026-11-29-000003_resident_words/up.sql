-- The words of each resident's name, for searching by word beginnings through an index.
-- Under row-level security PostgreSQL only uses an index for leakproof operators; LIKE is not
-- one (so a trigram index goes unused), while the range comparisons of a "C"-collated text are.
-- The whole lower-case name rides along in the index, so that the rest of a search is matched
-- in the index before any resident row is read.
CREATE TABLE resident_words (
    desa_id TEXT NOT NULL REFERENCES desa (id),
    word TEXT COLLATE "C" NOT NULL,
    resident_id TEXT NOT NULL,
    name_search TEXT NOT NULL,
    PRIMARY KEY (desa_id, word, resident_id) INCLUDE (name_search),
    FOREIGN KEY (desa_id, resident_id) REFERENCES residents (desa_id, id)
);

ALTER TABLE resident_words ENABLE ROW LEVEL SECURITY;
ALTER TABLE resident_words FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON resident_words
    USING (desa_id = current_setting('sid.desa_id', true))
    WITH CHECK (desa_id = current_setting('sid.desa_id', true));
CREATE POLICY regency_read ON resident_words FOR SELECT
    USING (current_setting('sid.scope', true) = 'kabupaten');

-- Unused under row-level security (see above).
DROP INDEX residents_name_trgm;
