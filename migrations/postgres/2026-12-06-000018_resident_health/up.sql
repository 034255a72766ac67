-- What secretaries are asked to report beyond the KK: the KTP-el status (belum rekam, sudah
-- rekam, terbit), a chronic illness, the KB method and the health insurance, as OpenSID keeps
-- them (codes of the lists status_ktp, sakit_menahun, cara_kb and asuransi).
ALTER TABLE residents ADD COLUMN ktp_status INTEGER;
ALTER TABLE residents ADD COLUMN chronic_illness INTEGER;
ALTER TABLE residents ADD COLUMN kb_method INTEGER;
ALTER TABLE residents ADD COLUMN health_insurance INTEGER;
