ALTER TABLE residents DROP COLUMN health_insurance;
ALTER TABLE residents DROP COLUMN kb_method;
ALTER TABLE residents DROP COLUMN chronic_illness;
ALTER TABLE residents DROP COLUMN ktp_status;
