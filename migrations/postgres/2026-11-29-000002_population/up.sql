-- Regency-wide: the Dukcapil code lists, and which desa holds each active NIK (a NIK is active
-- in at most one desa of the regency at a time).
CREATE TABLE code_list (
    list TEXT NOT NULL,
    code INTEGER NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (list, code)
);

CREATE TABLE nik_registry (
    nik TEXT PRIMARY KEY,
    desa_id TEXT NOT NULL REFERENCES desa (id),
    resident_id TEXT NOT NULL
);

-- Tenant tables.
CREATE TABLE areas (
    desa_id TEXT NOT NULL REFERENCES desa (id),
    id TEXT NOT NULL,
    dusun TEXT NOT NULL,
    rw TEXT NOT NULL,
    rt TEXT NOT NULL,
    PRIMARY KEY (desa_id, id),
    UNIQUE (desa_id, dusun, rw, rt)
);

CREATE TABLE families (
    desa_id TEXT NOT NULL REFERENCES desa (id),
    id TEXT NOT NULL,
    no_kk TEXT NOT NULL,
    -- The head is a resident of the same desa; checked by the application (the two tables
    -- refer to each other).
    head_id TEXT,
    address TEXT NOT NULL,
    area_id TEXT,
    active BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (desa_id, id),
    UNIQUE (desa_id, no_kk),
    FOREIGN KEY (desa_id, area_id) REFERENCES areas (desa_id, id)
);

CREATE TABLE residents (
    desa_id TEXT NOT NULL REFERENCES desa (id),
    id TEXT NOT NULL,
    nik TEXT NOT NULL,
    name TEXT NOT NULL,
    -- Lower-case name for case-insensitive search (trigram index on PostgreSQL).
    name_search TEXT NOT NULL,
    sex INTEGER NOT NULL,
    birth_place TEXT NOT NULL,
    birth_date DATE NOT NULL,
    religion INTEGER NOT NULL,
    education INTEGER NOT NULL,
    occupation INTEGER NOT NULL,
    marital_status INTEGER NOT NULL,
    shdk INTEGER NOT NULL,
    citizenship INTEGER NOT NULL,
    blood_type INTEGER NOT NULL,
    disability INTEGER,
    father_name TEXT,
    mother_name TEXT,
    father_nik TEXT,
    mother_nik TEXT,
    father_id TEXT,
    mother_id TEXT,
    family_id TEXT,
    area_id TEXT,
    address TEXT,
    phone TEXT,
    email TEXT,
    birth_cert_no TEXT,
    status INTEGER NOT NULL,
    status_changed_on DATE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (desa_id, id),
    UNIQUE (desa_id, nik),
    FOREIGN KEY (desa_id, family_id) REFERENCES families (desa_id, id),
    FOREIGN KEY (desa_id, area_id) REFERENCES areas (desa_id, id)
);
CREATE INDEX residents_family ON residents (desa_id, family_id);
CREATE INDEX residents_name ON residents (desa_id, name_search);
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX residents_name_trgm ON residents USING gin (name_search gin_trgm_ops);

-- The mutation book: every population event, with its report and event dates.
CREATE TABLE population_events (
    desa_id TEXT NOT NULL REFERENCES desa (id),
    id TEXT NOT NULL,
    resident_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    event_date DATE NOT NULL,
    reported_on DATE NOT NULL,
    detail TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (desa_id, id),
    FOREIGN KEY (desa_id, resident_id) REFERENCES residents (desa_id, id)
);
CREATE INDEX population_events_resident ON population_events (desa_id, resident_id);
CREATE INDEX population_events_date ON population_events (desa_id, event_date);

ALTER TABLE areas ENABLE ROW LEVEL SECURITY;
ALTER TABLE areas FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON areas
    USING (desa_id = current_setting('sid.desa_id', true))
    WITH CHECK (desa_id = current_setting('sid.desa_id', true));
CREATE POLICY regency_read ON areas FOR SELECT
    USING (current_setting('sid.scope', true) = 'kabupaten');

ALTER TABLE families ENABLE ROW LEVEL SECURITY;
ALTER TABLE families FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON families
    USING (desa_id = current_setting('sid.desa_id', true))
    WITH CHECK (desa_id = current_setting('sid.desa_id', true));
CREATE POLICY regency_read ON families FOR SELECT
    USING (current_setting('sid.scope', true) = 'kabupaten');

ALTER TABLE residents ENABLE ROW LEVEL SECURITY;
ALTER TABLE residents FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON residents
    USING (desa_id = current_setting('sid.desa_id', true))
    WITH CHECK (desa_id = current_setting('sid.desa_id', true));
CREATE POLICY regency_read ON residents FOR SELECT
    USING (current_setting('sid.scope', true) = 'kabupaten');

ALTER TABLE population_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE population_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON population_events
    USING (desa_id = current_setting('sid.desa_id', true))
    WITH CHECK (desa_id = current_setting('sid.desa_id', true));
CREATE POLICY regency_read ON population_events FOR SELECT
    USING (current_setting('sid.scope', true) = 'kabupaten');
