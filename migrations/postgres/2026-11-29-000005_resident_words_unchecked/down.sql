ALTER TABLE resident_words ADD FOREIGN KEY (desa_id) REFERENCES desa (id);
ALTER TABLE resident_words ADD FOREIGN KEY (desa_id, resident_id) REFERENCES residents (desa_id, id);
