-- bench/country-gen.sql - the country's register for bench/country.sh: {{N}} older people
-- spread over every commune in force (the 2025 map, all 34 provinces), written straight into a
-- SQLite store made by nct init, as bench/celebrations.sh and bench/entitlements-gen.sql do.
-- Only what a person record holds as written (name as written and folded, sex, birth as
-- written, commune, citizen ID for 4 in 5, ethnicity, death for 1 in 50): the derived columns
-- (family, middle and given name, ICU sort key, birth_start), the search keys and the residence
-- facts are left to nct's own indexing (person_reindex, run by nct init). Names are those of
-- bench/register.sh's file (the same pools, a number after each), so the same searches mean the
-- same there. The word pools carry their folded forms (lower case, no diacritics, đ -> d).
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -262144;
CREATE TEMP TABLE c AS
SELECT c.id, c.code, pr.code AS prov, row_number() OVER (ORDER BY c.id) - 1 AS k
FROM places c JOIN places pr ON pr.level = 1 AND pr.valid_to IS NULL
 AND pr.path = substr(c.path, 1, instr(substr(c.path, 2), '/') + 1)
WHERE c.level = 3 AND c.valid_to IS NULL;
CREATE TEMP TABLE nc AS SELECT COUNT(*) AS n FROM c;
CREATE TEMP TABLE w (t TEXT, k INTEGER, name TEXT, fold TEXT, PRIMARY KEY (t, k)) WITHOUT ROWID;
INSERT INTO w VALUES
 ('fam', 0, 'Nguyễn', 'nguyen'), ('fam', 1, 'Nguyễn', 'nguyen'), ('fam', 2, 'Nguyễn', 'nguyen'),
 ('fam', 3, 'Nguyễn', 'nguyen'), ('fam', 4, 'Trần', 'tran'), ('fam', 5, 'Lê', 'le'),
 ('fam', 6, 'Phạm', 'pham'), ('fam', 7, 'Hoàng', 'hoang'), ('fam', 8, 'Phan', 'phan'),
 ('fam', 9, 'Võ', 'vo'), ('fam', 10, 'Đặng', 'dang'), ('fam', 11, 'Bùi', 'bui'),
 ('fam', 12, 'Đỗ', 'do'),
 ('m', 0, 'Hùng', 'hung'), ('m', 1, 'Dũng', 'dung'), ('m', 2, 'Minh', 'minh'), ('m', 3, 'Sơn', 'son'),
 ('m', 4, 'Thành', 'thanh'), ('m', 5, 'Tuấn', 'tuan'), ('m', 6, 'Bình', 'binh'), ('m', 7, 'Hải', 'hai'),
 ('m', 8, 'Lâm', 'lam'), ('m', 9, 'Phúc', 'phuc'),
 ('f', 0, 'Lan', 'lan'), ('f', 1, 'Hoa', 'hoa'), ('f', 2, 'Hương', 'huong'), ('f', 3, 'Mai', 'mai'),
 ('f', 4, 'Hạnh', 'hanh'), ('f', 5, 'Thu', 'thu'), ('f', 6, 'Hồng', 'hong'), ('f', 7, 'Loan', 'loan'),
 ('f', 8, 'Nga', 'nga'), ('f', 9, 'Tuyết', 'tuyet'),
 ('p', 0, 'Hiang', 'hiang'), ('p', 1, 'Dắt', 'dat'), ('p', 2, 'Lào', 'lao'), ('p', 3, 'Blong', 'blong'),
 ('p', 4, 'Roa', 'roa'), ('p', 5, 'Hớ', 'ho'), ('p', 6, 'Blốk', 'blok'), ('p', 7, 'Hiên', 'hien'),
 ('p', 8, 'Nhi', 'nhi'), ('p', 9, 'Pót', 'pot'), ('p', 10, 'Thuấn', 'thuan'), ('p', 11, 'Kiêm', 'kiem'),
 ('p', 12, 'Hlin', 'hlin'), ('p', 13, 'Bloh', 'bloh'), ('p', 14, 'Đing', 'ding'), ('p', 15, 'Nhen', 'nhen'),
 ('p', 16, 'Pêng', 'peng'), ('p', 17, 'Rin', 'rin'), ('p', 18, 'Sươn', 'suon'), ('p', 19, 'Thơm', 'thom'),
 ('p', 20, 'Ưng', 'ung'), ('p', 21, 'Vin', 'vin'),
 ('e', 0, '14', ''), ('e', 1, '13', ''), ('e', 2, '27', ''), ('e', 3, '19', ''), ('e', 4, '30', '');
BEGIN;
INSERT INTO persons (id, full_name, name_fold, sex, birth, place_id, hardship, created_at,
                     citizen_id, ethnicity, died_on)
SELECT i, nm || ' ' || i, nf || ' ' || i, CASE WHEN fem THEN 'F' ELSE 'M' END,
       CASE WHEN form < 4 THEN printf('%04d', y)
            WHEN form < 6 THEN printf('%04d-%02d', y, mo)
            ELSE printf('%04d-%02d-%02d', y, mo, d) END,
       place_id, 0, '2026-01-01T00:00:00+07:00',
       CASE WHEN hascid THEN printf('%03d%d%02d%06d', CAST(prov AS INTEGER),
            CASE WHEN y >= 2000 THEN 2 ELSE 0 END + fem, y % 100, i % 1000000) END,
       eth, CASE WHEN i % 50 = 3 THEN '2025-11-01' END
FROM (SELECT i, fem, y, mo, d, form, hascid, place_id, prov,
             CASE WHEN kinh THEN (SELECT name FROM w WHERE t = 'fam' AND k = h1 / 200 % 13) || ' '
                  || CASE WHEN fem THEN 'Thị ' ELSE 'Văn ' END
                  || (SELECT name FROM w WHERE t = CASE WHEN fem THEN 'f' ELSE 'm' END AND k = h1 / 2600 % 10)
                  ELSE CASE WHEN fem THEN 'Y ' ELSE 'A ' END
                  || (SELECT name FROM w WHERE t = 'p' AND k = h1 / 26000 % 22) END AS nm,
             CASE WHEN kinh THEN (SELECT fold FROM w WHERE t = 'fam' AND k = h1 / 200 % 13) || ' '
                  || CASE WHEN fem THEN 'thi ' ELSE 'van ' END
                  || (SELECT fold FROM w WHERE t = CASE WHEN fem THEN 'f' ELSE 'm' END AND k = h1 / 2600 % 10)
                  ELSE CASE WHEN fem THEN 'y ' ELSE 'a ' END
                  || (SELECT fold FROM w WHERE t = 'p' AND k = h1 / 26000 % 22) END AS nf,
             CASE WHEN kinh THEN '01' ELSE (SELECT name FROM w WHERE t = 'e' AND k = h2 / 7 % 5) END AS eth
      FROM (SELECT i, h1, h2, h1 % 2 = 0 AS kinh, h1 / 2 % 100 < 56 AS fem,
                   1925 + h2 % 41 AS y, 1 + h2 / 41 % 12 AS mo, 1 + h2 / 492 % 28 AS d,
                   h2 / 13776 % 10 AS form, h2 / 137760 % 5 != 0 AS hascid,
                   c.id AS place_id, c.prov
            FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {{N}})
                  SELECT i, (i * 2654435761) % 4294967291 AS h1,
                         (i * 2246822519 + 374761393) % 4294967291 AS h2 FROM n) g
            JOIN c ON c.k = (g.i * 104729) % (SELECT n FROM nc)));
COMMIT;
