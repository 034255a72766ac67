-- Villagers sign in with NIK + PIN: their account is a users row tied to a resident (its
-- username, "warga:<resident id>", can never pass as a staff name).
ALTER TABLE users ADD COLUMN resident_id TEXT;
CREATE UNIQUE INDEX users_resident ON users (resident_id) WHERE resident_id IS NOT NULL;

-- Regency-wide: mail waiting to be sent (written in the transaction of the change it reports),
-- and the verification codes printed on letters (a code names no desa).
CREATE TABLE mail_outbox (
    id TEXT PRIMARY KEY,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL;

CREATE TABLE letter_codes (
    code TEXT PRIMARY KEY,
    desa_id TEXT NOT NULL REFERENCES desa (id),
    letter_id TEXT NOT NULL
);

-- Tenant tables.
CREATE TABLE letter_settings (
    desa_id TEXT PRIMARY KEY REFERENCES desa (id),
    number_format TEXT NOT NULL,
    single_sequence BOOLEAN NOT NULL,
    paper TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE letter_type_settings (
    desa_id TEXT NOT NULL REFERENCES desa (id),
    type_code TEXT NOT NULL,
    enabled BOOLEAN NOT NULL,
    template TEXT,
    updated_at TIMESTAMP NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (desa_id, type_code)
);

CREATE TABLE letter_requests (
    desa_id TEXT NOT NULL REFERENCES desa (id),
    id TEXT NOT NULL,
    type_code TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    -- The villager who asked (own account), or none for a walk-in entered by staff.
    requested_by TEXT,
    created_by TEXT NOT NULL,
    purpose TEXT NOT NULL,
    fields TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT,
    number TEXT,
    sequence_scope TEXT,
    sequence_year INTEGER,
    sequence_no INTEGER,
    signed_at TIMESTAMP,
    signed_by TEXT,
    signer_name TEXT,
    signer_title TEXT,
    pdf_sha256 TEXT,
    verify_code TEXT,
    signed_payload TEXT,
    signature TEXT,
    revoked_at TIMESTAMP,
    revoked_reason TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (desa_id, id),
    FOREIGN KEY (desa_id, subject_id) REFERENCES residents (desa_id, id),
    -- Two letters never share a number: the gap-free sequence is backed by this constraint.
    UNIQUE (desa_id, sequence_scope, sequence_year, sequence_no)
);
CREATE INDEX letter_requests_status ON letter_requests (desa_id, status, created_at);
CREATE INDEX letter_requests_subject ON letter_requests (desa_id, subject_id);
CREATE INDEX letter_requests_signed ON letter_requests (desa_id, signed_at);

CREATE TABLE letter_transitions (
    desa_id TEXT NOT NULL REFERENCES desa (id),
    id TEXT NOT NULL,
    request_id TEXT NOT NULL,
    from_status TEXT,
    to_status TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    actor_role TEXT NOT NULL,
    reason TEXT,
    at TIMESTAMP NOT NULL,
    PRIMARY KEY (desa_id, id),
    FOREIGN KEY (desa_id, request_id) REFERENCES letter_requests (desa_id, id)
);
CREATE INDEX letter_transitions_request ON letter_transitions (desa_id, request_id);

CREATE TABLE letter_sequences (
    desa_id TEXT NOT NULL REFERENCES desa (id),
    scope TEXT NOT NULL,
    year INTEGER NOT NULL,
    last_no INTEGER NOT NULL,
    PRIMARY KEY (desa_id, scope, year)
);

CREATE TABLE letter_documents (
    desa_id TEXT NOT NULL REFERENCES desa (id),
    id TEXT NOT NULL,
    request_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at TIMESTAMP NOT NULL,
    PRIMARY KEY (desa_id, id),
    FOREIGN KEY (desa_id, request_id) REFERENCES letter_requests (desa_id, id)
);

CREATE TABLE data_flags (
    desa_id TEXT NOT NULL REFERENCES desa (id),
    id TEXT NOT NULL,
    resident_id TEXT NOT NULL,
    field TEXT NOT NULL,
    note TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    resolved_at TIMESTAMP,
    resolved_by TEXT,
    PRIMARY KEY (desa_id, id),
    FOREIGN KEY (desa_id, resident_id) REFERENCES residents (desa_id, id)
);

ALTER TABLE letter_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE letter_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON letter_settings
    USING (desa_id = current_setting('sid.desa_id', true))
    WITH CHECK (desa_id = current_setting('sid.desa_id', true));
CREATE POLICY regency_read ON letter_settings FOR SELECT
    USING (current_setting('sid.scope', true) = 'kabupaten');

ALTER TABLE letter_type_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE letter_type_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON letter_type_settings
    USING (desa_id = current_setting('sid.desa_id', true))
    WITH CHECK (desa_id = current_setting('sid.desa_id', true));
CREATE POLICY regency_read ON letter_type_settings FOR SELECT
    USING (current_setting('sid.scope', true) = 'kabupaten');

ALTER TABLE letter_requests ENABLE ROW LEVEL SECURITY;
ALTER TABLE letter_requests FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON letter_requests
    USING (desa_id = current_setting('sid.desa_id', true))
    WITH CHECK (desa_id = current_setting('sid.desa_id', true));
CREATE POLICY regency_read ON letter_requests FOR SELECT
    USING (current_setting('sid.scope', true) = 'kabupaten');

ALTER TABLE letter_transitions ENABLE ROW LEVEL SECURITY;
ALTER TABLE letter_transitions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON letter_transitions
    USING (desa_id = current_setting('sid.desa_id', true))
    WITH CHECK (desa_id = current_setting('sid.desa_id', true));
CREATE POLICY regency_read ON letter_transitions FOR SELECT
    USING (current_setting('sid.scope', true) = 'kabupaten');

ALTER TABLE letter_sequences ENABLE ROW LEVEL SECURITY;
ALTER TABLE letter_sequences FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON letter_sequences
    USING (desa_id = current_setting('sid.desa_id', true))
    WITH CHECK (desa_id = current_setting('sid.desa_id', true));
CREATE POLICY regency_read ON letter_sequences FOR SELECT
    USING (current_setting('sid.scope', true) = 'kabupaten');

ALTER TABLE letter_documents ENABLE ROW LEVEL SECURITY;
ALTER TABLE letter_documents FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON letter_documents
    USING (desa_id = current_setting('sid.desa_id', true))
    WITH CHECK (desa_id = current_setting('sid.desa_id', true));
CREATE POLICY regency_read ON letter_documents FOR SELECT
    USING (current_setting('sid.scope', true) = 'kabupaten');

ALTER TABLE data_flags ENABLE ROW LEVEL SECURITY;
ALTER TABLE data_flags FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON data_flags
    USING (desa_id = current_setting('sid.desa_id', true))
    WITH CHECK (desa_id = current_setting('sid.desa_id', true));
CREATE POLICY regency_read ON data_flags FOR SELECT
    USING (current_setting('sid.scope', true) = 'kabupaten');
