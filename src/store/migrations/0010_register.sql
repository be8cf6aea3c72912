-- 0010: the register of older people (issue 8, part 1). A person grows into a register record
-- (names derived for sorting, a collation key, citizen ID, ethnicity, death, merges), with dated
-- facts that are records, never edits; the search index of folded names; the 54 ethnic groups and
-- the citizen-ID prefixes as data (loaded by nct init); dated designations of places.

-- The 54 official groups (data/ethnic-groups.csv), and every spelling accepted on input, folded.
CREATE TABLE ethnic_groups (
	code TEXT PRIMARY KEY, -- Decision 121-TCTK/PPCĐ (1979): 01 Kinh ... 54 Rơ Măm
	name TEXT NOT NULL,
	name_1979 TEXT NOT NULL,
	code_gso_2008 TEXT NOT NULL,
	kon_tum_indigenous INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE ethnic_names (
	name_fold TEXT PRIMARY KEY COLLATE BINARY, -- "xo dang", "sedang", "05"
	code TEXT NOT NULL REFERENCES ethnic_groups(code)
);

-- The three first digits of a citizen ID: where the birth was registered (data/citizen-id-provinces.csv).
CREATE TABLE citizen_id_prefixes (
	prefix TEXT PRIMARY KEY,
	province_code TEXT NOT NULL,
	province_name TEXT NOT NULL
);

ALTER TABLE persons ADD COLUMN family_name TEXT;  -- derived from full_name, for sorting
ALTER TABLE persons ADD COLUMN middle_name TEXT;
ALTER TABLE persons ADD COLUMN given_name TEXT;
ALTER TABLE persons ADD COLUMN sort_key TEXT COLLATE BINARY; -- ICU (vi) keys of given, family, middle, hex
ALTER TABLE persons ADD COLUMN birth_start TEXT;  -- the first day the birth can be: ages by range
ALTER TABLE persons ADD COLUMN citizen_id TEXT;   -- 12 digits, or NULL when not known
ALTER TABLE persons ADD COLUMN ethnicity TEXT REFERENCES ethnic_groups(code); -- sensitive
ALTER TABLE persons ADD COLUMN died_on TEXT;
ALTER TABLE persons ADD COLUMN merged_into INTEGER REFERENCES persons(id); -- a tombstone's survivor
ALTER TABLE persons ADD COLUMN updated_at TEXT;
-- Persons written before this (or by a bulk writer) have no sort key yet: person_reindex fills it.
UPDATE persons SET birth_start = CASE length(birth) WHEN 4 THEN birth || '-01-01'
	WHEN 7 THEN birth || '-01' ELSE birth END;
CREATE INDEX persons_sort ON persons(sort_key, id);
CREATE INDEX persons_birth_start ON persons(birth_start);
CREATE INDEX persons_citizen_id ON persons(citizen_id);
CREATE INDEX persons_merged_into ON persons(merged_into);

-- Search by any part of the name: each word-start suffix of the folded name ("nguyen thi be",
-- "thi be", "be") and the citizen ID, so that a prefix of any of them is one index range.
CREATE TABLE person_name_keys (
	key TEXT NOT NULL COLLATE BINARY,
	person_id INTEGER NOT NULL REFERENCES persons(id),
	PRIMARY KEY (key, person_id)
);
CREATE INDEX person_name_keys_person ON person_name_keys(person_id);

-- Facts that change over time, each a record from a date: the value on a day is the latest record
-- on or before it that was not retracted. valid_from NULL: since before our records.
CREATE TABLE person_facts (
	id INTEGER PRIMARY KEY,
	person_id INTEGER NOT NULL REFERENCES persons(id),
	kind TEXT NOT NULL CHECK (kind IN ('residence', 'poverty', 'disability', 'supporter', 'pension',
		'community_care')),
	value TEXT NOT NULL,               -- residence: the place's code; else one of the kind's values
	place_id INTEGER REFERENCES places(id), -- residence only
	amount INTEGER,                    -- pension only: the monthly amount in đồng, when known
	valid_from TEXT,
	note TEXT,
	created_at TEXT NOT NULL
);
CREATE INDEX person_facts_person ON person_facts(person_id, kind, valid_from);

-- A fact recorded wrongly is retracted by a record of its own (audited), never deleted.
CREATE TABLE person_fact_retractions (
	id INTEGER PRIMARY KEY,
	fact_id INTEGER NOT NULL UNIQUE REFERENCES person_facts(id),
	reason TEXT NOT NULL,
	created_at TEXT NOT NULL
);

-- Dated statuses of places, for the rules: communes (or villages) with special difficulties in
-- ethnic-minority and mountainous areas. Admins record them; data/especially-difficult-communes.csv
-- is loaded by nct init.
CREATE TABLE place_designations (
	id INTEGER PRIMARY KEY,
	place_id INTEGER NOT NULL REFERENCES places(id),
	kind TEXT NOT NULL CHECK (kind IN ('especially_difficult')),
	valid_from TEXT NOT NULL,
	valid_to TEXT, -- the last day, or NULL: still in force
	source TEXT NOT NULL,
	created_at TEXT NOT NULL
);
CREATE INDEX place_designations_place ON place_designations(place_id, kind, valid_from);
