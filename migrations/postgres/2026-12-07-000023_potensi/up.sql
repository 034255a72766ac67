-- What a desa grows, raises and catches, as data the regency can add up: per commodity of the
-- regency's list and year, the land or pond area, the year's production and its unit, the
-- harvest months (bit 0 January … bit 11 December) and the farmers or fishers.
CREATE TABLE potensi (
    desa_id TEXT NOT NULL REFERENCES desa (id),
    commodity TEXT NOT NULL,
    year INTEGER NOT NULL,
    area_ha DOUBLE PRECISION,
    production DOUBLE PRECISION NOT NULL CHECK (production >= 0),
    unit TEXT NOT NULL,
    harvest_months INTEGER NOT NULL CHECK (harvest_months BETWEEN 0 AND 4095),
    producers INTEGER NOT NULL CHECK (producers >= 0),
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (desa_id, commodity, year)
);

ALTER TABLE potensi ENABLE ROW LEVEL SECURITY;
ALTER TABLE potensi FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON potensi
    USING (desa_id = current_setting('sid.desa_id', true))
    WITH CHECK (desa_id = current_setting('sid.desa_id', true));
