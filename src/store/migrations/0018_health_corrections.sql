-- 0018: a health record recorded wrongly is corrected or retracted, never edited nor deleted
-- (issue 8; docs/register.md, "Health"). A retraction marks the record (when, why); a correction
-- writes the right version as a new record and marks the old one the same way, naming the new one.
-- Every list and every count reads the records not marked.
ALTER TABLE health_cards ADD COLUMN retracted_at TEXT;
ALTER TABLE health_cards ADD COLUMN retract_reason TEXT;
ALTER TABLE health_cards ADD COLUMN replaced_by INTEGER;
ALTER TABLE health_checkups ADD COLUMN retracted_at TEXT;
ALTER TABLE health_checkups ADD COLUMN retract_reason TEXT;
ALTER TABLE health_checkups ADD COLUMN replaced_by INTEGER;
ALTER TABLE chronic_conditions ADD COLUMN retracted_at TEXT;
ALTER TABLE chronic_conditions ADD COLUMN retract_reason TEXT;
ALTER TABLE chronic_conditions ADD COLUMN replaced_by INTEGER;
