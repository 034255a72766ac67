ALTER TABLE letter_transitions DROP COLUMN actor_position;
ALTER TABLE letter_transitions DROP COLUMN actor_name;
ALTER TABLE letter_settings DROP COLUMN paraf;
ALTER TABLE users DROP COLUMN title;
ALTER TABLE users DROP COLUMN full_name;
ALTER TABLE users DROP COLUMN position;
