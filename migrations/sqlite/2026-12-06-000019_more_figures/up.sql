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

-- Beside the first figures' triggers, which go on keeping theirs.
CREATE TRIGGER resident_figures_more_insert AFTER INSERT ON residents BEGIN
    INSERT INTO resident_figures (desa_id, dimension, code, sex, n)
    SELECT * FROM (
        SELECT NEW.desa_id, 'kewarganegaraan', NEW.citizenship, NEW.sex, 1 WHERE NEW.status = 1
        UNION ALL
        SELECT NEW.desa_id, 'goldar', NEW.blood_type, NEW.sex, 1 WHERE NEW.status = 1
        UNION ALL
        SELECT NEW.desa_id, 'cacat', coalesce(NEW.disability, 0), NEW.sex, 1 WHERE NEW.status = 1
        UNION ALL
        SELECT NEW.desa_id, 'sakit', coalesce(NEW.chronic_illness, 0), NEW.sex, 1 WHERE NEW.status = 1
        UNION ALL
        SELECT NEW.desa_id, 'kb', coalesce(NEW.kb_method, 0), NEW.sex, 1 WHERE NEW.status = 1
        UNION ALL
        SELECT NEW.desa_id, 'asuransi', coalesce(NEW.health_insurance, 0), NEW.sex, 1 WHERE NEW.status = 1
        UNION ALL
        SELECT NEW.desa_id, 'ktp', coalesce(NEW.ktp_status, 0), NEW.sex, 1 WHERE NEW.status = 1
        UNION ALL
        SELECT NEW.desa_id, 'kepala', CAST(NEW.shdk = 1 AS INTEGER), NEW.sex, 1 WHERE NEW.status = 1
        UNION ALL
        SELECT NEW.desa_id, 'hidup', 1, NEW.sex, 1 WHERE NEW.status = 1
    ) WHERE true
    ON CONFLICT (desa_id, dimension, code, sex) DO UPDATE SET n = n + excluded.n;
    INSERT INTO area_figures (desa_id, area_id, dimension, code, sex, n)
    SELECT * FROM (
        SELECT NEW.desa_id, NEW.area_id, 'agama', NEW.religion, NEW.sex, 1 WHERE NEW.status = 1 AND NEW.area_id IS NOT NULL
        UNION ALL
        SELECT NEW.desa_id, NEW.area_id, 'pendidikan', NEW.education, NEW.sex, 1 WHERE NEW.status = 1 AND NEW.area_id IS NOT NULL
        UNION ALL
        SELECT NEW.desa_id, NEW.area_id, 'pekerjaan', NEW.occupation, NEW.sex, 1 WHERE NEW.status = 1 AND NEW.area_id IS NOT NULL
        UNION ALL
        SELECT NEW.desa_id, NEW.area_id, 'perkawinan', NEW.marital_status, NEW.sex, 1 WHERE NEW.status = 1 AND NEW.area_id IS NOT NULL
        UNION ALL
        SELECT NEW.desa_id, NEW.area_id, 'tahun', CAST(strftime('%Y', NEW.birth_date) AS INTEGER), NEW.sex, 1 WHERE NEW.status = 1 AND NEW.area_id IS NOT NULL
        UNION ALL
        SELECT NEW.desa_id, NEW.area_id, 'lahir', CAST(strftime('%Y%m', NEW.birth_date) AS INTEGER), NEW.sex, 1 WHERE NEW.status = 1 AND NEW.area_id IS NOT NULL
        UNION ALL
        SELECT NEW.desa_id, NEW.area_id, 'lahir_hari', CAST(strftime('%m%d%Y', NEW.birth_date) AS INTEGER), NEW.sex, 1 WHERE NEW.status = 1 AND NEW.area_id IS NOT NULL
        UNION ALL
        SELECT NEW.desa_id, NEW.area_id, 'kewarganegaraan', NEW.citizenship, NEW.sex, 1 WHERE NEW.status = 1 AND NEW.area_id IS NOT NULL
        UNION ALL
        SELECT NEW.desa_id, NEW.area_id, 'goldar', NEW.blood_type, NEW.sex, 1 WHERE NEW.status = 1 AND NEW.area_id IS NOT NULL
        UNION ALL
        SELECT NEW.desa_id, NEW.area_id, 'cacat', coalesce(NEW.disability, 0), NEW.sex, 1 WHERE NEW.status = 1 AND NEW.area_id IS NOT NULL
        UNION ALL
        SELECT NEW.desa_id, NEW.area_id, 'sakit', coalesce(NEW.chronic_illness, 0), NEW.sex, 1 WHERE NEW.status = 1 AND NEW.area_id IS NOT NULL
        UNION ALL
        SELECT NEW.desa_id, NEW.area_id, 'kb', coalesce(NEW.kb_method, 0), NEW.sex, 1 WHERE NEW.status = 1 AND NEW.area_id IS NOT NULL
        UNION ALL
        SELECT NEW.desa_id, NEW.area_id, 'asuransi', coalesce(NEW.health_insurance, 0), NEW.sex, 1 WHERE NEW.status = 1 AND NEW.area_id IS NOT NULL
        UNION ALL
        SELECT NEW.desa_id, NEW.area_id, 'ktp', coalesce(NEW.ktp_status, 0), NEW.sex, 1 WHERE NEW.status = 1 AND NEW.area_id IS NOT NULL
        UNION ALL
        SELECT NEW.desa_id, NEW.area_id, 'kepala', CAST(NEW.shdk = 1 AS INTEGER), NEW.sex, 1 WHERE NEW.status = 1 AND NEW.area_id IS NOT NULL
        UNION ALL
        SELECT NEW.desa_id, NEW.area_id, 'hidup', 1, NEW.sex, 1 WHERE NEW.status = 1 AND NEW.area_id IS NOT NULL
    ) WHERE true
    ON CONFLICT (desa_id, area_id, dimension, code, sex) DO UPDATE SET n = n + excluded.n;
    INSERT INTO resident_figures (desa_id, dimension, code, sex, n)
    SELECT desa_id, 'anggota', n, 0, -1 FROM family_sizes
    WHERE NEW.status = 1 AND desa_id = NEW.desa_id AND family_id = NEW.family_id AND n > 0
    ON CONFLICT (desa_id, dimension, code, sex) DO UPDATE SET n = n + excluded.n;
    INSERT INTO family_sizes (desa_id, family_id, n)
    SELECT NEW.desa_id, NEW.family_id, 1 WHERE NEW.status = 1 AND NEW.family_id IS NOT NULL
    ON CONFLICT (desa_id, family_id) DO UPDATE SET n = n + excluded.n;
    INSERT INTO resident_figures (desa_id, dimension, code, sex, n)
    SELECT desa_id, 'anggota', n, 0, 1 FROM family_sizes
    WHERE NEW.status = 1 AND desa_id = NEW.desa_id AND family_id = NEW.family_id AND n > 0
    ON CONFLICT (desa_id, dimension, code, sex) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER resident_figures_more_update AFTER UPDATE OF status, sex, religion, education, occupation, marital_status, birth_date, citizenship, blood_type, disability, chronic_illness, kb_method, health_insurance, ktp_status, shdk, area_id, family_id ON residents
