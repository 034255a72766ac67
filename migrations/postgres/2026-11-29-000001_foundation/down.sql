DROP TABLE audit_log;
DROP TABLE desa_profile;
DROP TABLE regency_audit;
DROP TABLE login_attempts;
DROP TABLE sessions;
DROP TABLE users;
DROP TABLE desa;
DROP TABLE kecamatan;
