-- 0016: the register's lists answer a page without reading every match (issue 8, speed).
-- The celebrations of a year are ranges of birth_start in each commune: with the death, the
-- tombstone mark and the collation key in the index, a stretch is counted and its page chosen
-- from the index alone, and only the rows of the page are read. It replaces 0012's
-- persons_place_birth (the same first columns).
CREATE INDEX persons_place_birth_sort ON persons(place_id, birth_start, died_on, merged_into, sort_key);
DROP INDEX persons_place_birth;
