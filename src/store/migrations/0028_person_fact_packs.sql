-- 0028: every person's live facts packed in one row (issue 9), so the place-wide reads of the
-- allowances (the two work lists, the payment list) read one row per person, joined to the person,
-- instead of four or more fact rows and a retraction probe for each. The format is in
-- docs/architecture.md ("Fact packs"); the rows are rewritten in the unit of work of every write
-- that changes a person's facts (src/domain/fact_pack.c). A person without a row is read from
-- person_facts as before, so a store upgraded to 0028 judges right before its rows are written:
-- `nct init` (person_reindex) and `nct serve` write them (fact_pack_upgrade).
CREATE TABLE person_fact_packs (
	person_id INTEGER NOT NULL PRIMARY KEY REFERENCES persons(id) ON DELETE CASCADE,
	facts TEXT NOT NULL -- one line a live fact: id;kind;value;place_id;amount;valid_from
);
-- One row once every person had a pack (fact_pack_upgrade): `nct serve` then skips the search
-- for persons without one at its start (the writes keep the rows from there on).
CREATE TABLE person_fact_packs_filled (
	filled_at TEXT NOT NULL
);
