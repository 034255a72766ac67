DROP TABLE resident_words;
