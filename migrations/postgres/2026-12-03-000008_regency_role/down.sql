DO $$
DECLARE
    t text;
BEGIN
    FOR t IN SELECT tablename FROM pg_policies
             WHERE schemaname = current_schema() AND policyname = 'regency_read'
    LOOP
        EXECUTE format('DROP POLICY regency_read ON %I', t);
    END LOOP;
    FOR t IN SELECT c.relname FROM pg_class c
             WHERE c.relnamespace = current_schema()::regnamespace AND c.relrowsecurity
    LOOP
        EXECUTE format('CREATE POLICY regency_read ON %I FOR SELECT USING '
                       '(current_setting(''sid.scope'', true) = ''kabupaten'')', t);
    END LOOP;
END $$;
