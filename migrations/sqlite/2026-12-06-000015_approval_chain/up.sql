-- The approval chain desa use: an operator checks, the sekretaris desa initials (paraf), the
-- kepala desa signs. A staff account carries its position in the desa and the name printed under
-- a signature; the accounts that exist keep what they could do (an admin signed as kepala desa).
ALTER TABLE users ADD COLUMN position TEXT
    CHECK (position IN ('kepala_desa', 'sekretaris_desa', 'kaur_kasi', 'operator'));
ALTER TABLE users ADD COLUMN full_name TEXT;
-- A kaur's or kasi's own office ("Kasi Pemerintahan"), printed under "u.b.".
ALTER TABLE users ADD COLUMN title TEXT;
UPDATE users SET position = 'kepala_desa' WHERE role = 'desa_admin';
UPDATE users SET position = 'operator' WHERE role = 'desa_operator';

-- The middle step is the desa's choice; off keeps the two steps every desa had.
ALTER TABLE letter_settings ADD COLUMN paraf BOOLEAN NOT NULL DEFAULT 0;

-- Who made each move, as they were then: their name and position.
ALTER TABLE letter_transitions ADD COLUMN actor_name TEXT;
ALTER TABLE letter_transitions ADD COLUMN actor_position TEXT;
