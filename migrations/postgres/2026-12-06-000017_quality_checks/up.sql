-- The outcome of a desa's last data-quality check, so that the staff's home shows how many
-- records need attention without reading every resident on every visit.
CREATE TABLE quality_checks (
    desa_id TEXT PRIMARY KEY REFERENCES desa (id),
    findings INTEGER NOT NULL,
    checked_at TIMESTAMP NOT NULL
);

ALTER TABLE quality_checks ENABLE ROW LEVEL SECURITY;
ALTER TABLE quality_checks FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON quality_checks
    USING (desa_id = current_setting('sid.desa_id', true))
    WITH CHECK (desa_id = current_setting('sid.desa_id', true));
CREATE POLICY regency_read ON quality_checks FOR SELECT
    USING (current_setting('sid.scope', true) = 'kabupaten');
