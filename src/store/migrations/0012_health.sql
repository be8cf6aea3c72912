-- 0012: health and longevity (issue 8, items 5 and 6). Health-insurance cards, yearly check-ups
-- and chronic conditions of a person, all sensitive (docs/register.md, "Health"); the gifts of
-- longevity celebrations as dated configuration (data/longevity-gifts.csv, loaded by nct init);
-- and the record that a celebration's gift was given.

-- A card as issued: each new card (a renewal) is a record of its own, never an edit.
CREATE TABLE health_cards (
	id INTEGER PRIMARY KEY,
	person_id INTEGER NOT NULL REFERENCES persons(id),
	number TEXT NOT NULL,      -- 10 digits (social-insurance code) or the 15-character old form
	valid_from TEXT NOT NULL,
	valid_to TEXT NOT NULL,    -- the last day it is valid
	payer TEXT NOT NULL CHECK (payer IN ('state', 'province', 'self', 'family')),
	created_at TEXT NOT NULL
);
CREATE INDEX health_cards_person ON health_cards(person_id, valid_to);
CREATE INDEX health_cards_valid_to ON health_cards(valid_to);

CREATE TABLE health_checkups (
	id INTEGER PRIMARY KEY,
	person_id INTEGER NOT NULL REFERENCES persons(id),
	checked_on TEXT NOT NULL,
	note TEXT NOT NULL DEFAULT '',     -- where, and what was found, as the health station writes it
	created_at TEXT NOT NULL
);
CREATE INDEX health_checkups_person ON health_checkups(person_id, checked_on);

CREATE TABLE chronic_conditions (
	id INTEGER PRIMARY KEY,
	person_id INTEGER NOT NULL REFERENCES persons(id),
	name TEXT NOT NULL,                -- as the doctor wrote it ("tăng huyết áp")
	since TEXT,                        -- the day it was found, or NULL: not known
	note TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL
);
CREATE INDEX chronic_conditions_person ON chronic_conditions(person_id);

-- Who congratulates at which age and the gift, by scope (VN, or a province's code) and dates:
-- a copy of data/longevity-gifts.csv that nct init replaces. age_to is exclusive; NULL: every
-- age from age_from on.
CREATE TABLE longevity_gifts (
	id INTEGER PRIMARY KEY,
	scope TEXT NOT NULL,
	age_from INTEGER NOT NULL,
	age_to INTEGER,
	valid_from TEXT NOT NULL,
	valid_to TEXT,
	congratulated_by TEXT NOT NULL CHECK (congratulated_by IN ('president', 'province', 'commune')),
	cash_vnd INTEGER,
	in_kind_vnd INTEGER,
	in_kind_description TEXT NOT NULL DEFAULT '',
	is_minimum INTEGER NOT NULL DEFAULT 0,
	legal_basis TEXT NOT NULL
);

-- A celebration's gift given (audited); no row: not given (yet).
CREATE TABLE celebrations_given (
	id INTEGER PRIMARY KEY,
	person_id INTEGER NOT NULL REFERENCES persons(id),
	year INTEGER NOT NULL,
	given_on TEXT NOT NULL,
	created_at TEXT NOT NULL
);
CREATE INDEX celebrations_given_person ON celebrations_given(person_id, year);

-- A year's celebrations are, per commune, a few years of birth: one index range each.
CREATE INDEX persons_place_birth ON persons(place_id, birth_start);
