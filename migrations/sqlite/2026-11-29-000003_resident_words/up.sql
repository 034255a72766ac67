-- The words of each resident's name, for searching by word beginnings through an index.
CREATE TABLE resident_words (
    desa_id TEXT NOT NULL REFERENCES desa (id),
    word TEXT NOT NULL,
    resident_id TEXT NOT NULL,
    name_search TEXT NOT NULL,
    PRIMARY KEY (desa_id, word, resident_id),
    FOREIGN KEY (desa_id, resident_id) REFERENCES residents (desa_id, id)
);
