-- More of what secretaries are asked for, kept like the first figures in the transaction that
-- changes residents: the living by citizenship, blood type, disability, chronic illness, KB
-- method, health insurance, KTP-el status and heads of family by sex (resident_figures); every
-- living dimension once more per RT (area_figures), for the counts per dusun, RW and RT and the
-- statistics of one dusun; and the living members of each family card (family_sizes), with the
-- cards counted by their size (dimension `anggota`, sex 0).
CREATE TABLE area_figures (
    desa_id TEXT NOT NULL REFERENCES desa (id),
    area_id TEXT NOT NULL,
    dimension TEXT NOT NULL,
    code INTEGER NOT NULL,
    sex INTEGER NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (desa_id, area_id, dimension, code, sex)
);
CREATE TABLE family_sizes (
    desa_id TEXT NOT NULL REFERENCES desa (id),
    family_id TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (desa_id, family_id)
);

-- The figures of rows added and removed, netted: one upsert per figure that moves, per desa and
-- per RT; then each family whose living members changed moves from its old size to its new.
CREATE OR REPLACE FUNCTION resident_figures_add(added residents[], removed residents[]) RETURNS void
LANGUAGE sql AS $$
    WITH changed AS (
        SELECT a.*, 1 AS d FROM unnest(added) a
        UNION ALL
        SELECT r.*, -1 FROM unnest(removed) r
    ), living AS (
        SELECT c.desa_id, c.area_id, v.dimension, v.code, c.sex, c.d FROM changed c
        CROSS JOIN LATERAL (VALUES
            ('agama', c.religion),
            ('pendidikan', c.education),
            ('pekerjaan', c.occupation),
            ('perkawinan', c.marital_status),
            ('tahun', extract(year FROM c.birth_date)::int),
            ('lahir', (extract(year FROM c.birth_date) * 100 + extract(month FROM c.birth_date))::int),
            ('lahir_hari', (extract(month FROM c.birth_date) * 1000000 + extract(day FROM c.birth_date) * 10000 + extract(year FROM c.birth_date))::int),
            ('kewarganegaraan', c.citizenship),
            ('goldar', c.blood_type),
            ('cacat', coalesce(c.disability, 0)),
            ('sakit', coalesce(c.chronic_illness, 0)),
            ('kb', coalesce(c.kb_method, 0)),
            ('asuransi', coalesce(c.health_insurance, 0)),
            ('ktp', coalesce(c.ktp_status, 0)),
            ('kepala', CAST(c.shdk = 1 AS INTEGER)),
            ('hidup', 1)
        ) AS v (dimension, code)
        WHERE c.status = 1
    ), figures AS (
        SELECT desa_id, 'status' AS dimension, status AS code, sex, d FROM changed
        UNION ALL
        SELECT desa_id, 'dicatat', (extract(year FROM created_at + interval '7 hours') * 100
            + extract(month FROM created_at + interval '7 hours'))::int, sex, d FROM changed
        UNION ALL
        SELECT desa_id, 'dicatat_hidup', (extract(year FROM created_at + interval '7 hours') * 100
            + extract(month FROM created_at + interval '7 hours'))::int, sex, d FROM changed
        WHERE status = 1
        UNION ALL
        SELECT desa_id, dimension, code, sex, d FROM living
    ), per_area AS (
        INSERT INTO area_figures (desa_id, area_id, dimension, code, sex, n)
        SELECT desa_id, area_id, dimension, code, sex, sum(d) FROM living
        WHERE area_id IS NOT NULL
        GROUP BY 1, 2, 3, 4, 5 HAVING sum(d) <> 0
        ON CONFLICT (desa_id, area_id, dimension, code, sex)
        DO UPDATE SET n = area_figures.n + EXCLUDED.n
    )
    INSERT INTO resident_figures (desa_id, dimension, code, sex, n)
    SELECT desa_id, dimension, code, sex, sum(d) FROM figures
    GROUP BY 1, 2, 3, 4 HAVING sum(d) <> 0
    ON CONFLICT (desa_id, dimension, code, sex)
    DO UPDATE SET n = resident_figures.n + EXCLUDED.n;

    WITH changed AS (
        SELECT a.*, 1 AS d FROM unnest(added) a
        UNION ALL
        SELECT r.*, -1 FROM unnest(removed) r
    ), delta AS (
        SELECT desa_id, family_id, sum(d) AS d FROM changed
        WHERE status = 1 AND family_id IS NOT NULL
        GROUP BY 1, 2 HAVING sum(d) <> 0
    ), sizes AS (
        SELECT x.desa_id, x.family_id, coalesce(s.n, 0) AS was, coalesce(s.n, 0) + x.d AS now
        FROM delta x LEFT JOIN family_sizes s
        ON s.desa_id = x.desa_id AND s.family_id = x.family_id
    ), kept AS (
        INSERT INTO family_sizes (desa_id, family_id, n)
        SELECT desa_id, family_id, now FROM sizes
        ON CONFLICT (desa_id, family_id) DO UPDATE SET n = EXCLUDED.n
    ), moves AS (
        SELECT desa_id, was AS code, -1 AS d FROM sizes WHERE was > 0
        UNION ALL
        SELECT desa_id, now, 1 FROM sizes WHERE now > 0
    )
    INSERT INTO resident_figures (desa_id, dimension, code, sex, n)
    SELECT desa_id, 'anggota', code, 0, sum(d) FROM moves
    GROUP BY 1, 3 HAVING sum(d) <> 0
    ON CONFLICT (desa_id, dimension, code, sex)
    DO UPDATE SET n = resident_figures.n + EXCLUDED.n;
