-- The e-mall's reads run with no desa set. A connection that never set one has no setting at all
-- (NULL, not ''), and the policies showed it nothing: the e-mall answered empty on fresh
-- connections. No desa set, either way, now shows the public rows.
ALTER POLICY emall ON sellers USING (coalesce(current_setting('sid.desa_id', true), '') = '');
ALTER POLICY emall ON products
    USING (published AND coalesce(current_setting('sid.desa_id', true), '') = '');
ALTER POLICY emall ON product_photos USING (coalesce(current_setting('sid.desa_id', true), '') = '');
ALTER POLICY emall ON product_words USING (coalesce(current_setting('sid.desa_id', true), '') = '');
ALTER POLICY emall ON emall_counts USING (coalesce(current_setting('sid.desa_id', true), '') = '');
