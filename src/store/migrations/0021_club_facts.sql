-- 0021: what the indicator report reads of each club's members and borrowers, kept per club
-- (issue 11): one row per club with its memberships and its loans packed as text in the format of
-- docs/architecture.md ("Club facts"), so /programme reads one row per club instead of every
-- membership joined to its person and every loan. The rows are rewritten in the unit of work of
-- every write that changes what they hold (src/domain/club_facts.c); a club without a row is read
-- from memberships, persons and loans as before, so a store upgraded to 0021 reports right before
-- `nct migrate` fills the rows.
CREATE TABLE club_facts (
	club_id INTEGER NOT NULL PRIMARY KEY REFERENCES clubs(id) ON DELETE CASCADE,
	members TEXT NOT NULL, -- one line a membership: person;sex;hardship;joined_on;left_on;birth
	loans TEXT NOT NULL    -- one line a loan: person;disbursed_on;written_off_on;repaid_on
);
