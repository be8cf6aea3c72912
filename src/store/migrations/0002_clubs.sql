-- 0002: people, Intergenerational Self-Help Clubs and other elderly clubs, their members,
-- activities, funds and loans, and the dated rules and targets they are measured against.

-- One record per human; the register of older people extends it.
CREATE TABLE persons (
	id INTEGER PRIMARY KEY,
	full_name TEXT NOT NULL,
	name_fold TEXT NOT NULL,
	sex TEXT NOT NULL CHECK (sex IN ('F', 'M')),
	birth TEXT NOT NULL, -- "1950", "1950-03" or "1950-03-15"
	place_id INTEGER NOT NULL REFERENCES places(id), -- commune or village of residence
	hardship INTEGER NOT NULL DEFAULT 0, -- bits: poor 1, near-poor 2, disability 4, lives alone 8, ethnic minority 16
	created_at TEXT NOT NULL
);
CREATE INDEX persons_place ON persons(place_id);
CREATE INDEX persons_fold ON persons(name_fold);

CREATE TABLE clubs (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	name_fold TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('ishc', 'culture', 'sports', 'health', 'other')),
	place_id INTEGER NOT NULL REFERENCES places(id), -- the commune
	village_id INTEGER REFERENCES places(id),
	founded_on TEXT NOT NULL,
	created_at TEXT NOT NULL
);
CREATE INDEX clubs_place ON clubs(place_id);

-- Status with dates: the status in force on a day is the latest row on or before it.
CREATE TABLE club_status (
	id INTEGER PRIMARY KEY,
	club_id INTEGER NOT NULL REFERENCES clubs(id),
	status TEXT NOT NULL CHECK (status IN ('active', 'suspended', 'dissolved')),
	since TEXT NOT NULL,
	note TEXT
);
CREATE INDEX club_status_club ON club_status(club_id, since);

CREATE TABLE club_board (
	id INTEGER PRIMARY KEY,
	club_id INTEGER NOT NULL REFERENCES clubs(id),
	person_id INTEGER NOT NULL REFERENCES persons(id),
	role TEXT NOT NULL CHECK (role IN ('chair', 'vice_chair', 'treasurer')),
	term_from TEXT NOT NULL,
	term_to TEXT
);
CREATE INDEX club_board_club ON club_board(club_id);

CREATE TABLE memberships (
	id INTEGER PRIMARY KEY,
	club_id INTEGER NOT NULL REFERENCES clubs(id),
	person_id INTEGER NOT NULL REFERENCES persons(id),
	joined_on TEXT NOT NULL,
	left_on TEXT, -- the first day no longer a member
	role TEXT NOT NULL DEFAULT 'member',
	volunteer INTEGER NOT NULL DEFAULT 0 -- home-care volunteer
);
CREATE INDEX memberships_club ON memberships(club_id);
CREATE INDEX memberships_person ON memberships(person_id);

-- Dated configuration: the rule in force on a day is the latest valid_from on or before it.
CREATE TABLE composition_rules (
	id INTEGER PRIMARY KEY,
	valid_from TEXT NOT NULL UNIQUE,
	min_members INTEGER NOT NULL,
	max_members INTEGER NOT NULL,
	women_min_pct INTEGER NOT NULL,
	women_max_pct INTEGER NOT NULL,
	older_min_pct INTEGER NOT NULL,
	older_max_pct INTEGER NOT NULL,
	younger_min_pct INTEGER NOT NULL,
	younger_max_pct INTEGER NOT NULL,
	older_age INTEGER NOT NULL,
	source TEXT NOT NULL
);
INSERT INTO composition_rules (valid_from, min_members, max_members, women_min_pct, women_max_pct,
	older_min_pct, older_max_pct, younger_min_pct, younger_max_pct, older_age, source)
	VALUES ('2021-01-27', 50, 70, 60, 70, 60, 70, 30, 40, 60, 'Kế hoạch 327/KH-UBND ngày 27/01/2021');

-- Founding cohorts, and the one-off provincial support per cohort (footnote 23 of the 2024 plan).
CREATE TABLE club_cohorts (
	code TEXT PRIMARY KEY,
	founded_from TEXT NOT NULL,
	founded_to TEXT NOT NULL,
	grant_amount INTEGER NOT NULL, -- đồng
	source TEXT NOT NULL
);
INSERT INTO club_cohorts VALUES ('2016-2021', '2016-01-01', '2021-12-31', 25000000,
	'Kế hoạch năm 2024 của Ban Công tác người cao tuổi tỉnh Kon Tum, chú thích 23');
INSERT INTO club_cohorts VALUES ('2022-2025', '2022-01-01', '2025-12-31', 50000000,
	'Kế hoạch năm 2024 của Ban Công tác người cao tuổi tỉnh Kon Tum, chú thích 23');

-- Activity areas as versioned lists; a club carries out all activities in a period when every
-- area of the list in force has at least one activity.
CREATE TABLE activity_lists (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	valid_from TEXT NOT NULL,
	valid_to TEXT
);
CREATE TABLE activity_areas (
	list_id INTEGER NOT NULL REFERENCES activity_lists(id),
	code TEXT NOT NULL,
	position INTEGER NOT NULL,
	name_vi TEXT NOT NULL,
	name_en TEXT NOT NULL,
	PRIMARY KEY (list_id, code)
);
INSERT INTO activity_lists (code, name, valid_from) VALUES ('plan327', 'Kế hoạch 327/KH-UBND (10 nội dung)', '2021-01-27');
INSERT INTO activity_areas VALUES
	(1, 'income', 1, 'Phát triển kinh tế, tạo thu nhập', 'Income generation'),
	(1, 'health', 2, 'Chăm sóc sức khỏe', 'Health care'),
	(1, 'homecare', 3, 'Chăm sóc tại nhà (tình nguyện viên)', 'Home-care volunteers'),
	(1, 'selfhelp', 4, 'Tự giúp nhau', 'Self-help'),
	(1, 'community', 5, 'Hỗ trợ cộng đồng', 'Community support'),
	(1, 'rights', 6, 'Bảo vệ quyền lợi', 'Rights protection'),
	(1, 'communication', 7, 'Truyền thông', 'Communication'),
	(1, 'sports', 8, 'Thể dục, thể thao', 'Sports'),
	(1, 'culture', 9, 'Văn hóa, văn nghệ', 'Culture and arts'),
	(1, 'resources', 10, 'Huy động nguồn lực', 'Resource mobilisation');

