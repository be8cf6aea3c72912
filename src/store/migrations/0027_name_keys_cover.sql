-- 0027: a name's search is answered from its keys alone (issue 8, speed). Each search key carries
-- what the register's default list sorts and filters by: the person's collation key, the first day
-- of the birth and the death. A merged record has no keys (person_index), so the tombstones need
-- no column. The register writes them with the keys and keeps them in step with the person
-- (person_index, the batch writer, person_reindex, person_keys_refresh).
-- shared: how many characters the key has in common with the greatest smaller key of the same
-- person (0 when none). A person's keys within the range of a prefix q are its first there and the
-- keys that share at least length(q) characters with a smaller one: counting the keys with
-- shared < length(q) counts each person once, without DISTINCT.
-- SQLite keeps the table in its primary key's order (WITHOUT ROWID): a prefix's range of it holds
-- all the columns, read once. PostgreSQL's table is a heap: there the covering index
-- person_name_keys_cover gives the same range without reading the rows (store/pg.c runs what is
-- between the pg: marks, SQLite skips it as a comment).

-- The common prefixes of each person's keys, a character at a time (keys that differ at their
-- first character, most of them, share nothing).
CREATE TABLE person_name_keys_shared (
	key TEXT NOT NULL COLLATE BINARY,
	person_id INTEGER NOT NULL,
	shared INTEGER NOT NULL,
	PRIMARY KEY (key, person_id)
);
WITH RECURSIVE common(key, person_id, other, n) AS (
	SELECT a.key, a.person_id, b.key, 1 FROM person_name_keys a JOIN person_name_keys b
		ON b.person_id = a.person_id AND b.key < a.key AND substr(b.key, 1, 1) = substr(a.key, 1, 1)
	UNION ALL
	SELECT key, person_id, other, n + 1 FROM common
		WHERE n < length(key) AND substr(key, n + 1, 1) = substr(other, n + 1, 1)
)
INSERT INTO person_name_keys_shared (key, person_id, shared)
	SELECT key, person_id, MAX(n) FROM common GROUP BY key, person_id;

CREATE TABLE person_name_keys_new (
	key TEXT NOT NULL COLLATE BINARY,
	person_id INTEGER NOT NULL REFERENCES persons(id),
	shared INTEGER NOT NULL DEFAULT 0,
	sort_key TEXT COLLATE BINARY,
	birth_start TEXT,
	died_on TEXT,
	PRIMARY KEY (key, person_id)
) WITHOUT ROWID;
INSERT INTO person_name_keys_new (key, person_id, shared, sort_key, birth_start, died_on)
	SELECT k.key, k.person_id, COALESCE(s.shared, 0), p.sort_key, p.birth_start, p.died_on
	FROM person_name_keys k JOIN persons p ON p.id = k.person_id
	LEFT JOIN person_name_keys_shared s ON s.key = k.key AND s.person_id = k.person_id
	ORDER BY k.key, k.person_id;
DROP TABLE person_name_keys_shared;
DROP TABLE person_name_keys;
ALTER TABLE person_name_keys_new RENAME TO person_name_keys;
CREATE INDEX person_name_keys_person ON person_name_keys(person_id);
/*pg: CREATE INDEX person_name_keys_cover
	ON person_name_keys(key, shared, died_on, birth_start, sort_key, person_id);
ALTER TABLE person_name_keys RENAME CONSTRAINT person_name_keys_new_pkey TO person_name_keys_pkey;
ALTER TABLE person_name_keys RENAME CONSTRAINT person_name_keys_new_person_id_fkey
	TO person_name_keys_person_id_fkey; :pg*/
