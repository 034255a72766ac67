-- pgbench: the least the database can do for one resident list page, for comparison with the
-- page itself: one desa's first 50 living residents by name from the index, the total from
-- the kept figures, and the 50 audit rows a page view writes; no join, no rendering, no HTTP.
BEGIN;
SELECT set_config('sid.desa_id', ':desa', true);
SELECT id FROM residents WHERE desa_id = ':desa' AND status = 1 ORDER BY name_search, id LIMIT 50;
SELECT code, sex, n FROM resident_figures WHERE desa_id = ':desa' AND dimension = 'status';
INSERT INTO audit_log (desa_id, id, at, actor_username, action, target, detail)
SELECT ':desa', gen_random_uuid()::text, now(), 'bench', 'resident.list', id, 'batas bawah'
FROM (SELECT id FROM residents WHERE desa_id = ':desa' AND status = 1
      ORDER BY name_search, id LIMIT 50) page;
COMMIT;