WHEN OLD.status IS NOT NEW.status OR OLD.sex IS NOT NEW.sex OR OLD.religion IS NOT NEW.religion OR OLD.education IS NOT NEW.education OR OLD.occupation IS NOT NEW.occupation OR OLD.marital_status IS NOT NEW.marital_status OR OLD.birth_date IS NOT NEW.birth_date OR OLD.citizenship IS NOT NEW.citizenship OR OLD.blood_type IS NOT NEW.blood_type OR OLD.disability IS NOT NEW.disability OR OLD.chronic_illness IS NOT NEW.chronic_illness OR OLD.kb_method IS NOT NEW.kb_method OR OLD.health_insurance IS NOT NEW.health_insurance OR OLD.ktp_status IS NOT NEW.ktp_status OR OLD.shdk IS NOT NEW.shdk OR OLD.area_id IS NOT NEW.area_id OR OLD.family_id IS NOT NEW.family_id
BEGIN
    INSERT INTO resident_figures (desa_id, dimension, code, sex, n)
    SELECT * FROM (
        SELECT OLD.desa_id, 'kewarganegaraan', OLD.citizenship, OLD.sex, -1 WHERE OLD.status = 1
        UNION ALL
        SELECT OLD.desa_id, 'goldar', OLD.blood_type, OLD.sex, -1 WHERE OLD.status = 1
        UNION ALL
        SELECT OLD.desa_id, 'cacat', coalesce(OLD.disability, 0), OLD.sex, -1 WHERE OLD.status = 1
        UNION ALL
        SELECT OLD.desa_id, 'sakit', coalesce(OLD.chronic_illness, 0), OLD.sex, -1 WHERE OLD.status = 1
        UNION ALL
        SELECT OLD.desa_id, 'kb', coalesce(OLD.kb_method, 0), OLD.sex, -1 WHERE OLD.status = 1
        UNION ALL
        SELECT OLD.desa_id, 'asuransi', coalesce(OLD.health_insurance, 0), OLD.sex, -1 WHERE OLD.status = 1
        UNION ALL
        SELECT OLD.desa_id, 'ktp', coalesce(OLD.ktp_status, 0), OLD.sex, -1 WHERE OLD.status = 1
        UNION ALL
        SELECT OLD.desa_id, 'kepala', CAST(OLD.shdk = 1 AS INTEGER), OLD.sex, -1 WHERE OLD.status = 1
        UNION ALL
        SELECT OLD.desa_id, 'hidup', 1, OLD.sex, -1 WHERE OLD.status = 1
    ) WHERE true
    ON CONFLICT (desa_id, dimension, code, sex) DO UPDATE SET n = n + excluded.n;
    INSERT INTO area_figures (desa_id, area_id, dimension, code, sex, n)
    SELECT * FROM (
        SELECT OLD.desa_id, OLD.area_id, 'agama', OLD.religion, OLD.sex, -1 WHERE OLD.status = 1 AND OLD.area_id IS NOT NULL
        UNION ALL
        SELECT OLD.desa_id, OLD.area_id, 'pendidikan', OLD.education, OLD.sex, -1 WHERE OLD.status = 1 AND OLD.area_id IS NOT NULL
        UNION ALL
        SELECT OLD.desa_id, OLD.area_id, 'pekerjaan', OLD.occupation, OLD.sex, -1 WHERE OLD.status = 1 AND OLD.area_id IS NOT NULL
        UNION ALL
        SELECT OLD.desa_id, OLD.area_id, 'perkawinan', OLD.marital_status, OLD.sex, -1 WHERE OLD.status = 1 AND OLD.area_id IS NOT NULL
        UNION ALL
        SELECT OLD.desa_id, OLD.area_id, 'tahun', CAST(strftime('%Y', OLD.birth_date) AS INTEGER), OLD.sex, -1 WHERE OLD.status = 1 AND OLD.area_id IS NOT NULL
        UNION ALL
        SELECT OLD.desa_id, OLD.area_id, 'lahir', CAST(strftime('%Y%m', OLD.birth_date) AS INTEGER), OLD.sex, -1 WHERE OLD.status = 1 AND OLD.area_id IS NOT NULL
        UNION ALL
        SELECT OLD.desa_id, OLD.area_id, 'lahir_hari', CAST(strftime('%m%d%Y', OLD.birth_date) AS INTEGER), OLD.sex, -1 WHERE OLD.status = 1 AND OLD.area_id IS NOT NULL
        UNION ALL
        SELECT OLD.desa_id, OLD.area_id, 'kewarganegaraan', OLD.citizenship, OLD.sex, -1 WHERE OLD.status = 1 AND OLD.area_id IS NOT NULL
        UNION ALL
        SELECT OLD.desa_id, OLD.area_id, 'goldar', OLD.blood_type, OLD.sex, -1 WHERE OLD.status = 1 AND OLD.area_id IS NOT NULL
        UNION ALL
        SELECT OLD.desa_id, OLD.area_id, 'cacat', coalesce(OLD.disability, 0), OLD.sex, -1 WHERE OLD.status = 1 AND OLD.area_id IS NOT NULL
        UNION ALL
        SELECT OLD.desa_id, OLD.area_id, 'sakit', coalesce(OLD.chronic_illness, 0), OLD.sex, -1 WHERE OLD.status = 1 AND OLD.area_id IS NOT NULL
        UNION ALL
        SELECT OLD.desa_id, OLD.area_id, 'kb', coalesce(OLD.kb_method, 0), OLD.sex, -1 WHERE OLD.status = 1 AND OLD.area_id IS NOT NULL
        UNION ALL
        SELECT OLD.desa_id, OLD.area_id, 'asuransi', coalesce(OLD.health_insurance, 0), OLD.sex, -1 WHERE OLD.status = 1 AND OLD.area_id IS NOT NULL
        UNION ALL
        SELECT OLD.desa_id, OLD.area_id, 'ktp', coalesce(OLD.ktp_status, 0), OLD.sex, -1 WHERE OLD.status = 1 AND OLD.area_id IS NOT NULL
        UNION ALL
        SELECT OLD.desa_id, OLD.area_id, 'kepala', CAST(OLD.shdk = 1 AS INTEGER), OLD.sex, -1 WHERE OLD.status = 1 AND OLD.area_id IS NOT NULL
        UNION ALL
        SELECT OLD.desa_id, OLD.area_id, 'hidup', 1, OLD.sex, -1 WHERE OLD.status = 1 AND OLD.area_id IS NOT NULL
    ) WHERE true
    ON CONFLICT (desa_id, area_id, dimension, code, sex) DO UPDATE SET n = n + excluded.n;
    INSERT INTO resident_figures (desa_id, dimension, code, sex, n)
    SELECT desa_id, 'anggota', n, 0, -1 FROM family_sizes
    WHERE OLD.status = 1 AND desa_id = OLD.desa_id AND family_id = OLD.family_id AND n > 0
    ON CONFLICT (desa_id, dimension, code, sex) DO UPDATE SET n = n + excluded.n;
    INSERT INTO family_sizes (desa_id, family_id, n)
    SELECT OLD.desa_id, OLD.family_id, -1 WHERE OLD.status = 1 AND OLD.family_id IS NOT NULL
    ON CONFLICT (desa_id, family_id) DO UPDATE SET n = n + excluded.n;
    INSERT INTO resident_figures (desa_id, dimension, code, sex, n)
    SELECT desa_id, 'anggota', n, 0, 1 FROM family_sizes
    WHERE OLD.status = 1 AND desa_id = OLD.desa_id AND family_id = OLD.family_id AND n > 0
    ON CONFLICT (desa_id, dimension, code, sex) DO UPDATE SET n = n + excluded.n;
    INSERT INTO resident_figures (desa_id, dimension, code, sex, n)
    SELECT * FROM (
        SELECT NEW.desa_id, 'kewarganegaraan', NEW.citizenship, NEW.sex, 1 WHERE NEW.status = 1
        UNION ALL
        SELECT NEW.desa_id, 'goldar', NEW.blood_type, NEW.sex, 1 WHERE NEW.status = 1
        UNION ALL
        SELECT NEW.desa_id, 'cacat', coalesce(NEW.disability, 0), NEW.sex, 1 WHERE NEW.status = 1
        UNION ALL
        SELECT NEW.desa_id, 'sakit', coalesce(NEW.chronic_illness, 0), NEW.sex, 1 WHERE NEW.status = 1
        UNION ALL
        SELECT NEW.desa_id, 'kb', coalesce(NEW.kb_method, 0), NEW.sex, 1 WHERE NEW.status = 1
        UNION ALL
        SELECT NEW.desa_id, 'asuransi', coalesce(NEW.health_insurance, 0), NEW.sex, 1 WHERE NEW.status = 1
        UNION ALL
        SELECT NEW.desa_id, 'ktp', coalesce(NEW.ktp_status, 0), NEW.sex, 1 WHERE NEW.status = 1
        UNION ALL
        SELECT NEW.desa_id, 'kepala', CAST(NEW.shdk = 1 AS INTEGER), NEW.sex, 1 WHERE NEW.status = 1
        UNION ALL
        SELECT NEW.desa_id, 'hidup', 1, NEW.sex, 1 WHERE NEW.status = 1
    ) WHERE true
    ON CONFLICT (desa_id, dimension, code, sex) DO UPDATE SET n = n + excluded.n;
    INSERT INTO area_figures (desa_id, area_id, dimension, code, sex, n)
    SELECT * FROM (
        SELECT NEW.desa_id, NEW.area_id, 'agama', NEW.religion, NEW.sex, 1 WHERE NEW.status = 1 AND NEW.area_id IS NOT NULL
        UNION ALL
        SELECT NEW.desa_id, NEW.area_id, 'pendidikan', NEW.education, NEW.sex, 1 WHERE NEW.status = 1 AND NEW.area_id IS NOT NULL
        UNION ALL
        SELECT NEW.desa_id, NEW.area_id, 'pekerjaan', NEW.occupation, NEW.sex, 1 WHERE NEW.status = 1 AND NEW.area_id IS NOT NULL
        UNION ALL
        SELECT NEW.desa_id, NEW.area_id, 'perkawinan', NEW.marital_status, NEW.sex, 1 WHERE NEW.status = 1 AND NEW.area_id IS NOT NULL
        UNION ALL
        SELECT NEW.desa_id, NEW.area_id, 'tahun', CAST(strftime('%Y', NEW.birth_date) AS INTEGER), NEW.sex, 1 WHERE NEW.status = 1 AND NEW.area_id IS NOT NULL
        UNION ALL
        SELECT NEW.desa_id, NEW.area_id, 'lahir', CAST(strftime('%Y%m', NEW.birth_date) AS INTEGER), NEW.sex, 1 WHERE NEW.status = 1 AND NEW.area_id IS NOT NULL
        UNION ALL
        SELECT NEW.desa_id, NEW.area_id, 'lahir_hari', CAST(strftime('%m%d%Y', NEW.birth_date) AS INTEGER), NEW.sex, 1 WHERE NEW.status = 1 AND NEW.area_id IS NOT NULL
        UNION ALL
        SELECT NEW.desa_id, NEW.area_id, 'kewarganegaraan', NEW.citizenship, NEW.sex, 1 WHERE NEW.status = 1 AND NEW.area_id IS NOT NULL
        UNION ALL
        SELECT NEW.desa_id, NEW.area_id, 'goldar', NEW.blood_type, NEW.sex, 1 WHERE NEW.status = 1 AND NEW.area_id IS NOT NULL
        UNION ALL
        SELECT NEW.desa_id, NEW.area_id, 'cacat', coalesce(NEW.disability, 0), NEW.sex, 1 WHERE NEW.status = 1 AND NEW.area_id IS NOT NULL
        UNION ALL
        SELECT NEW.desa_id, NEW.area_id, 'sakit', coalesce(NEW.chronic_illness, 0), NEW.sex, 1 WHERE NEW.status = 1 AND NEW.area_id IS NOT NULL
        UNION ALL
        SELECT NEW.desa_id, NEW.area_id, 'kb', coalesce(NEW.kb_method, 0), NEW.sex, 1 WHERE NEW.status = 1 AND NEW.area_id IS NOT NULL
        UNION ALL
        SELECT NEW.desa_id, NEW.area_id, 'asuransi', coalesce(NEW.health_insurance, 0), NEW.sex, 1 WHERE NEW.status = 1 AND NEW.area_id IS NOT NULL
        UNION ALL
        SELECT NEW.desa_id, NEW.area_id, 'ktp', coalesce(NEW.ktp_status, 0), NEW.sex, 1 WHERE NEW.status = 1 AND NEW.area_id IS NOT NULL
        UNION ALL
        SELECT NEW.desa_id, NEW.area_id, 'kepala', CAST(NEW.shdk = 1 AS INTEGER), NEW.sex, 1 WHERE NEW.status = 1 AND NEW.area_id IS NOT NULL
        UNION ALL
        SELECT NEW.desa_id, NEW.area_id, 'hidup', 1, NEW.sex, 1 WHERE NEW.status = 1 AND NEW.area_id IS NOT NULL
    ) WHERE true
    ON CONFLICT (desa_id, area_id, dimension, code, sex) DO UPDATE SET n = n + excluded.n;
    INSERT INTO resident_figures (desa_id, dimension, code, sex, n)
    SELECT desa_id, 'anggota', n, 0, -1 FROM family_sizes
    WHERE NEW.status = 1 AND desa_id = NEW.desa_id AND family_id = NEW.family_id AND n > 0
    ON CONFLICT (desa_id, dimension, code, sex) DO UPDATE SET n = n + excluded.n;
    INSERT INTO family_sizes (desa_id, family_id, n)
    SELECT NEW.desa_id, NEW.family_id, 1 WHERE NEW.status = 1 AND NEW.family_id IS NOT NULL
    ON CONFLICT (desa_id, family_id) DO UPDATE SET n = n + excluded.n;
    INSERT INTO resident_figures (desa_id, dimension, code, sex, n)
    SELECT desa_id, 'anggota', n, 0, 1 FROM family_sizes
    WHERE NEW.status = 1 AND desa_id = NEW.desa_id AND family_id = NEW.family_id AND n > 0
    ON CONFLICT (desa_id, dimension, code, sex) DO UPDATE SET n = n + excluded.n;
