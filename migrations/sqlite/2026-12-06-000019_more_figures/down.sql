DROP TRIGGER resident_figures_more_delete;
DROP TRIGGER resident_figures_more_update;
DROP TRIGGER resident_figures_more_insert;
DELETE FROM resident_figures WHERE dimension IN ('kewarganegaraan', 'goldar', 'cacat', 'sakit', 'kb', 'asuransi', 'ktp', 'kepala', 'hidup', 'anggota');
DROP TABLE family_sizes;
DROP TABLE area_figures;
