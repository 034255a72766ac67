-- The resident list's total and the regency's figures without reading every row: residents
-- counted per desa, status and sex, kept by the database in the transaction that changes them
-- (every path that writes residents, the bulk import included, passes here).
CREATE TABLE resident_counts (
    desa_id TEXT NOT NULL REFERENCES desa (id),
    status INTEGER NOT NULL,
    sex INTEGER NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (desa_id, status, sex)
);

-- Statement-level, with transition tables: one upsert per statement, however many rows a
-- bulk insert writes.
CREATE FUNCTION resident_counts_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO resident_counts (desa_id, status, sex, n)
        SELECT desa_id, status, sex, count(*) FROM new_rows GROUP BY 1, 2, 3
        ON CONFLICT (desa_id, status, sex) DO UPDATE SET n = resident_counts.n + EXCLUDED.n;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO resident_counts (desa_id, status, sex, n)
        SELECT desa_id, status, sex, -count(*) FROM old_rows GROUP BY 1, 2, 3
        ON CONFLICT (desa_id, status, sex) DO UPDATE SET n = resident_counts.n + EXCLUDED.n;
    ELSE
        INSERT INTO resident_counts (desa_id, status, sex, n)
        SELECT desa_id, status, sex, sum(d) FROM (
            SELECT desa_id, status, sex, -1 AS d FROM old_rows
            UNION ALL
            SELECT desa_id, status, sex, 1 FROM new_rows
        ) change GROUP BY 1, 2, 3 HAVING sum(d) <> 0
        ON CONFLICT (desa_id, status, sex) DO UPDATE SET n = resident_counts.n + EXCLUDED.n;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER resident_counts_insert AFTER INSERT ON residents
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION resident_counts_keep();
CREATE TRIGGER resident_counts_update AFTER UPDATE ON residents
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION resident_counts_keep();
CREATE TRIGGER resident_counts_delete AFTER DELETE ON residents
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION resident_counts_keep();

-- The counts of the rows already there. Row-level security would hide them from an owner
-- that is not a superuser: lifted for this one statement, inside the migration's transaction.
ALTER TABLE residents NO FORCE ROW LEVEL SECURITY;
INSERT INTO resident_counts (desa_id, status, sex, n)
SELECT desa_id, status, sex, count(*) FROM residents GROUP BY 1, 2, 3;
ALTER TABLE residents FORCE ROW LEVEL SECURITY;

ALTER TABLE resident_counts ENABLE ROW LEVEL SECURITY;
ALTER TABLE resident_counts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON resident_counts
    USING (desa_id = current_setting('sid.desa_id', true))
    WITH CHECK (desa_id = current_setting('sid.desa_id', true));

-- The list takes its page of ids from an index in the page's order (status first: the list
-- shows the living unless asked), then reads the 50 rows it shows.
DROP INDEX residents_name;
CREATE INDEX residents_by_name ON residents (desa_id, status, name_search, id);
CREATE INDEX residents_by_birth ON residents (desa_id, status, birth_date, id);
CREATE INDEX residents_by_entry ON residents (desa_id, created_at, id);
-- The family list's page and total: active cards in No KK order, from the index alone.
CREATE INDEX families_active ON families (desa_id, active, no_kk, id);