END;
CREATE TRIGGER resident_figures_more_delete AFTER DELETE ON residents BEGIN
    INSERT INTO resident_figures (desa_id, dimension, code, sex, n)
    SELECT * FROM (
        SELECT OLD.desa_id, 'kewarganegaraan', OLD.citizenship, OLD.sex, -1 WHERE OLD.status = 1
        UNION ALL
        SELECT OLD.desa_id, 'goldar', OLD.blood_type, OLD.sex, -1 WHERE OLD.status = 1
        UNION ALL
        SELECT OLD.desa_id, 'cacat', coalesce(OLD.disability, 0), OLD.sex, -1 WHERE OLD.status = 1
        UNION ALL
        SELECT OLD.desa_id, 'sakit', coalesce(OLD.chronic_illness, 0), OLD.sex, -1 WHERE OLD.status = 1
        UNION ALL
        SELECT OLD.desa_id, 'kb', coalesce(OLD.kb_method, 0), OLD.sex, -1 WHERE OLD.status = 1
        UNION ALL
        SELECT OLD.desa_id, 'asuransi', coalesce(OLD.health_insurance, 0), OLD.sex, -1 WHERE OLD.status = 1
        UNION ALL
        SELECT OLD.desa_id, 'ktp', coalesce(OLD.ktp_status, 0), OLD.sex, -1 WHERE OLD.status = 1
        UNION ALL
        SELECT OLD.desa_id, 'kepala', CAST(OLD.shdk = 1 AS INTEGER), OLD.sex, -1 WHERE OLD.status = 1
        UNION ALL
        SELECT OLD.desa_id, 'hidup', 1, OLD.sex, -1 WHERE OLD.status = 1
    ) WHERE true
    ON CONFLICT (desa_id, dimension, code, sex) DO UPDATE SET n = n + excluded.n;
    INSERT INTO area_figures (desa_id, area_id, dimension, code, sex, n)
    SELECT * FROM (
        SELECT OLD.desa_id, OLD.area_id, 'agama', OLD.religion, OLD.sex, -1 WHERE OLD.status = 1 AND OLD.area_id IS NOT NULL
        UNION ALL
        SELECT OLD.desa_id, OLD.area_id, 'pendidikan', OLD.education, OLD.sex, -1 WHERE OLD.status = 1 AND OLD.area_id IS NOT NULL
        UNION ALL
        SELECT OLD.desa_id, OLD.area_id, 'pekerjaan', OLD.occupation, OLD.sex, -1 WHERE OLD.status = 1 AND OLD.area_id IS NOT NULL
        UNION ALL
        SELECT OLD.desa_id, OLD.area_id, 'perkawinan', OLD.marital_status, OLD.sex, -1 WHERE OLD.status = 1 AND OLD.area_id IS NOT NULL
        UNION ALL
        SELECT OLD.desa_id, OLD.area_id, 'tahun', CAST(strftime('%Y', OLD.birth_date) AS INTEGER), OLD.sex, -1 WHERE OLD.status = 1 AND OLD.area_id IS NOT NULL
        UNION ALL
        SELECT OLD.desa_id, OLD.area_id, 'lahir', CAST(strftime('%Y%m', OLD.birth_date) AS INTEGER), OLD.sex, -1 WHERE OLD.status = 1 AND OLD.area_id IS NOT NULL
        UNION ALL
        SELECT OLD.desa_id, OLD.area_id, 'lahir_hari', CAST(strftime('%m%d%Y', OLD.birth_date) AS INTEGER), OLD.sex, -1 WHERE OLD.status = 1 AND OLD.area_id IS NOT NULL
        UNION ALL
        SELECT OLD.desa_id, OLD.area_id, 'kewarganegaraan', OLD.citizenship, OLD.sex, -1 WHERE OLD.status = 1 AND OLD.area_id IS NOT NULL
        UNION ALL
        SELECT OLD.desa_id, OLD.area_id, 'goldar', OLD.blood_type, OLD.sex, -1 WHERE OLD.status = 1 AND OLD.area_id IS NOT NULL
        UNION ALL
        SELECT OLD.desa_id, OLD.area_id, 'cacat', coalesce(OLD.disability, 0), OLD.sex, -1 WHERE OLD.status = 1 AND OLD.area_id IS NOT NULL
        UNION ALL
        SELECT OLD.desa_id, OLD.area_id, 'sakit', coalesce(OLD.chronic_illness, 0), OLD.sex, -1 WHERE OLD.status = 1 AND OLD.area_id IS NOT NULL
        UNION ALL
        SELECT OLD.desa_id, OLD.area_id, 'kb', coalesce(OLD.kb_method, 0), OLD.sex, -1 WHERE OLD.status = 1 AND OLD.area_id IS NOT NULL
        UNION ALL
        SELECT OLD.desa_id, OLD.area_id, 'asuransi', coalesce(OLD.health_insurance, 0), OLD.sex, -1 WHERE OLD.status = 1 AND OLD.area_id IS NOT NULL
        UNION ALL
        SELECT OLD.desa_id, OLD.area_id, 'ktp', coalesce(OLD.ktp_status, 0), OLD.sex, -1 WHERE OLD.status = 1 AND OLD.area_id IS NOT NULL
        UNION ALL
        SELECT OLD.desa_id, OLD.area_id, 'kepala', CAST(OLD.shdk = 1 AS INTEGER), OLD.sex, -1 WHERE OLD.status = 1 AND OLD.area_id IS NOT NULL
        UNION ALL
        SELECT OLD.desa_id, OLD.area_id, 'hidup', 1, OLD.sex, -1 WHERE OLD.status = 1 AND OLD.area_id IS NOT NULL
    ) WHERE true
    ON CONFLICT (desa_id, area_id, dimension, code, sex) DO UPDATE SET n = n + excluded.n;
    INSERT INTO resident_figures (desa_id, dimension, code, sex, n)
    SELECT desa_id, 'anggota', n, 0, -1 FROM family_sizes
    WHERE OLD.status = 1 AND desa_id = OLD.desa_id AND family_id = OLD.family_id AND n > 0
    ON CONFLICT (desa_id, dimension, code, sex) DO UPDATE SET n = n + excluded.n;
    INSERT INTO family_sizes (desa_id, family_id, n)
    SELECT OLD.desa_id, OLD.family_id, -1 WHERE OLD.status = 1 AND OLD.family_id IS NOT NULL
    ON CONFLICT (desa_id, family_id) DO UPDATE SET n = n + excluded.n;
    INSERT INTO resident_figures (desa_id, dimension, code, sex, n)
    SELECT desa_id, 'anggota', n, 0, 1 FROM family_sizes
    WHERE OLD.status = 1 AND desa_id = OLD.desa_id AND family_id = OLD.family_id AND n > 0
    ON CONFLICT (desa_id, dimension, code, sex) DO UPDATE SET n = n + excluded.n;
