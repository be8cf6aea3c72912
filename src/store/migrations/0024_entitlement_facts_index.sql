-- 0024: the place-wide reads of the allowances (issue 9) read a person's facts by the index alone
-- on PostgreSQL too. person_facts_person (migration 0015) carries the facts' values but not their
-- id, which the reads need (the latest record of each kind is picked by day and id): SQLite's
-- indexes hold the row's id anyway, PostgreSQL's do not, so it fetched each of a province's
-- 800,000 facts from the table (an index-only scan instead: the facts read of 200,000 people
-- 9.3 -> 4.4 s under load, and no longer costly enough to be JIT-compiled). The id as the last
-- column; the index's prefix, which the per-person reads use, is unchanged.
DROP INDEX person_facts_person;
CREATE INDEX person_facts_person ON person_facts(person_id, kind, valid_from, value, place_id, amount, id);
