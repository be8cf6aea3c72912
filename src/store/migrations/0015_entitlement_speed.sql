-- 0015: the indexes of the place-wide reads of the allowances (issue 9 speed).
-- The work lists find a place's people through their residence facts by place (before, every
-- residence fact was read, for each read and each path of a territory).
CREATE INDEX person_facts_place ON person_facts(kind, place_id, person_id);
-- A person's facts are read by person; with the values in the index, a place's reads find each
-- person's facts side by side instead of one table page a fact (the old index is this one's prefix).
DROP INDEX person_facts_person;
CREATE INDEX person_facts_person ON person_facts(person_id, kind, valid_from, value, place_id, amount);
-- The payment list and the work lists find whom a place's decisions pay by place and month, without
-- reading the decision's row (the old (place_id, month) index is this one's prefix).
DROP INDEX allowance_decisions_place;
CREATE INDEX allowance_decisions_place_person ON allowance_decisions(place_id, month, person_id);