CREATE TABLE activities (
	id INTEGER PRIMARY KEY,
	club_id INTEGER NOT NULL REFERENCES clubs(id),
	on_date TEXT NOT NULL,
	area TEXT NOT NULL,
	title TEXT NOT NULL,
	participants INTEGER NOT NULL DEFAULT 0,
	notes TEXT,
	created_at TEXT NOT NULL
);
CREATE INDEX activities_club ON activities(club_id, on_date);

CREATE TABLE home_visits (
	id INTEGER PRIMARY KEY,
	club_id INTEGER NOT NULL REFERENCES clubs(id),
	volunteer_id INTEGER NOT NULL REFERENCES persons(id),
	visited_id INTEGER NOT NULL REFERENCES persons(id),
	on_date TEXT NOT NULL,
	notes TEXT
);
CREATE INDEX home_visits_club ON home_visits(club_id, on_date);

CREATE TABLE club_assessments (
	id INTEGER PRIMARY KEY,
	club_id INTEGER NOT NULL REFERENCES clubs(id),
	year INTEGER NOT NULL,
	grade TEXT NOT NULL CHECK (grade IN ('very_strong', 'strong', 'average', 'weak')),
	well_managed INTEGER NOT NULL,
	assessed_on TEXT NOT NULL,
	assessed_by TEXT NOT NULL,
	UNIQUE (club_id, year)
);

CREATE TABLE loans (
	id INTEGER PRIMARY KEY,
	club_id INTEGER NOT NULL REFERENCES clubs(id),
	person_id INTEGER NOT NULL REFERENCES persons(id),
	principal INTEGER NOT NULL,
	disbursed_on TEXT NOT NULL,
	term_months INTEGER NOT NULL,
	frequency TEXT NOT NULL CHECK (frequency IN ('monthly', 'quarterly', 'end')),
	rate_bp INTEGER NOT NULL,
	purpose TEXT NOT NULL,
	written_off_on TEXT
);
CREATE INDEX loans_club ON loans(club_id);

CREATE TABLE loan_repayments (
	id INTEGER PRIMARY KEY,
	loan_id INTEGER NOT NULL REFERENCES loans(id),
	on_date TEXT NOT NULL,
	principal INTEGER NOT NULL,
	interest INTEGER NOT NULL
);
CREATE INDEX loan_repayments_loan ON loan_repayments(loan_id);

-- Append-only: corrections are new rows that reverse old ones.
CREATE TABLE ledger_entries (
	id INTEGER PRIMARY KEY,
	club_id INTEGER NOT NULL REFERENCES clubs(id),
	fund TEXT NOT NULL CHECK (fund IN ('revolving', 'activity')),
	on_date TEXT NOT NULL,
	kind TEXT NOT NULL,
	amount INTEGER NOT NULL, -- đồng, signed: into the fund > 0
	reverses INTEGER REFERENCES ledger_entries(id),
	loan_id INTEGER REFERENCES loans(id),
	override INTEGER NOT NULL DEFAULT 0,
	note TEXT,
	created_at TEXT NOT NULL
);
CREATE INDEX ledger_club ON ledger_entries(club_id, fund, on_date);

-- Targets are records of a plan, not constants.
CREATE TABLE plan_targets (
	id INTEGER PRIMARY KEY,
	plan TEXT NOT NULL,
	indicator TEXT NOT NULL,
	min_value INTEGER, -- a count, or per mille for shares
	max_value INTEGER,
	unit TEXT NOT NULL CHECK (unit IN ('count', 'permille')),
	by_date TEXT NOT NULL,
	place_code TEXT, -- the province the plan is for
	founded_from TEXT, -- for counts of clubs: the founding window the indicator counts
	founded_to TEXT,
	UNIQUE (plan, indicator)
);
INSERT INTO plan_targets (plan, indicator, min_value, max_value, unit, by_date, place_code,
	founded_from, founded_to) VALUES
	('327/KH-UBND', 'clubs_new_since_2021', 51, NULL, 'count', '2025-12-31', '62', '2021-01-01', NULL),
	('327/KH-UBND', 'clubs_2016_2020_active', 22, NULL, 'count', '2025-12-31', '62', '2016-01-01', '2020-12-31');
INSERT INTO plan_targets (plan, indicator, min_value, max_value, unit, by_date, place_code) VALUES
	('327/KH-UBND', 'members', 2500, 3500, 'count', '2025-12-31', '62'),
	('327/KH-UBND', 'older_members', 2000, 2500, 'count', '2025-12-31', '62'),
	('327/KH-UBND', 'share_within_composition', NULL, NULL, 'permille', '2025-12-31', '62'),
	('327/KH-UBND', 'share_all_activities_well_managed', 700, NULL, 'permille', '2025-12-31', '62'),
	('327/KH-UBND', 'share_with_loans', 500, NULL, 'permille', '2025-12-31', '62'),
	('327/KH-UBND', 'share_with_both_funds', 1000, NULL, 'permille', '2025-12-31', '62');
