-- 0030: the register's people in order of birth, then of name, with death and the tombstone mark
-- (issue 8: the country's longevity celebrations under 1 s at 16 million). When the list is the
-- whole register (the admin's country), an age's stretch is one range of this index: counted, and
-- its page chosen in the list's order, without the places and without reading a row, where
-- persons_place_birth_sort (0016) takes one range per commune (26,000 at 16 million). It replaces
-- 0010's persons_birth_start (the same first column).
CREATE INDEX persons_birth_sort ON persons(birth_start, sort_key, id, died_on, merged_into);
DROP INDEX persons_birth_start;
