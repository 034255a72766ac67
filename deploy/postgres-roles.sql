-- Production roles, run once by a PostgreSQL superuser before the first start.
-- sid_owner owns the schema and runs the migrations; the server's request connections switch
-- to sid_app, which owns nothing, cannot bypass row-level security and only reads and writes rows.
CREATE ROLE sid_owner LOGIN PASSWORD 'change-me';
CREATE ROLE sid_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
GRANT sid_app TO sid_owner;
CREATE DATABASE sid OWNER sid_owner;
