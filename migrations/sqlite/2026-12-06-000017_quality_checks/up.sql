-- The outcome of a desa's last data-quality check, so that the staff's home shows how many
-- records need attention without reading every resident on every visit.
CREATE TABLE quality_checks (
    desa_id TEXT PRIMARY KEY REFERENCES desa (id),
    findings INTEGER NOT NULL,
    checked_at TIMESTAMP NOT NULL
);
