DROP INDEX families_active;
DROP INDEX residents_by_entry;
DROP INDEX residents_by_birth;
DROP INDEX residents_by_name;
CREATE INDEX residents_name ON residents (desa_id, name_search);
DROP TRIGGER resident_figures_delete;
DROP TRIGGER resident_figures_update;
DROP TRIGGER resident_figures_insert;
DROP TABLE resident_figures;
