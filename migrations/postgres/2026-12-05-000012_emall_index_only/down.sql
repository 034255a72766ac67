DROP INDEX product_words_word;
DROP INDEX product_words_loose;
CREATE INDEX product_words_word ON product_words (word);
CREATE INDEX product_words_loose ON product_words (loose);
