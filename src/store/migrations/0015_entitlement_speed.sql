-- 0015: the indexes of the place-wide reads of the allowances (issue 9 speed). The work lists
-- find a place's people through their residence facts by place (no index by place before: every
-- residence fact was read, for each read and each path of a territory); the payment list and the
-- work lists find whom a place's decisions pay by place and month, now without reading the
-- decision's row (the old (place_id, month) index is this one's prefix).
CREATE INDEX person_facts_place ON person_facts(kind, place_id, person_id);
CREATE INDEX allowance_decisions_place_person ON allowance_decisions(place_id, month, person_id);
DROP INDEX allowance_decisions_place;
