-- 0008: the member import looks each row's person up by folded name and birth (then place and
-- access, in memory): one index seek, whatever the number of people recorded. The index on
-- name_fold alone is its prefix, so it goes.
CREATE INDEX persons_same ON persons(name_fold, birth);
DROP INDEX IF EXISTS persons_fold;
