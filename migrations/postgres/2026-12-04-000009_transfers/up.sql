-- A move between two desa of the regency is a transfer that the receiving desa accepts or
-- refuses. Each desa holds its own row of it (direction keluar or masuk, same id), so each
-- sees only its side under row-level security, and the shard key stays desa_id.
CREATE TABLE transfers (
    desa_id TEXT NOT NULL REFERENCES desa (id),
    id TEXT NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('keluar', 'masuk')),
    -- A registry id, written only from the registry (a key without desa_id would not
    -- distribute).
    other_desa_id TEXT NOT NULL,
    -- keluar: the person in this desa; masuk: the record created here once accepted.
    resident_id TEXT,
    nik TEXT NOT NULL,
    name TEXT NOT NULL,
    sex INTEGER NOT NULL,
    birth_date DATE NOT NULL,
    move_date DATE NOT NULL,
    reported_on DATE NOT NULL,
    destination TEXT NOT NULL,
    reason TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('menunggu', 'diterima', 'ditolak', 'dibatalkan')),
    requested_by TEXT NOT NULL,
    requested_at TIMESTAMP NOT NULL,
    decided_by TEXT,
    decided_at TIMESTAMP,
    refusal TEXT,
    PRIMARY KEY (desa_id, id),
    FOREIGN KEY (desa_id, resident_id) REFERENCES residents (desa_id, id)
);
-- One open transfer per person.
CREATE UNIQUE INDEX transfers_one_open ON transfers (desa_id, resident_id)
    WHERE direction = 'keluar' AND status = 'menunggu';
CREATE INDEX transfers_list ON transfers (desa_id, requested_at);

ALTER TABLE transfers ENABLE ROW LEVEL SECURITY;
ALTER TABLE transfers FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON transfers
    USING (desa_id = current_setting('sid.desa_id', true))
    WITH CHECK (desa_id = current_setting('sid.desa_id', true));
