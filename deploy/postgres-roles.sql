-- Production roles, run once by a PostgreSQL superuser before the first start.
-- sid_owner owns the schema and runs the migrations (SID__DATABASE__URL). The server's pools log
-- in as the two other roles, each with its own password, never as the owner:
--   sid_app      requests (SID__DATABASE__APP_URL): owns nothing, cannot bypass row-level
--                security, sees one desa at a time; only reads and adds to the audit logs;
--   sid_regency  Diskominfo's regency-wide figures (SID__DATABASE__REGENCY_URL): reads every
--                desa through policies of its own, writes nothing.
-- Neither is a member of the other or of sid_owner, so no statement of a request can become
-- them. The migrations grant their rights.
CREATE ROLE sid_owner LOGIN PASSWORD 'change-me';
CREATE ROLE sid_app LOGIN PASSWORD 'change-me-too' NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB;
CREATE ROLE sid_regency LOGIN PASSWORD 'change-me-three' NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB;
CREATE DATABASE sid OWNER sid_owner;
