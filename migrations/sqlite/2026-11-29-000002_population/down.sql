DROP TABLE population_events;
DROP TABLE residents;
DROP TABLE families;
DROP TABLE areas;
DROP TABLE nik_registry;
DROP TABLE code_list;
