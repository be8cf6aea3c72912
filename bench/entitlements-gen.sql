-- bench/entitlements-gen.sql - a synthetic register of {{N}} older people in the communes of
-- Quảng Ngãi (51, the 2025 map) for bench/entitlements.sh, written straight into a SQLite store
-- made by nct init (the rules loaded): persons (their names, and so their order by name, not
-- in id order) born 1925-1965 (year only), a residence, a
-- pension (no for 9 in 10), poverty (1 in 6 poor, 1 in 6 near-poor) and a supporter (none for
-- 1 in 12) each; decisions granting the allowance most of those owed one get (4 in 5 of them,
-- from August 2025), and 1 in 50 recorded dead on 2025-11-01. Shares are the benchmark's.
-- SQLite's dialect; bench/entitlements.sh rewrites its printf calls for PostgreSQL.
PRAGMA journal_mode = WAL;
BEGIN;
CREATE TEMP TABLE c AS
SELECT id, code, row_number() OVER (ORDER BY id) - 1 AS k FROM places
WHERE level = 3 AND valid_from = '2025-07-01'
AND path LIKE (SELECT path FROM places WHERE code = '51' AND valid_from = '2025-07-01') || '%';
CREATE TEMP TABLE nc AS SELECT COUNT(*) AS n FROM c;
CREATE TEMP TABLE g AS
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {{N}})
SELECT i, 1000000 + i AS id, (i * 7919) % {{N}} AS j, 1925 + (i * 7) % 41 AS year,
       c.id AS place_id, c.code AS code
FROM n JOIN c ON c.k = n.i % (SELECT n FROM nc);
INSERT INTO persons (id, full_name, name_fold, sex, birth, place_id, hardship, created_at,
                     birth_start, sort_key, family_name, middle_name, given_name, died_on)
SELECT id, 'Người Thử ' || j, 'nguoi thu ' || j, CASE i % 2 WHEN 0 THEN 'F' ELSE 'M' END,
       printf('%04d', year), place_id, 0, '2026-01-01T00:00:00+07:00', printf('%04d-01-01', year),
       printf('%010d', j), 'Người', 'Thử', '' || j,
       CASE WHEN i % 50 = 3 THEN '2025-11-01' END FROM g;
INSERT INTO person_facts (person_id, kind, value, place_id, valid_from, created_at)
SELECT id, 'residence', code, place_id, NULL, '2026-01-01T00:00:00+07:00' FROM g;
INSERT INTO person_facts (person_id, kind, value, amount, valid_from, created_at)
SELECT id, 'pension', CASE WHEN i % 10 = 7 THEN 'yes' ELSE 'no' END,
       CASE WHEN i % 10 = 7 THEN 3500000 END, NULL, '2026-01-01T00:00:00+07:00' FROM g;
INSERT INTO person_facts (person_id, kind, value, valid_from, created_at)
SELECT id, 'poverty', CASE i % 6 WHEN 0 THEN 'poor' WHEN 1 THEN 'near_poor' ELSE 'none' END,
       '2022-01-01', '2026-01-01T00:00:00+07:00' FROM g;
INSERT INTO person_facts (person_id, kind, value, valid_from, created_at)
SELECT id, 'supporter', CASE WHEN i % 12 = 0 THEN 'no' ELSE 'yes' END, NULL,
       '2026-01-01T00:00:00+07:00' FROM g;
-- what each is owed on 2025-08-01 (the generator's categories), granted to 4 in 5
INSERT INTO allowance_decisions (person_id, action, number, signed_on, signer, signer_level,
       signer_place_id, place_id, rule_code, amount, month, channel, created_at)
SELECT id, 'grant', 'B' || i || '/QĐ', '2025-07-20', 'Chủ tịch UBND', 'commune', place_id,
       place_id, rule, amount, '2025-08', CASE WHEN i % 4 = 0 THEN 'cash' ELSE 'post' END,
       '2026-01-01T00:00:00+07:00'
FROM (SELECT i, id, place_id, 2025 - year AS age,
      CASE WHEN i % 12 = 0 AND 2025 - year >= 80 THEN 'SA_5_5_A_80'
           WHEN i % 12 = 0 THEN 'SA_5_5_A_60'
           WHEN i % 10 != 7 AND 2025 - year >= 80 THEN 'SA_5_5_C'
           WHEN i % 10 != 7 AND 2025 - year >= 75 THEN 'SP_21_1'
           WHEN i % 10 != 7 AND 2025 - year >= 70 AND i % 6 IN (0, 1) THEN 'SP_21_2' END AS rule,
      CASE WHEN i % 12 = 0 AND 2025 - year >= 80 THEN 1000000
           WHEN i % 12 = 0 THEN 750000 ELSE 500000 END AS amount FROM g) AS t
WHERE rule IS NOT NULL AND i % 5 != 4;
COMMIT;
ANALYZE;
