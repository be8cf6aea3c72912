-- 0003: activity areas whose count includes home-care visits, and one list per start date
-- (two lists starting the same day would leave the list in force undecided).
ALTER TABLE activity_areas ADD COLUMN home_visits INTEGER NOT NULL DEFAULT 0;
UPDATE activity_areas SET home_visits = 1 WHERE code = 'homecare'
	AND list_id = (SELECT id FROM activity_lists WHERE code = 'plan327');
CREATE UNIQUE INDEX activity_lists_from ON activity_lists(valid_from);
CREATE INDEX home_visits_volunteer ON home_visits(volunteer_id);
