DROP TABLE potensi;
