-- An account the regency disabled stays disabled until the regency enables it again: a desa
-- admin cannot undo Diskominfo's decision.
ALTER TABLE users ADD COLUMN regency_hold BOOLEAN NOT NULL DEFAULT FALSE;
