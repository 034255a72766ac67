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

CREATE TRIGGER resident_figures_insert AFTER INSERT ON residents BEGIN
    INSERT INTO resident_figures (desa_id, dimension, code, sex, n)
    SELECT * FROM (
        SELECT NEW.desa_id, 'status', NEW.status, NEW.sex, 1
        UNION ALL
        SELECT NEW.desa_id, 'dicatat', CAST(strftime('%Y%m', NEW.created_at, '+7 hours') AS INTEGER), NEW.sex, 1
        UNION ALL
        SELECT NEW.desa_id, 'agama', NEW.religion, NEW.sex, 1 WHERE NEW.status = 1
        UNION ALL
        SELECT NEW.desa_id, 'pendidikan', NEW.education, NEW.sex, 1 WHERE NEW.status = 1
        UNION ALL
        SELECT NEW.desa_id, 'pekerjaan', NEW.occupation, NEW.sex, 1 WHERE NEW.status = 1
        UNION ALL
        SELECT NEW.desa_id, 'perkawinan', NEW.marital_status, NEW.sex, 1 WHERE NEW.status = 1
        UNION ALL
        SELECT NEW.desa_id, 'dicatat_hidup', CAST(strftime('%Y%m', NEW.created_at, '+7 hours') AS INTEGER), NEW.sex, 1 WHERE NEW.status = 1
        UNION ALL
        SELECT NEW.desa_id, 'tahun', CAST(strftime('%Y', NEW.birth_date) AS INTEGER), NEW.sex, 1 WHERE NEW.status = 1
        UNION ALL
        SELECT NEW.desa_id, 'lahir', CAST(strftime('%Y%m', NEW.birth_date) AS INTEGER), NEW.sex, 1 WHERE NEW.status = 1
        UNION ALL
        SELECT NEW.desa_id, 'lahir_hari', CAST(strftime('%m%d%Y', NEW.birth_date) AS INTEGER), NEW.sex, 1 WHERE NEW.status = 1
    ) WHERE true
    ON CONFLICT (desa_id, dimension, code, sex) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER resident_figures_update AFTER UPDATE OF status, sex, religion, education, occupation, marital_status, birth_date, created_at ON residents
