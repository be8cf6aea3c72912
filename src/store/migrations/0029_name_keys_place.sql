-- 0029: a name's search within places is answered from its keys alone (issue 8, a province
-- officer's search in the country's store). Each search key carries its person's place
-- (persons.place_id) beside what 0027 gave it, and person_name_keys_place orders them by place,
-- then key: a scope's places (a province's subtree, the units before the 2025 reform included)
-- are each one range of it for a prefix, with all that a page is chosen by, so the count and the
-- page's ids come from the index alone. The register writes the place with the keys and keeps it
-- in step with the person (person_index, the batch writer, person_reindex, person_keys_refresh,
-- and person_residence_follow: the one write that moves a person).
-- The table is written anew in one pass, in its primary key's order (as 0027), then the index.
-- place_id has no foreign key: like sort_key, it is a copy of the person's.
-- PostgreSQL's covering index of a name's range (0027) carries the place too: its planner, which
-- has statistics, may read a name's range over the country and check each key's place from the
-- index alone when that range is the smaller.
CREATE TABLE person_name_keys_new (
	key TEXT NOT NULL COLLATE BINARY,
	person_id INTEGER NOT NULL REFERENCES persons(id),
	place_id INTEGER NOT NULL, shared INTEGER NOT NULL DEFAULT 0,
	sort_key TEXT COLLATE BINARY, birth_start TEXT, died_on TEXT,
	PRIMARY KEY (key, person_id)
) WITHOUT ROWID;
INSERT INTO person_name_keys_new (key, person_id, place_id, shared, sort_key, birth_start, died_on)
	SELECT k.key, k.person_id, p.place_id, k.shared, k.sort_key, k.birth_start, k.died_on
	FROM person_name_keys k JOIN persons p ON p.id = k.person_id
	ORDER BY k.key, k.person_id;
DROP TABLE person_name_keys;
ALTER TABLE person_name_keys_new RENAME TO person_name_keys;
CREATE INDEX person_name_keys_person ON person_name_keys(person_id);
CREATE INDEX person_name_keys_place
	ON person_name_keys(place_id, key, shared, died_on, birth_start, sort_key, person_id);
/*pg: CREATE INDEX person_name_keys_cover
	ON person_name_keys(key, shared, died_on, birth_start, sort_key, person_id, place_id);
ALTER TABLE person_name_keys RENAME CONSTRAINT person_name_keys_new_pkey TO person_name_keys_pkey;
ALTER TABLE person_name_keys RENAME CONSTRAINT person_name_keys_new_person_id_fkey
	TO person_name_keys_person_id_fkey; :pg*/
