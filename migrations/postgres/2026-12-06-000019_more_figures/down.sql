-- The first figures' function again.
CREATE OR REPLACE FUNCTION resident_figures_add(added residents[], removed residents[]) RETURNS void
LANGUAGE sql AS $$
    WITH changed AS (
        SELECT a.*, 1 AS d FROM unnest(added) a
        UNION ALL
        SELECT r.*, -1 FROM unnest(removed) r
    ), figures AS (
        SELECT desa_id, 'status' AS dimension, status AS code, sex, d FROM changed
        UNION ALL
        SELECT desa_id, 'dicatat', (extract(year FROM created_at + interval '7 hours') * 100
            + extract(month FROM created_at + interval '7 hours'))::int, sex, d FROM changed
        UNION ALL
        SELECT c.desa_id, v.dimension, v.code, c.sex, c.d FROM changed c
        CROSS JOIN LATERAL (VALUES
            ('agama', c.religion),
            ('pendidikan', c.education),
            ('pekerjaan', c.occupation),
            ('perkawinan', c.marital_status),
            ('dicatat_hidup', (extract(year FROM c.created_at + interval '7 hours') * 100
                + extract(month FROM c.created_at + interval '7 hours'))::int),
            ('tahun', extract(year FROM c.birth_date)::int),
            ('lahir', (extract(year FROM c.birth_date) * 100
                + extract(month FROM c.birth_date))::int),
            ('lahir_hari', (extract(month FROM c.birth_date) * 1000000
                + extract(day FROM c.birth_date) * 10000
                + extract(year FROM c.birth_date))::int)
        ) AS v (dimension, code)
        WHERE c.status = 1
    )
    INSERT INTO resident_figures (desa_id, dimension, code, sex, n)
    SELECT desa_id, dimension, code, sex, sum(d) FROM figures
    GROUP BY 1, 2, 3, 4 HAVING sum(d) <> 0
    ON CONFLICT (desa_id, dimension, code, sex)
    DO UPDATE SET n = resident_figures.n + EXCLUDED.n;
$$;
DELETE FROM resident_figures WHERE dimension IN ('kewarganegaraan', 'goldar', 'cacat', 'sakit', 'kb', 'asuransi', 'ktp', 'kepala', 'hidup', 'anggota');
DROP TABLE family_sizes;
DROP TABLE area_figures;
