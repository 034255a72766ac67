ALTER TABLE residents ADD FOREIGN KEY (desa_id) REFERENCES desa (id);
ALTER TABLE families ADD FOREIGN KEY (desa_id) REFERENCES desa (id);
ALTER TABLE nik_registry ADD FOREIGN KEY (desa_id) REFERENCES desa (id);
