ALTER TABLE users DROP COLUMN regency_hold;
