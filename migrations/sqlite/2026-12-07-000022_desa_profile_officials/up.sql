-- What a desa's site says of it beyond the card: history, vision and mission, area, the four
-- neighbours, office hours and where the office is; and who governs it (perangkat desa and
-- BPD), each with title, order, term and photo.
ALTER TABLE desa_profile ADD COLUMN history TEXT;
ALTER TABLE desa_profile ADD COLUMN vision TEXT;
ALTER TABLE desa_profile ADD COLUMN mission TEXT;
ALTER TABLE desa_profile ADD COLUMN area_ha DOUBLE PRECISION;
ALTER TABLE desa_profile ADD COLUMN border_north TEXT;
ALTER TABLE desa_profile ADD COLUMN border_east TEXT;
ALTER TABLE desa_profile ADD COLUMN border_south TEXT;
ALTER TABLE desa_profile ADD COLUMN border_west TEXT;
ALTER TABLE desa_profile ADD COLUMN office_hours TEXT;
ALTER TABLE desa_profile ADD COLUMN latitude DOUBLE PRECISION;
ALTER TABLE desa_profile ADD COLUMN longitude DOUBLE PRECISION;

CREATE TABLE officials (
    desa_id TEXT NOT NULL REFERENCES desa (id),
    id TEXT NOT NULL,
    body TEXT NOT NULL CHECK (body IN ('perangkat', 'bpd')),
    name TEXT NOT NULL,
    title TEXT NOT NULL,
    position INTEGER NOT NULL,
    term_start DATE,
    term_end DATE,
    photo_width INTEGER,
    photo_height INTEGER,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (desa_id, id),
    CHECK (term_end IS NULL OR term_start IS NULL OR term_end >= term_start)
);
CREATE INDEX officials_order ON officials (desa_id, body, position, id);