WHEN OLD.status IS NOT NEW.status OR OLD.sex IS NOT NEW.sex OR OLD.religion IS NOT NEW.religion OR OLD.education IS NOT NEW.education OR OLD.occupation IS NOT NEW.occupation OR OLD.marital_status IS NOT NEW.marital_status OR OLD.birth_date IS NOT NEW.birth_date OR OLD.created_at IS NOT NEW.created_at
BEGIN
    INSERT INTO resident_figures (desa_id, dimension, code, sex, n)
    SELECT * FROM (
        SELECT OLD.desa_id, 'status', OLD.status, OLD.sex, -1
        UNION ALL
        SELECT OLD.desa_id, 'dicatat', CAST(strftime('%Y%m', OLD.created_at, '+7 hours') AS INTEGER), OLD.sex, -1
        UNION ALL
        SELECT OLD.desa_id, 'agama', OLD.religion, OLD.sex, -1 WHERE OLD.status = 1
        UNION ALL
        SELECT OLD.desa_id, 'pendidikan', OLD.education, OLD.sex, -1 WHERE OLD.status = 1
        UNION ALL
        SELECT OLD.desa_id, 'pekerjaan', OLD.occupation, OLD.sex, -1 WHERE OLD.status = 1
        UNION ALL
        SELECT OLD.desa_id, 'perkawinan', OLD.marital_status, OLD.sex, -1 WHERE OLD.status = 1
        UNION ALL
        SELECT OLD.desa_id, 'dicatat_hidup', CAST(strftime('%Y%m', OLD.created_at, '+7 hours') AS INTEGER), OLD.sex, -1 WHERE OLD.status = 1
        UNION ALL
        SELECT OLD.desa_id, 'tahun', CAST(strftime('%Y', OLD.birth_date) AS INTEGER), OLD.sex, -1 WHERE OLD.status = 1
        UNION ALL
        SELECT OLD.desa_id, 'lahir', CAST(strftime('%Y%m', OLD.birth_date) AS INTEGER), OLD.sex, -1 WHERE OLD.status = 1
        UNION ALL
        SELECT OLD.desa_id, 'lahir_hari', CAST(strftime('%m%d%Y', OLD.birth_date) AS INTEGER), OLD.sex, -1 WHERE OLD.status = 1
    ) WHERE true
    ON CONFLICT (desa_id, dimension, code, sex) DO UPDATE SET n = n + excluded.n;
    INSERT INTO resident_figures (desa_id, dimension, code, sex, n)
    SELECT * FROM (
        SELECT NEW.desa_id, 'status', NEW.status, NEW.sex, 1
        UNION ALL
        SELECT NEW.desa_id, 'dicatat', CAST(strftime('%Y%m', NEW.created_at, '+7 hours') AS INTEGER), NEW.sex, 1
        UNION ALL
        SELECT NEW.desa_id, 'agama', NEW.religion, NEW.sex, 1 WHERE NEW.status = 1
        UNION ALL
        SELECT NEW.desa_id, 'pendidikan', NEW.education, NEW.sex, 1 WHERE NEW.status = 1
        UNION ALL
        SELECT NEW.desa_id, 'pekerjaan', NEW.occupation, NEW.sex, 1 WHERE NEW.status = 1
        UNION ALL
        SELECT NEW.desa_id, 'perkawinan', NEW.marital_status, NEW.sex, 1 WHERE NEW.status = 1
        UNION ALL
        SELECT NEW.desa_id, 'dicatat_hidup', CAST(strftime('%Y%m', NEW.created_at, '+7 hours') AS INTEGER), NEW.sex, 1 WHERE NEW.status = 1
        UNION ALL
        SELECT NEW.desa_id, 'tahun', CAST(strftime('%Y', NEW.birth_date) AS INTEGER), NEW.sex, 1 WHERE NEW.status = 1
        UNION ALL
        SELECT NEW.desa_id, 'lahir', CAST(strftime('%Y%m', NEW.birth_date) AS INTEGER), NEW.sex, 1 WHERE NEW.status = 1
        UNION ALL
        SELECT NEW.desa_id, 'lahir_hari', CAST(strftime('%m%d%Y', NEW.birth_date) AS INTEGER), NEW.sex, 1 WHERE NEW.status = 1
    ) WHERE true
    ON CONFLICT (desa_id, dimension, code, sex) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER resident_figures_delete AFTER DELETE ON residents BEGIN
    INSERT INTO resident_figures (desa_id, dimension, code, sex, n)
    SELECT * FROM (
        SELECT OLD.desa_id, 'status', OLD.status, OLD.sex, -1
        UNION ALL
        SELECT OLD.desa_id, 'dicatat', CAST(strftime('%Y%m', OLD.created_at, '+7 hours') AS INTEGER), OLD.sex, -1
        UNION ALL
        SELECT OLD.desa_id, 'agama', OLD.religion, OLD.sex, -1 WHERE OLD.status = 1
        UNION ALL
        SELECT OLD.desa_id, 'pendidikan', OLD.education, OLD.sex, -1 WHERE OLD.status = 1
        UNION ALL
        SELECT OLD.desa_id, 'pekerjaan', OLD.occupation, OLD.sex, -1 WHERE OLD.status = 1
        UNION ALL
        SELECT OLD.desa_id, 'perkawinan', OLD.marital_status, OLD.sex, -1 WHERE OLD.status = 1
        UNION ALL
        SELECT OLD.desa_id, 'dicatat_hidup', CAST(strftime('%Y%m', OLD.created_at, '+7 hours') AS INTEGER), OLD.sex, -1 WHERE OLD.status = 1
        UNION ALL
        SELECT OLD.desa_id, 'tahun', CAST(strftime('%Y', OLD.birth_date) AS INTEGER), OLD.sex, -1 WHERE OLD.status = 1
        UNION ALL
        SELECT OLD.desa_id, 'lahir', CAST(strftime('%Y%m', OLD.birth_date) AS INTEGER), OLD.sex, -1 WHERE OLD.status = 1
        UNION ALL
        SELECT OLD.desa_id, 'lahir_hari', CAST(strftime('%m%d%Y', OLD.birth_date) AS INTEGER), OLD.sex, -1 WHERE OLD.status = 1
    ) WHERE true
    ON CONFLICT (desa_id, dimension, code, sex) DO UPDATE SET n = n + excluded.n;
END;

-- The figures of the rows already there.
INSERT INTO resident_figures (desa_id, dimension, code, sex, n)
SELECT desa_id, dimension, code, sex, sum(n) FROM (
    SELECT r.desa_id AS desa_id, 'status' AS dimension, r.status AS code, r.sex AS sex, 1 AS n FROM residents r
    UNION ALL
    SELECT r.desa_id, 'dicatat', CAST(strftime('%Y%m', r.created_at, '+7 hours') AS INTEGER), r.sex, 1 FROM residents r
    UNION ALL
    SELECT r.desa_id, 'agama', r.religion, r.sex, 1 FROM residents r WHERE r.status = 1
    UNION ALL
    SELECT r.desa_id, 'pendidikan', r.education, r.sex, 1 FROM residents r WHERE r.status = 1
    UNION ALL
    SELECT r.desa_id, 'pekerjaan', r.occupation, r.sex, 1 FROM residents r WHERE r.status = 1
    UNION ALL
    SELECT r.desa_id, 'perkawinan', r.marital_status, r.sex, 1 FROM residents r WHERE r.status = 1
    UNION ALL
    SELECT r.desa_id, 'dicatat_hidup', CAST(strftime('%Y%m', r.created_at, '+7 hours') AS INTEGER), r.sex, 1 FROM residents r WHERE r.status = 1
    UNION ALL
    SELECT r.desa_id, 'tahun', CAST(strftime('%Y', r.birth_date) AS INTEGER), r.sex, 1 FROM residents r WHERE r.status = 1
    UNION ALL
    SELECT r.desa_id, 'lahir', CAST(strftime('%Y%m', r.birth_date) AS INTEGER), r.sex, 1 FROM residents r WHERE r.status = 1
    UNION ALL
    SELECT r.desa_id, 'lahir_hari', CAST(strftime('%m%d%Y', r.birth_date) AS INTEGER), r.sex, 1 FROM residents r WHERE r.status = 1
) GROUP BY 1, 2, 3, 4;
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
