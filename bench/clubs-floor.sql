-- bench/clubs-floor.sql - the floor for GET /api/v1/indicators/clubs: each indicator of
-- Plan 327 as one hand-written query, run straight in sqlite3 or psql by bench/clubs.sh.
--
-- Portable SQL (SQLite and PostgreSQL). bench/clubs.sh fills in:
--   {{PLACE}}     the place code (its subtree, and the subtrees of the units it was formed
--                 from: Quảng Ngãi of 2025 counts the clubs of Kon Tum's communes of 2024)
--   {{DATE}}      the date, YYYY-MM-DD;  {{YEAR_FROM}} 1 January of its year (the window)
--   {{YEAR}}, {{YEAR_PREV}}  its year and the one before (the assessments that count)
--   {{OLDER_BY}}  the date 60 years before {{DATE}}: a birth starting on or before it is
--                 60 or older on {{DATE}} (a birth of "1950" starts on 1950-01-01, of
--                 "1950-03" on 1950-03-01)
-- Definitions as in docs/clubs.md and src/domain/indicator.c; the founding windows are the
-- plan_indicators records of 327/KH-UBND (from 2021-01-01; 2016-01-01 to 2020-12-31). The
-- window is the calendar year to the date ({{YEAR_FROM}} to {{DATE}}); the place is one in
-- force on the date, whose territory is its subtree and those of the units it was formed from.
-- Every query prints: indicator|value[|numerator|denominator].
-- CROSS JOIN is an inner join to PostgreSQL; to SQLite it also fixes the order (the place
-- ranges, then their clubs by clubs_place), which without ANALYZE statistics it otherwise
-- gets wrong, building an automatic index on clubs at every run (0.21 s instead of 0.13 s).

-- 1. ISHC founded from 2021-01-01 to the date
WITH p AS (SELECT id, path FROM places WHERE code = '{{PLACE}}'
           AND (valid_from IS NULL OR valid_from <= '{{DATE}}')
           AND (valid_to IS NULL OR valid_to >= '{{DATE}}')),
r AS (SELECT path AS lo FROM p
      UNION SELECT o.path FROM place_links l JOIN places o ON o.id = l.from_id
      WHERE l.to_id IN (SELECT id FROM p)),
k AS (SELECT c.id, c.founded_on FROM r
      CROSS JOIN places pl CROSS JOIN clubs c
      WHERE pl.path >= r.lo AND pl.path < substr(r.lo, 1, length(r.lo) - 1) || '0'
      AND c.place_id = pl.id AND c.kind = 'ishc' AND c.founded_on <= '{{DATE}}')
SELECT 'clubs_new_since_2021', COUNT(*) FROM k WHERE founded_on >= '2021-01-01';

-- 2. ISHC founded 2016-2020 and active on the date
WITH p AS (SELECT id, path FROM places WHERE code = '{{PLACE}}'
           AND (valid_from IS NULL OR valid_from <= '{{DATE}}')
           AND (valid_to IS NULL OR valid_to >= '{{DATE}}')),
r AS (SELECT path AS lo FROM p
      UNION SELECT o.path FROM place_links l JOIN places o ON o.id = l.from_id
      WHERE l.to_id IN (SELECT id FROM p))
SELECT 'clubs_2016_2020_active', COUNT(*) FROM r
CROSS JOIN places pl CROSS JOIN clubs c
WHERE pl.path >= r.lo AND pl.path < substr(r.lo, 1, length(r.lo) - 1) || '0'
AND c.place_id = pl.id AND c.kind = 'ishc' AND c.founded_on BETWEEN '2016-01-01' AND '2020-12-31'
AND c.founded_on <= '{{DATE}}'
AND (SELECT s.status FROM club_status s WHERE s.club_id = c.id AND s.since <= '{{DATE}}'
     ORDER BY s.since DESC, s.id DESC LIMIT 1) = 'active';

-- 3. people who are members of an active ISHC founded from 2021-01-01 on the date (each
--    counted once)
WITH p AS (SELECT id, path FROM places WHERE code = '{{PLACE}}'
           AND (valid_from IS NULL OR valid_from <= '{{DATE}}')
           AND (valid_to IS NULL OR valid_to >= '{{DATE}}')),
r AS (SELECT path AS lo FROM p
      UNION SELECT o.path FROM place_links l JOIN places o ON o.id = l.from_id
      WHERE l.to_id IN (SELECT id FROM p)),
k AS (SELECT c.id FROM r
      CROSS JOIN places pl CROSS JOIN clubs c
      WHERE pl.path >= r.lo AND pl.path < substr(r.lo, 1, length(r.lo) - 1) || '0'
      AND c.place_id = pl.id AND c.kind = 'ishc' AND c.founded_on <= '{{DATE}}'
      AND c.founded_on >= '2021-01-01'
      AND (SELECT s.status FROM club_status s WHERE s.club_id = c.id AND s.since <= '{{DATE}}'
           ORDER BY s.since DESC, s.id DESC LIMIT 1) = 'active')
SELECT 'members', COUNT(DISTINCT m.person_id) FROM k JOIN memberships m ON m.club_id = k.id
WHERE m.joined_on <= '{{DATE}}' AND (m.left_on IS NULL OR m.left_on > '{{DATE}}');

-- 4. of those, aged 60 or more on the date
WITH p AS (SELECT id, path FROM places WHERE code = '{{PLACE}}'
           AND (valid_from IS NULL OR valid_from <= '{{DATE}}')
           AND (valid_to IS NULL OR valid_to >= '{{DATE}}')),
r AS (SELECT path AS lo FROM p
      UNION SELECT o.path FROM place_links l JOIN places o ON o.id = l.from_id
      WHERE l.to_id IN (SELECT id FROM p)),
k AS (SELECT c.id FROM r
      CROSS JOIN places pl CROSS JOIN clubs c
      WHERE pl.path >= r.lo AND pl.path < substr(r.lo, 1, length(r.lo) - 1) || '0'
      AND c.place_id = pl.id AND c.kind = 'ishc' AND c.founded_on <= '{{DATE}}'
      AND c.founded_on >= '2021-01-01'
      AND (SELECT s.status FROM club_status s WHERE s.club_id = c.id AND s.since <= '{{DATE}}'
           ORDER BY s.since DESC, s.id DESC LIMIT 1) = 'active')
SELECT 'older_members', COUNT(DISTINCT m.person_id) FROM k
JOIN memberships m ON m.club_id = k.id JOIN persons pe ON pe.id = m.person_id
WHERE m.joined_on <= '{{DATE}}' AND (m.left_on IS NULL OR m.left_on > '{{DATE}}')
AND pe.birth || substr('-01-01', length(pe.birth) - 3) <= '{{OLDER_BY}}';

-- 5. active ISHC within every band of the composition rule in force
--    (size; women, older and younger people as inclusive percentages)
WITH p AS (SELECT id, path FROM places WHERE code = '{{PLACE}}'
           AND (valid_from IS NULL OR valid_from <= '{{DATE}}')
           AND (valid_to IS NULL OR valid_to >= '{{DATE}}')),
r AS (SELECT path AS lo FROM p
      UNION SELECT o.path FROM place_links l JOIN places o ON o.id = l.from_id
      WHERE l.to_id IN (SELECT id FROM p)),
k AS (SELECT c.id FROM r
      CROSS JOIN places pl CROSS JOIN clubs c
      WHERE pl.path >= r.lo AND pl.path < substr(r.lo, 1, length(r.lo) - 1) || '0'
      AND c.place_id = pl.id AND c.kind = 'ishc' AND c.founded_on <= '{{DATE}}'
      AND (SELECT s.status FROM club_status s WHERE s.club_id = c.id AND s.since <= '{{DATE}}'
           ORDER BY s.since DESC, s.id DESC LIMIT 1) = 'active'),
per AS (SELECT k.id, COUNT(m.id) AS n,
        SUM(CASE WHEN pe.sex = 'F' THEN 1 ELSE 0 END) AS w,
        SUM(CASE WHEN pe.birth || substr('-01-01', length(pe.birth) - 3) <= '{{OLDER_BY}}'
            THEN 1 ELSE 0 END) AS o
        FROM k LEFT JOIN memberships m ON m.club_id = k.id AND m.joined_on <= '{{DATE}}'
        AND (m.left_on IS NULL OR m.left_on > '{{DATE}}')
        LEFT JOIN persons pe ON pe.id = m.person_id GROUP BY k.id),
rule AS (SELECT * FROM composition_rules WHERE valid_from <= '{{DATE}}'
         ORDER BY valid_from DESC LIMIT 1),
t AS (SELECT SUM(CASE WHEN n BETWEEN rule.min_members AND rule.max_members
                 AND w * 100 >= rule.women_min_pct * n AND w * 100 <= rule.women_max_pct * n
                 AND o * 100 >= rule.older_min_pct * n AND o * 100 <= rule.older_max_pct * n
                 AND (n - o) * 100 >= rule.younger_min_pct * n
                 AND (n - o) * 100 <= rule.younger_max_pct * n THEN 1 ELSE 0 END) AS num,
             COUNT(*) AS den FROM per, rule)
SELECT 'share_within_composition', CASE WHEN den > 0 THEN num * 1000 / den ELSE 0 END, num, den
FROM t;

-- 6. active ISHC with an activity in every area of the list in force, 1 January to the date
--    (a home-care visit counts for the areas marked home_visits), whose latest assessment of
--    this year or the last says well managed
WITH p AS (SELECT id, path FROM places WHERE code = '{{PLACE}}'
           AND (valid_from IS NULL OR valid_from <= '{{DATE}}')
           AND (valid_to IS NULL OR valid_to >= '{{DATE}}')),
r AS (SELECT path AS lo FROM p
      UNION SELECT o.path FROM place_links l JOIN places o ON o.id = l.from_id
      WHERE l.to_id IN (SELECT id FROM p)),
k AS (SELECT c.id FROM r
      CROSS JOIN places pl CROSS JOIN clubs c
      WHERE pl.path >= r.lo AND pl.path < substr(r.lo, 1, length(r.lo) - 1) || '0'
      AND c.place_id = pl.id AND c.kind = 'ishc' AND c.founded_on <= '{{DATE}}'
      AND (SELECT s.status FROM club_status s WHERE s.club_id = c.id AND s.since <= '{{DATE}}'
           ORDER BY s.since DESC, s.id DESC LIMIT 1) = 'active'),
lst AS (SELECT id FROM activity_lists WHERE valid_from <= '{{DATE}}'
        AND (valid_to IS NULL OR valid_to >= '{{DATE}}') ORDER BY valid_from DESC LIMIT 1),
areas AS (SELECT code, home_visits FROM activity_areas WHERE list_id = (SELECT id FROM lst)),
t AS (SELECT SUM(CASE WHEN (SELECT COUNT(*) FROM areas) > 0
                 AND (SELECT COUNT(*) FROM areas ar
                      WHERE EXISTS (SELECT 1 FROM activities a WHERE a.club_id = k.id
                                    AND a.on_date >= '{{YEAR_FROM}}' AND a.on_date <= '{{DATE}}'
                                    AND a.area = ar.code)
                      OR (ar.home_visits = 1 AND EXISTS (SELECT 1 FROM home_visits v
                                    WHERE v.club_id = k.id AND v.on_date >= '{{YEAR_FROM}}'
                                    AND v.on_date <= '{{DATE}}')))
                     = (SELECT COUNT(*) FROM areas)
                 AND (SELECT x.well_managed FROM club_assessments x WHERE x.club_id = k.id
                      AND x.year >= {{YEAR_PREV}} AND x.year <= {{YEAR}}
                      ORDER BY x.year DESC LIMIT 1) = 1 THEN 1 ELSE 0 END) AS num,
             COUNT(*) AS den FROM k)
SELECT 'share_all_activities_well_managed', CASE WHEN den > 0 THEN num * 1000 / den ELSE 0 END,
num, den FROM t;

-- 7. people who are members of an active ISHC on the date and have a loan of an ISHC of the
--    place out at some time in the window: disbursed by the date and, at the end of the day
--    before the window, neither repaid in full (loans.repaid_on) nor written off
WITH p AS (SELECT id, path FROM places WHERE code = '{{PLACE}}'
           AND (valid_from IS NULL OR valid_from <= '{{DATE}}')
           AND (valid_to IS NULL OR valid_to >= '{{DATE}}')),
r AS (SELECT path AS lo FROM p
      UNION SELECT o.path FROM place_links l JOIN places o ON o.id = l.from_id
      WHERE l.to_id IN (SELECT id FROM p)),
k AS (SELECT c.id FROM r
      CROSS JOIN places pl CROSS JOIN clubs c
      WHERE pl.path >= r.lo AND pl.path < substr(r.lo, 1, length(r.lo) - 1) || '0'
      AND c.place_id = pl.id AND c.kind = 'ishc' AND c.founded_on <= '{{DATE}}'
      AND (SELECT s.status FROM club_status s WHERE s.club_id = c.id AND s.since <= '{{DATE}}'
           ORDER BY s.since DESC, s.id DESC LIMIT 1) = 'active'),
m AS (SELECT DISTINCT x.person_id FROM k JOIN memberships x ON x.club_id = k.id
      WHERE x.joined_on <= '{{DATE}}' AND (x.left_on IS NULL OR x.left_on > '{{DATE}}')),
b AS (SELECT DISTINCT l.person_id FROM r
      CROSS JOIN places pl CROSS JOIN clubs c CROSS JOIN loans l
      WHERE pl.path >= r.lo AND pl.path < substr(r.lo, 1, length(r.lo) - 1) || '0'
      AND c.place_id = pl.id AND c.kind = 'ishc' AND l.club_id = c.id
      AND l.disbursed_on <= '{{DATE}}'
      AND (l.written_off_on IS NULL OR l.written_off_on >= '{{YEAR_FROM}}')
      AND (l.repaid_on IS NULL OR l.repaid_on >= '{{YEAR_FROM}}')),
t AS (SELECT COALESCE(SUM(CASE WHEN b.person_id IS NOT NULL THEN 1 ELSE 0 END), 0) AS num,
             COUNT(*) AS den FROM m LEFT JOIN b ON b.person_id = m.person_id)
SELECT 'share_with_loans', CASE WHEN den > 0 THEN num * 1000 / den ELSE 0 END, num, den
FROM t;

-- 8. active ISHC with an entry in both funds on or before the date
WITH p AS (SELECT id, path FROM places WHERE code = '{{PLACE}}'
           AND (valid_from IS NULL OR valid_from <= '{{DATE}}')
           AND (valid_to IS NULL OR valid_to >= '{{DATE}}')),
r AS (SELECT path AS lo FROM p
      UNION SELECT o.path FROM place_links l JOIN places o ON o.id = l.from_id
      WHERE l.to_id IN (SELECT id FROM p)),
k AS (SELECT c.id FROM r
      CROSS JOIN places pl CROSS JOIN clubs c
      WHERE pl.path >= r.lo AND pl.path < substr(r.lo, 1, length(r.lo) - 1) || '0'
      AND c.place_id = pl.id AND c.kind = 'ishc' AND c.founded_on <= '{{DATE}}'
      AND (SELECT s.status FROM club_status s WHERE s.club_id = c.id AND s.since <= '{{DATE}}'
           ORDER BY s.since DESC, s.id DESC LIMIT 1) = 'active'),
t AS (SELECT SUM(CASE WHEN EXISTS (SELECT 1 FROM ledger_entries e WHERE e.club_id = k.id
                      AND e.fund = 'revolving' AND e.on_date <= '{{DATE}}')
                 AND EXISTS (SELECT 1 FROM ledger_entries e WHERE e.club_id = k.id
                      AND e.fund = 'activity' AND e.on_date <= '{{DATE}}')
                 THEN 1 ELSE 0 END) AS num, COUNT(*) AS den FROM k)
SELECT 'share_with_both_funds', CASE WHEN den > 0 THEN num * 1000 / den ELSE 0 END, num, den
FROM t;

-- Further figures, beside the plan's and without a target.

-- 9. people who are members of any active ISHC on the date (each counted once)
WITH p AS (SELECT id, path FROM places WHERE code = '{{PLACE}}'
           AND (valid_from IS NULL OR valid_from <= '{{DATE}}')
           AND (valid_to IS NULL OR valid_to >= '{{DATE}}')),
r AS (SELECT path AS lo FROM p
      UNION SELECT o.path FROM place_links l JOIN places o ON o.id = l.from_id
      WHERE l.to_id IN (SELECT id FROM p)),
k AS (SELECT c.id FROM r
      CROSS JOIN places pl CROSS JOIN clubs c
      WHERE pl.path >= r.lo AND pl.path < substr(r.lo, 1, length(r.lo) - 1) || '0'
      AND c.place_id = pl.id AND c.kind = 'ishc' AND c.founded_on <= '{{DATE}}'
      AND (SELECT s.status FROM club_status s WHERE s.club_id = c.id AND s.since <= '{{DATE}}'
           ORDER BY s.since DESC, s.id DESC LIMIT 1) = 'active')
SELECT 'members_all_clubs', COUNT(DISTINCT m.person_id) FROM k JOIN memberships m ON m.club_id = k.id
WHERE m.joined_on <= '{{DATE}}' AND (m.left_on IS NULL OR m.left_on > '{{DATE}}');

-- 10. of those, aged 60 or more on the date
WITH p AS (SELECT id, path FROM places WHERE code = '{{PLACE}}'
           AND (valid_from IS NULL OR valid_from <= '{{DATE}}')
           AND (valid_to IS NULL OR valid_to >= '{{DATE}}')),
r AS (SELECT path AS lo FROM p
      UNION SELECT o.path FROM place_links l JOIN places o ON o.id = l.from_id
      WHERE l.to_id IN (SELECT id FROM p)),
k AS (SELECT c.id FROM r
      CROSS JOIN places pl CROSS JOIN clubs c
      WHERE pl.path >= r.lo AND pl.path < substr(r.lo, 1, length(r.lo) - 1) || '0'
      AND c.place_id = pl.id AND c.kind = 'ishc' AND c.founded_on <= '{{DATE}}'
      AND (SELECT s.status FROM club_status s WHERE s.club_id = c.id AND s.since <= '{{DATE}}'
           ORDER BY s.since DESC, s.id DESC LIMIT 1) = 'active')
SELECT 'older_members_all_clubs', COUNT(DISTINCT m.person_id) FROM k
JOIN memberships m ON m.club_id = k.id JOIN persons pe ON pe.id = m.person_id
WHERE m.joined_on <= '{{DATE}}' AND (m.left_on IS NULL OR m.left_on > '{{DATE}}')
AND pe.birth || substr('-01-01', length(pe.birth) - 3) <= '{{OLDER_BY}}';

-- 11. active ISHC that disbursed a loan in the window
WITH p AS (SELECT id, path FROM places WHERE code = '{{PLACE}}'
           AND (valid_from IS NULL OR valid_from <= '{{DATE}}')
           AND (valid_to IS NULL OR valid_to >= '{{DATE}}')),
r AS (SELECT path AS lo FROM p
      UNION SELECT o.path FROM place_links l JOIN places o ON o.id = l.from_id
      WHERE l.to_id IN (SELECT id FROM p)),
k AS (SELECT c.id FROM r
      CROSS JOIN places pl CROSS JOIN clubs c
      WHERE pl.path >= r.lo AND pl.path < substr(r.lo, 1, length(r.lo) - 1) || '0'
      AND c.place_id = pl.id AND c.kind = 'ishc' AND c.founded_on <= '{{DATE}}'
      AND (SELECT s.status FROM club_status s WHERE s.club_id = c.id AND s.since <= '{{DATE}}'
           ORDER BY s.since DESC, s.id DESC LIMIT 1) = 'active'),
t AS (SELECT SUM(CASE WHEN EXISTS (SELECT 1 FROM loans l WHERE l.club_id = k.id
                      AND l.disbursed_on >= '{{YEAR_FROM}}' AND l.disbursed_on <= '{{DATE}}')
                 THEN 1 ELSE 0 END) AS num, COUNT(*) AS den FROM k)
SELECT 'share_clubs_lending', CASE WHEN den > 0 THEN num * 1000 / den ELSE 0 END, num, den FROM t;
