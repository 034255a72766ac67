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

CREATE TRIGGER resident_counts_insert AFTER INSERT ON residents BEGIN
    INSERT INTO resident_counts (desa_id, status, sex, n) VALUES (NEW.desa_id, NEW.status, NEW.sex, 1)
    ON CONFLICT (desa_id, status, sex) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER resident_counts_update AFTER UPDATE OF status, sex ON residents
WHEN OLD.status <> NEW.status OR OLD.sex <> NEW.sex BEGIN
    UPDATE resident_counts SET n = n - 1
    WHERE desa_id = OLD.desa_id AND status = OLD.status AND sex = OLD.sex;
    INSERT INTO resident_counts (desa_id, status, sex, n) VALUES (NEW.desa_id, NEW.status, NEW.sex, 1)
    ON CONFLICT (desa_id, status, sex) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER resident_counts_delete AFTER DELETE ON residents BEGIN
    UPDATE resident_counts SET n = n - 1
    WHERE desa_id = OLD.desa_id AND status = OLD.status AND sex = OLD.sex;
END;

INSERT INTO resident_counts (desa_id, status, sex, n)
SELECT desa_id, status, sex, count(*) FROM residents GROUP BY 1, 2, 3;

-- The list takes its page of ids from an index in the page's order (status first: the list
-- shows the living unless asked), then reads the 50 rows it shows.
DROP INDEX residents_name;
CREATE INDEX residents_by_name ON residents (desa_id, status, name_search, id);
CREATE INDEX residents_by_birth ON residents (desa_id, status, birth_date, id);
CREATE INDEX residents_by_entry ON residents (desa_id, created_at, id);
-- The family list's page and total: active cards in No KK order, from the index alone.
CREATE INDEX families_active ON families (desa_id, active, no_kk, id);
