DROP INDEX residents_by_entry;
DROP INDEX residents_by_birth;
DROP INDEX residents_by_name;
CREATE INDEX residents_name ON residents (desa_id, name_search);
DROP TRIGGER resident_counts_delete ON residents;
DROP TRIGGER resident_counts_update ON residents;
DROP TRIGGER resident_counts_insert ON residents;
DROP FUNCTION resident_counts_keep();
DROP TABLE resident_counts;
