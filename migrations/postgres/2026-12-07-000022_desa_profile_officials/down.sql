DROP TABLE officials;
ALTER TABLE desa_profile DROP COLUMN history, DROP COLUMN vision, DROP COLUMN mission,
    DROP COLUMN area_ha, DROP COLUMN border_north, DROP COLUMN border_east,
    DROP COLUMN border_south, DROP COLUMN border_west, DROP COLUMN office_hours,
    DROP COLUMN latitude, DROP COLUMN longitude;
