-- The desa's register of letters that are not villagers' requests: letters received (buku
-- agenda surat masuk, with the scan and the disposition) and letters sent (numbered in the desa's
-- letter sequences, so no number is given twice). `sequence_scope` is the sequence the row's
-- `sequence_no` came from: `surat-masuk` for the agenda of received letters.
CREATE TABLE letter_register (
    desa_id TEXT NOT NULL REFERENCES desa (id),
    id TEXT NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('masuk', 'keluar')),
    sequence_scope TEXT NOT NULL,
    sequence_year INTEGER NOT NULL,
    sequence_no INTEGER NOT NULL,
    -- The sender's number on a received letter; ours on a sent one.
    number TEXT NOT NULL,
    -- The sender of a received letter, the recipient of a sent one.
    counterpart TEXT NOT NULL,
    dated DATE NOT NULL,
    received_on DATE,
    classification TEXT,
    subject TEXT NOT NULL,
    disposition TEXT,
    scan_id TEXT,
    scan_type TEXT,
    scan_size INTEGER,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (desa_id, id),
    UNIQUE (desa_id, sequence_scope, sequence_year, sequence_no)
);
CREATE INDEX letter_register_list ON letter_register (desa_id, direction, sequence_year, sequence_no);

ALTER TABLE letter_register ENABLE ROW LEVEL SECURITY;
ALTER TABLE letter_register FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON letter_register
    USING (desa_id = current_setting('sid.desa_id', true))
    WITH CHECK (desa_id = current_setting('sid.desa_id', true));
CREATE POLICY regency_read ON letter_register FOR SELECT
    USING (current_setting('sid.scope', true) = 'kabupaten');