$$;

-- The new figures of the rows already there (the first ones are kept), with row-level security
-- lifted inside the migration's transaction as when the first figures were made.
ALTER TABLE residents NO FORCE ROW LEVEL SECURITY;
ALTER TABLE resident_figures NO FORCE ROW LEVEL SECURITY;
INSERT INTO resident_figures (desa_id, dimension, code, sex, n)
SELECT c.desa_id, v.dimension, v.code, c.sex, count(*) FROM residents c
CROSS JOIN LATERAL (VALUES
    ('kewarganegaraan', c.citizenship),
    ('goldar', c.blood_type),
    ('cacat', coalesce(c.disability, 0)),
    ('sakit', coalesce(c.chronic_illness, 0)),
    ('kb', coalesce(c.kb_method, 0)),
    ('asuransi', coalesce(c.health_insurance, 0)),
    ('ktp', coalesce(c.ktp_status, 0)),
    ('kepala', CAST(c.shdk = 1 AS INTEGER)),
    ('hidup', 1)
) AS v (dimension, code)
WHERE c.status = 1
GROUP BY 1, 2, 3, 4;
INSERT INTO area_figures (desa_id, area_id, dimension, code, sex, n)
SELECT c.desa_id, c.area_id, v.dimension, v.code, c.sex, count(*) FROM residents c
CROSS JOIN LATERAL (VALUES
    ('agama', c.religion),
    ('pendidikan', c.education),
    ('pekerjaan', c.occupation),
    ('perkawinan', c.marital_status),
    ('tahun', extract(year FROM c.birth_date)::int),
    ('lahir', (extract(year FROM c.birth_date) * 100 + extract(month FROM c.birth_date))::int),
    ('lahir_hari', (extract(month FROM c.birth_date) * 1000000 + extract(day FROM c.birth_date) * 10000 + extract(year FROM c.birth_date))::int),
    ('kewarganegaraan', c.citizenship),
    ('goldar', c.blood_type),
    ('cacat', coalesce(c.disability, 0)),
    ('sakit', coalesce(c.chronic_illness, 0)),
    ('kb', coalesce(c.kb_method, 0)),
    ('asuransi', coalesce(c.health_insurance, 0)),
    ('ktp', coalesce(c.ktp_status, 0)),
    ('kepala', CAST(c.shdk = 1 AS INTEGER)),
    ('hidup', 1)
) AS v (dimension, code)
WHERE c.status = 1 AND c.area_id IS NOT NULL
GROUP BY 1, 2, 3, 4, 5;
INSERT INTO family_sizes (desa_id, family_id, n)
SELECT desa_id, family_id, count(*) FROM residents
WHERE status = 1 AND family_id IS NOT NULL
GROUP BY 1, 2;
INSERT INTO resident_figures (desa_id, dimension, code, sex, n)
SELECT desa_id, 'anggota', n, 0, count(*) FROM family_sizes GROUP BY 1, 3;
ALTER TABLE resident_figures FORCE ROW LEVEL SECURITY;
ALTER TABLE residents FORCE ROW LEVEL SECURITY;

ALTER TABLE area_figures ENABLE ROW LEVEL SECURITY;
ALTER TABLE area_figures FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON area_figures
    USING (desa_id = current_setting('sid.desa_id', true))
    WITH CHECK (desa_id = current_setting('sid.desa_id', true));

ALTER TABLE family_sizes ENABLE ROW LEVEL SECURITY;
ALTER TABLE family_sizes FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON family_sizes
    USING (desa_id = current_setting('sid.desa_id', true))
    WITH CHECK (desa_id = current_setting('sid.desa_id', true));
