ALTER POLICY emall ON sellers USING (current_setting('sid.desa_id', true) = '');
ALTER POLICY emall ON products USING (published AND current_setting('sid.desa_id', true) = '');
ALTER POLICY emall ON product_photos USING (current_setting('sid.desa_id', true) = '');
ALTER POLICY emall ON product_words USING (current_setting('sid.desa_id', true) = '');
ALTER POLICY emall ON emall_counts USING (current_setting('sid.desa_id', true) = '');
