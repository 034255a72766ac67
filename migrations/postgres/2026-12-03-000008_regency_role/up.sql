-- Regency-wide reads trusted a setting (sid.scope) that any statement of the request role could
-- set. They now run as a role of their own, whose read policies the server grants after the
-- migrations (the role's name is a setting); the old policies go.
DO $$
DECLARE
    t text;
BEGIN
    FOR t IN SELECT tablename FROM pg_policies
             WHERE schemaname = current_schema() AND policyname = 'regency_read'
    LOOP
        EXECUTE format('DROP POLICY regency_read ON %I', t);
    END LOOP;
END $$;
