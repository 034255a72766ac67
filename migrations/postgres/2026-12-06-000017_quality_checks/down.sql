DROP TABLE quality_checks;
