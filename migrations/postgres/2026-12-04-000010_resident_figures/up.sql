-- Figures of each desa without reading every resident: the list's totals (residents by status
-- and sex, and by month of record), the statistics of the living (by religion, education,
-- occupation, marital status, year, month and day of birth for the age pyramid), and the Buku
-- Rekapitulasi (the living by month of record), kept by the database in the transaction that
-- changes residents: every path that writes them, the bulk import included, passes here.
CREATE TABLE resident_figures (
    desa_id TEXT NOT NULL REFERENCES desa (id),
    -- status and dicatat (YYYYMM of the record, WIB) of every resident; for the living: agama,
    -- pendidikan, pekerjaan, perkawinan, dicatat_hidup, tahun (of birth), lahir (YYYYMM) and
    -- lahir_hari (MMDDYYYY: one month's days of every year lie together).
    dimension TEXT NOT NULL,
    code INTEGER NOT NULL,
    sex INTEGER NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (desa_id, dimension, code, sex)
);

-- What rows added and removed change, netted: one upsert per figure that moves.
CREATE FUNCTION resident_figures_add(added residents[], removed residents[]) RETURNS void
LANGUAGE sql AS $$
    WITH changed AS (
        SELECT a.*, 1 AS d FROM unnest(added) a
        UNION ALL
        SELECT r.*, -1 FROM unnest(removed) r
    ), figures AS (
        SELECT desa_id, 'status' AS dimension, status AS code, sex, d FROM changed
        UNION ALL
        SELECT desa_id, 'dicatat', (extract(year FROM created_at + interval '7 hours') * 100
            + extract(month FROM created_at + interval '7 hours'))::int, sex, d FROM changed
        UNION ALL
        SELECT c.desa_id, v.dimension, v.code, c.sex, c.d FROM changed c
        CROSS JOIN LATERAL (VALUES
            ('agama', c.religion),
            ('pendidikan', c.education),
            ('pekerjaan', c.occupation),
            ('perkawinan', c.marital_status),
            ('dicatat_hidup', (extract(year FROM c.created_at + interval '7 hours') * 100
                + extract(month FROM c.created_at + interval '7 hours'))::int),
            ('tahun', extract(year FROM c.birth_date)::int),
            ('lahir', (extract(year FROM c.birth_date) * 100
                + extract(month FROM c.birth_date))::int),
            ('lahir_hari', (extract(month FROM c.birth_date) * 1000000
                + extract(day FROM c.birth_date) * 10000
                + extract(year FROM c.birth_date))::int)
        ) AS v (dimension, code)
        WHERE c.status = 1
    )
    INSERT INTO resident_figures (desa_id, dimension, code, sex, n)
    SELECT desa_id, dimension, code, sex, sum(d) FROM figures
    GROUP BY 1, 2, 3, 4 HAVING sum(d) <> 0
    ON CONFLICT (desa_id, dimension, code, sex)
    DO UPDATE SET n = resident_figures.n + EXCLUDED.n;
$$;

-- Statement-level, with transition tables: one call per statement, however many rows a bulk
-- insert writes. Which transition tables exist depends on the operation.
CREATE FUNCTION resident_figures_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM resident_figures_add(ARRAY(SELECT a::residents FROM new_rows a), '{}'::residents[]);
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM resident_figures_add('{}'::residents[], ARRAY(SELECT r::residents FROM old_rows r));
    ELSE
        PERFORM resident_figures_add(ARRAY(SELECT a::residents FROM new_rows a), ARRAY(SELECT r::residents FROM old_rows r));
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER resident_figures_insert AFTER INSERT ON residents
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION resident_figures_keep();
CREATE TRIGGER resident_figures_update AFTER UPDATE ON residents
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION resident_figures_keep();
CREATE TRIGGER resident_figures_delete AFTER DELETE ON residents
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION resident_figures_keep();

-- The figures of the rows already there, one desa at a time. Row-level security would hide
-- them from an owner that is not a superuser: lifted for this, inside the migration's
-- transaction.
ALTER TABLE residents NO FORCE ROW LEVEL SECURITY;
SELECT resident_figures_add(ARRAY(SELECT r FROM residents r WHERE r.desa_id = d.id), '{}'::residents[])
FROM desa d;
ALTER TABLE residents FORCE ROW LEVEL SECURITY;

ALTER TABLE resident_figures ENABLE ROW LEVEL SECURITY;
ALTER TABLE resident_figures FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON resident_figures
    USING (desa_id = current_setting('sid.desa_id', true))
    WITH CHECK (desa_id = current_setting('sid.desa_id', true));

-- The list takes its page of ids from an index in the page's order (status first: the list
-- shows the living unless asked), then reads the 50 rows it shows.
DROP INDEX residents_name;
CREATE INDEX residents_by_name ON residents (desa_id, status, name_search, id);
CREATE INDEX residents_by_birth ON residents (desa_id, status, birth_date, id);
CREATE INDEX residents_by_entry ON residents (desa_id, created_at, id);
-- The Buku Rekapitulasi reads who left since a day.
CREATE INDEX residents_departed ON residents (desa_id, status_changed_on);
-- The family list's page and total: active cards in No KK order, from the index alone.
CREATE INDEX families_active ON families (desa_id, active, no_kk, id);
