-- Regency-wide tables: the desa registry and identity. No desa_id in their keys.
CREATE TABLE kecamatan (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE desa (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    kecamatan_code TEXT NOT NULL REFERENCES kecamatan (code),
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('kabupaten_admin', 'desa_admin', 'desa_operator', 'warga')),
    desa_id TEXT REFERENCES desa (id),
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK ((role = 'kabupaten_admin') = (desa_id IS NULL))
);
CREATE INDEX users_desa ON users (desa_id);

CREATE TABLE sessions (
    jti TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    issued_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Failed sign-ins per subject ("user:<name>"), kept for unknown names too so that the
-- reply never tells whether an account exists.
CREATE TABLE login_attempts (
    subject TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_failure_at TIMESTAMP NOT NULL,
    locked_until TIMESTAMP
);

CREATE TABLE regency_audit (
    id TEXT PRIMARY KEY,
    at TIMESTAMP NOT NULL,
    actor_id TEXT,
    actor_username TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    detail TEXT NOT NULL
);

-- Tenant tables: desa_id leads every key; row-level security on each.
CREATE TABLE desa_profile (
    desa_id TEXT PRIMARY KEY REFERENCES desa (id),
    address TEXT,
    phone TEXT,
    email TEXT,
    kepala_desa TEXT,
    description TEXT,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE audit_log (
    desa_id TEXT NOT NULL REFERENCES desa (id),
    id TEXT NOT NULL,
    at TIMESTAMP NOT NULL,
    actor_id TEXT,
    actor_username TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    detail TEXT NOT NULL,
    PRIMARY KEY (desa_id, id)
);

ALTER TABLE desa_profile ENABLE ROW LEVEL SECURITY;
ALTER TABLE desa_profile FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON desa_profile
    USING (desa_id = current_setting('sid.desa_id', true))
    WITH CHECK (desa_id = current_setting('sid.desa_id', true));
CREATE POLICY regency_read ON desa_profile FOR SELECT
    USING (current_setting('sid.scope', true) = 'kabupaten');

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON audit_log
    USING (desa_id = current_setting('sid.desa_id', true))
    WITH CHECK (desa_id = current_setting('sid.desa_id', true));
CREATE POLICY regency_read ON audit_log FOR SELECT
    USING (current_setting('sid.scope', true) = 'kabupaten');