END;

-- The new figures of the rows already there.
INSERT INTO resident_figures (desa_id, dimension, code, sex, n)
SELECT desa_id, dimension, code, sex, count(*) FROM (
    SELECT r.desa_id AS desa_id, 'kewarganegaraan' AS dimension, r.citizenship AS code, r.sex AS sex FROM residents r WHERE r.status = 1
    UNION ALL
    SELECT r.desa_id AS desa_id, 'goldar' AS dimension, r.blood_type AS code, r.sex AS sex FROM residents r WHERE r.status = 1
    UNION ALL
    SELECT r.desa_id AS desa_id, 'cacat' AS dimension, coalesce(r.disability, 0) AS code, r.sex AS sex FROM residents r WHERE r.status = 1
    UNION ALL
    SELECT r.desa_id AS desa_id, 'sakit' AS dimension, coalesce(r.chronic_illness, 0) AS code, r.sex AS sex FROM residents r WHERE r.status = 1
    UNION ALL
    SELECT r.desa_id AS desa_id, 'kb' AS dimension, coalesce(r.kb_method, 0) AS code, r.sex AS sex FROM residents r WHERE r.status = 1
    UNION ALL
    SELECT r.desa_id AS desa_id, 'asuransi' AS dimension, coalesce(r.health_insurance, 0) AS code, r.sex AS sex FROM residents r WHERE r.status = 1
    UNION ALL
    SELECT r.desa_id AS desa_id, 'ktp' AS dimension, coalesce(r.ktp_status, 0) AS code, r.sex AS sex FROM residents r WHERE r.status = 1
    UNION ALL
    SELECT r.desa_id AS desa_id, 'kepala' AS dimension, CAST(r.shdk = 1 AS INTEGER) AS code, r.sex AS sex FROM residents r WHERE r.status = 1
    UNION ALL
    SELECT r.desa_id AS desa_id, 'hidup' AS dimension, 1 AS code, r.sex AS sex FROM residents r WHERE r.status = 1
) GROUP BY 1, 2, 3, 4;
INSERT INTO area_figures (desa_id, area_id, dimension, code, sex, n)
SELECT desa_id, area_id, dimension, code, sex, count(*) FROM (
    SELECT r.desa_id AS desa_id, r.area_id AS area_id, 'agama' AS dimension, r.religion AS code, r.sex AS sex FROM residents r WHERE r.status = 1 AND r.area_id IS NOT NULL
    UNION ALL
    SELECT r.desa_id AS desa_id, r.area_id AS area_id, 'pendidikan' AS dimension, r.education AS code, r.sex AS sex FROM residents r WHERE r.status = 1 AND r.area_id IS NOT NULL
    UNION ALL
    SELECT r.desa_id AS desa_id, r.area_id AS area_id, 'pekerjaan' AS dimension, r.occupation AS code, r.sex AS sex FROM residents r WHERE r.status = 1 AND r.area_id IS NOT NULL
    UNION ALL
    SELECT r.desa_id AS desa_id, r.area_id AS area_id, 'perkawinan' AS dimension, r.marital_status AS code, r.sex AS sex FROM residents r WHERE r.status = 1 AND r.area_id IS NOT NULL
    UNION ALL
    SELECT r.desa_id AS desa_id, r.area_id AS area_id, 'tahun' AS dimension, CAST(strftime('%Y', r.birth_date) AS INTEGER) AS code, r.sex AS sex FROM residents r WHERE r.status = 1 AND r.area_id IS NOT NULL
    UNION ALL
    SELECT r.desa_id AS desa_id, r.area_id AS area_id, 'lahir' AS dimension, CAST(strftime('%Y%m', r.birth_date) AS INTEGER) AS code, r.sex AS sex FROM residents r WHERE r.status = 1 AND r.area_id IS NOT NULL
    UNION ALL
    SELECT r.desa_id AS desa_id, r.area_id AS area_id, 'lahir_hari' AS dimension, CAST(strftime('%m%d%Y', r.birth_date) AS INTEGER) AS code, r.sex AS sex FROM residents r WHERE r.status = 1 AND r.area_id IS NOT NULL
    UNION ALL
    SELECT r.desa_id AS desa_id, r.area_id AS area_id, 'kewarganegaraan' AS dimension, r.citizenship AS code, r.sex AS sex FROM residents r WHERE r.status = 1 AND r.area_id IS NOT NULL
    UNION ALL
    SELECT r.desa_id AS desa_id, r.area_id AS area_id, 'goldar' AS dimension, r.blood_type AS code, r.sex AS sex FROM residents r WHERE r.status = 1 AND r.area_id IS NOT NULL
    UNION ALL
    SELECT r.desa_id AS desa_id, r.area_id AS area_id, 'cacat' AS dimension, coalesce(r.disability, 0) AS code, r.sex AS sex FROM residents r WHERE r.status = 1 AND r.area_id IS NOT NULL
    UNION ALL
    SELECT r.desa_id AS desa_id, r.area_id AS area_id, 'sakit' AS dimension, coalesce(r.chronic_illness, 0) AS code, r.sex AS sex FROM residents r WHERE r.status = 1 AND r.area_id IS NOT NULL
    UNION ALL
    SELECT r.desa_id AS desa_id, r.area_id AS area_id, 'kb' AS dimension, coalesce(r.kb_method, 0) AS code, r.sex AS sex FROM residents r WHERE r.status = 1 AND r.area_id IS NOT NULL
    UNION ALL
    SELECT r.desa_id AS desa_id, r.area_id AS area_id, 'asuransi' AS dimension, coalesce(r.health_insurance, 0) AS code, r.sex AS sex FROM residents r WHERE r.status = 1 AND r.area_id IS NOT NULL
    UNION ALL
    SELECT r.desa_id AS desa_id, r.area_id AS area_id, 'ktp' AS dimension, coalesce(r.ktp_status, 0) AS code, r.sex AS sex FROM residents r WHERE r.status = 1 AND r.area_id IS NOT NULL
    UNION ALL
    SELECT r.desa_id AS desa_id, r.area_id AS area_id, 'kepala' AS dimension, CAST(r.shdk = 1 AS INTEGER) AS code, r.sex AS sex FROM residents r WHERE r.status = 1 AND r.area_id IS NOT NULL
    UNION ALL
    SELECT r.desa_id AS desa_id, r.area_id AS area_id, 'hidup' AS dimension, 1 AS code, r.sex AS sex FROM residents r WHERE r.status = 1 AND r.area_id IS NOT NULL
) GROUP BY 1, 2, 3, 4, 5;
INSERT INTO family_sizes (desa_id, family_id, n)
SELECT desa_id, family_id, count(*) FROM residents
WHERE status = 1 AND family_id IS NOT NULL
GROUP BY 1, 2;
INSERT INTO resident_figures (desa_id, dimension, code, sex, n)
SELECT desa_id, 'anggota', n, 0, count(*) FROM family_sizes GROUP BY 1, 3;
