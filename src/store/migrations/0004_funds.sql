-- 0004: funds and loans. The one-off provincial support is marked on its ledger entry, so that it
-- is recorded once per club and at its cohort's amount (club_cohorts.grant_amount), whatever
-- other grants the club receives; a written-off loan keeps the reason given.
ALTER TABLE ledger_entries ADD COLUMN provincial INTEGER NOT NULL DEFAULT 0;
ALTER TABLE loans ADD COLUMN write_off_note TEXT;
CREATE INDEX ledger_reverses ON ledger_entries(reverses); -- whether an entry was reversed, and by which
