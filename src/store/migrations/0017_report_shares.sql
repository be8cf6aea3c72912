-- 0017: a report's share carries its numerator and denominator (issue 10), so that a
-- province's share is Σ numerators / Σ denominators of its units, weighted by their size, not
-- the mean of their shares. `value` (per mille) stays what it was and is still read; the two
-- new columns are NULL for counts, and for the shares of reports made before this migration
-- (a roll-up over such a report falls back to the mean and says so).
ALTER TABLE submission_values ADD COLUMN numerator INTEGER;
ALTER TABLE submission_values ADD COLUMN denominator INTEGER;
