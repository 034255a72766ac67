-- resident_words is an index kept by the application: its rows are written and replaced in the
-- same transaction as their resident's name, and residents are never deleted. Its foreign keys
-- cost more than the rows themselves (each word's check locks its resident's row: about 60%
-- of a bulk import's time on words), so PostgreSQL does without them. Searches join the
-- words to residents, so a word without its resident could never be found.
ALTER TABLE resident_words DROP CONSTRAINT resident_words_desa_id_fkey;
ALTER TABLE resident_words DROP CONSTRAINT resident_words_desa_id_resident_id_fkey;
