-- The desa's development projects (pembangunan) for its transparency list: what is built, where,
-- from which fund, for how much, by whom and how far along; each progress report dated, with
-- its photo. The status follows the progress (0 planned, 100 done), so the two never disagree.
CREATE TABLE projects (
    desa_id TEXT NOT NULL REFERENCES desa (id),
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    location TEXT NOT NULL,
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    funding TEXT NOT NULL CHECK (funding IN ('dana_desa', 'add', 'bantuan_provinsi', 'bantuan_kabupaten', 'swadaya')),
    budget BIGINT NOT NULL CHECK (budget >= 0),
    implementer TEXT NOT NULL,
    year INTEGER NOT NULL,
    start_on DATE NOT NULL,
    end_on DATE NOT NULL,
    progress INTEGER NOT NULL CHECK (progress BETWEEN 0 AND 100),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (desa_id, id),
    CHECK (end_on >= start_on)
);
CREATE INDEX projects_by_year ON projects (desa_id, year, start_on, id);
CREATE TABLE project_reports (
    desa_id TEXT NOT NULL REFERENCES desa (id),
    id TEXT NOT NULL,
    project_id TEXT NOT NULL,
    reported_on DATE NOT NULL,
    progress INTEGER NOT NULL CHECK (progress BETWEEN 0 AND 100),
    note TEXT NOT NULL,
    photo_width INTEGER,
    photo_height INTEGER,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (desa_id, id)
);
CREATE INDEX project_reports_of ON project_reports (desa_id, project_id, reported_on);
