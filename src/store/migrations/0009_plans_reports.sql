-- 0009: plans as data, reporting obligations, submissions (issue 10, part 1).
--
-- A plan is the file of docs/plans.md held in tables: what the program reads and edits is in
-- columns (areas, items and their lead and co-operating units, deadlines, funding lines, support
-- levels, reporting lines); the words it only keeps and gives back (notes, footnotes, quotes,
-- "…_as_written") stay in each row's `doc`, a JSON object of the file's other fields. Exporting
-- a plan writes the columns over the doc, in the documented order. Plan 327's numeric targets are
-- plan_targets records (0007); the footnote-23 support levels are support_rules (0007).

CREATE TABLE plans (
	id INTEGER PRIMARY KEY,
	slug TEXT NOT NULL UNIQUE,   -- the file's id: addresses, nct plan export
	code TEXT UNIQUE,            -- number and symbol ("327/KH-UBND"); NULL when left blank
	symbol TEXT NOT NULL,
	title TEXT NOT NULL,
	title_en TEXT NOT NULL,
	issuer TEXT NOT NULL,        -- an organisation code
	doc_date TEXT NOT NULL,      -- YYYY-MM-DD, or YYYY-MM when the day is blank
	effective_from TEXT NOT NULL,
	effective_to TEXT NOT NULL,
	doc TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);

-- The texts a plan is made under ("Căn cứ", "Thực hiện": legal_bases) and cites (references).
CREATE TABLE plan_texts (
	plan_id INTEGER NOT NULL REFERENCES plans(id),
	list TEXT NOT NULL CHECK (list IN ('legal_bases', 'references')),
	position INTEGER NOT NULL,
	relation TEXT NOT NULL CHECK (relation IN ('basis', 'implements', 'cited')),
	kind TEXT NOT NULL,
	number TEXT,
	text_date TEXT,
	issuer_as_written TEXT,
	title TEXT,
	as_written TEXT NOT NULL,
	cited_in TEXT NOT NULL,
	note TEXT,
	PRIMARY KEY (plan_id, list, position)
);

-- Areas of work (II.1…, IV.1…) and duties ("Tổ chức thực hiện": IV.1…, VI.1…), each with its
-- items. A duty's doc keeps its bodies and whether it is a request ("Đề nghị").
CREATE TABLE plan_sections (
	id INTEGER PRIMARY KEY,
	plan_id INTEGER NOT NULL REFERENCES plans(id),
	kind TEXT NOT NULL CHECK (kind IN ('area', 'duty')),
	position INTEGER NOT NULL,
	code TEXT NOT NULL,
	heading TEXT NOT NULL,
	doc TEXT NOT NULL,
	UNIQUE (plan_id, kind, position),
	UNIQUE (plan_id, kind, code)
);

-- The bullets. deadline_before: due before that day, 00:00 Vietnam time.
CREATE TABLE plan_items (
	id INTEGER PRIMARY KEY,
	section_id INTEGER NOT NULL REFERENCES plan_sections(id),
	n INTEGER NOT NULL,
	text TEXT NOT NULL,
	deadline_before TEXT,
	deadline_as_written TEXT,
	doc TEXT NOT NULL,
	UNIQUE (section_id, n)
);

-- Who leads (chủ trì) and who co-operates, by organisation code: national bodies a plan names
-- (VN-TWHNCT) have no row in orgs while the store holds no national place.
CREATE TABLE plan_item_units (
	item_id INTEGER NOT NULL REFERENCES plan_items(id),
	role TEXT NOT NULL CHECK (role IN ('lead', 'cooperating')),
	position INTEGER NOT NULL,
	org_code TEXT NOT NULL,
	PRIMARY KEY (item_id, role, position)
);
CREATE INDEX plan_item_units_org ON plan_item_units(org_code, role);

CREATE TABLE plan_funding (
	plan_id INTEGER NOT NULL REFERENCES plans(id),
	position INTEGER NOT NULL,
	fid TEXT NOT NULL, -- "F1"
	source_kind TEXT NOT NULL CHECK (source_kind IN ('state_budget', 'sector_budget',
		'local_budget', 'social_mobilisation', 'programme_integration', 'local_funds')),
	amount INTEGER,    -- đồng, when the plan gives one
	doc TEXT NOT NULL,
	PRIMARY KEY (plan_id, fid)
);

-- A plan's support rule ("S1") and its levels, each one of support_rules: the amounts, founding
-- windows and days in force are read from there, the words from doc.
CREATE TABLE plan_support (
	plan_id INTEGER NOT NULL REFERENCES plans(id),
	position INTEGER NOT NULL,
	sid TEXT NOT NULL,
	doc TEXT NOT NULL,
	PRIMARY KEY (plan_id, sid)
);
CREATE TABLE plan_support_levels (
	plan_id INTEGER NOT NULL REFERENCES plans(id),
	sid TEXT NOT NULL,
	position INTEGER NOT NULL,
	rule_id INTEGER NOT NULL REFERENCES support_rules(id),
	doc TEXT NOT NULL,
	PRIMARY KEY (plan_id, sid, position)
);

-- Whether a handover carries a plan's items and reports of the old body (when a body is split,
-- exactly one link does: Kon Tum's Labour department to Health, not Home Affairs).
ALTER TABLE org_links ADD COLUMN plan_duties INTEGER NOT NULL DEFAULT 1;

-- Who reports what to whom, for which periods, by when: a reporting line of a plan, one per
-- receiver (a line to two bodies is two obligations with the same line id). due: "MM-DD" each
-- period, "YYYY-MM-DD" for a one-off. data_window: "decree09" or "calendar" (report_windows), or
-- "MM-DD/MM-DD" of its own (from after to: from the year before). Reporters are organisation
-- or place codes (reporter kind 'org' or 'place').
CREATE TABLE obligations (
	id INTEGER PRIMARY KEY,
	plan_id INTEGER NOT NULL REFERENCES plans(id),
	line TEXT,                   -- "R1"; NULL for one made outside a plan file
	position INTEGER NOT NULL,   -- order in the plan
	name TEXT NOT NULL,
	to_code TEXT NOT NULL,
	period_kind TEXT NOT NULL CHECK (period_kind IN ('semiannual', 'yearly', 'once',
		'on_request', 'as_needed', 'per_rules')),
	first_period TEXT,
	last_period TEXT,
	due TEXT,
	data_window TEXT,
	doc TEXT NOT NULL,
	created_at TEXT NOT NULL
);
CREATE INDEX obligations_plan ON obligations(plan_id, position);
CREATE TABLE obligation_reporters (
	obligation_id INTEGER NOT NULL REFERENCES obligations(id),
	position INTEGER NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('org', 'place')),
	code TEXT NOT NULL,
	PRIMARY KEY (obligation_id, position)
);
CREATE INDEX obligation_reporters_code ON obligation_reporters(code);

-- One reporter's report for one obligation and period. The reporter is the unit in force when
-- it is due (an organisation, or a commune that took over a district's duties); stands_for lists
-- the obligation's reporters it reports for. receiver_id: the receiving body then. Timeliness is
-- judged at the first submission (first_at; a paper report: when it arrived).
CREATE TABLE submissions (
	id INTEGER PRIMARY KEY,
	obligation_id INTEGER NOT NULL REFERENCES obligations(id),
	period TEXT NOT NULL,
	reporter_kind TEXT NOT NULL CHECK (reporter_kind IN ('org', 'place')),
	reporter_id INTEGER NOT NULL,
	stands_for TEXT NOT NULL,
	receiver_id INTEGER NOT NULL REFERENCES orgs(id),
	status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'accepted')),
	paper INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL,
	first_at TEXT,
	submitted_at TEXT,
	days_late INTEGER,           -- at the first submission: 0 on time
	comment TEXT,                -- the receiving office's, with its latest return
	UNIQUE (obligation_id, period, reporter_kind, reporter_id)
);
CREATE INDEX submissions_reporter ON submissions(reporter_kind, reporter_id, status);
CREATE INDEX submissions_receiver ON submissions(receiver_id, status);

CREATE TABLE submission_items (
	submission_id INTEGER NOT NULL REFERENCES submissions(id),
	item_id INTEGER NOT NULL REFERENCES plan_items(id),
	status TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done')),
	progress TEXT NOT NULL,
	PRIMARY KEY (submission_id, item_id)
);

-- An indicator's value as reported; computed: what the store's live data gave when the draft
-- was made (NULL: nothing known), so a page can say which values are computed.
CREATE TABLE submission_values (
	submission_id INTEGER NOT NULL REFERENCES submissions(id),
	indicator TEXT NOT NULL,
	unit TEXT NOT NULL CHECK (unit IN ('count', 'permille')),
	value INTEGER,
	computed INTEGER,
	PRIMARY KEY (submission_id, indicator)
);

-- Every step of a submission, with who and when (the audit has them too).
CREATE TABLE submission_steps (
	id INTEGER PRIMARY KEY,
	submission_id INTEGER NOT NULL REFERENCES submissions(id),
	at TEXT NOT NULL,
	step TEXT NOT NULL CHECK (step IN ('created', 'saved', 'submitted', 'returned', 'accepted')),
	username TEXT,
	comment TEXT
);
CREATE INDEX submission_steps_sub ON submission_steps(submission_id, id);

-- Checks a submission's values must pass before it is sent, as data: left op right, where right
-- is an indicator or, when right_indicator is NULL, the number right_value; in force by date.
CREATE TABLE value_rules (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	left_indicator TEXT NOT NULL,
	op TEXT NOT NULL CHECK (op IN ('<=', '<', '>=', '>', '=')),
	right_indicator TEXT,
	right_value INTEGER,
	valid_from TEXT NOT NULL,
	valid_to TEXT,
	source TEXT NOT NULL
);
INSERT INTO value_rules (code, left_indicator, op, right_indicator, right_value, valid_from,
	source) VALUES
	('older_members_within_members', 'older_members', '<=', 'members', NULL, '2021-01-27',
	 'Kế hoạch 327/KH-UBND, II.1: "thu hút từ 2.500 đến 3.500 thành viên tham gia, trong đó có từ 2.000 đến 2.500 là người cao tuổi"'),
	('older_members_all_within_members_all', 'older_members_all_clubs', '<=', 'members_all_clubs',
	 NULL, '2021-01-27', 'Người cao tuổi là một phần của thành viên các câu lạc bộ'),
	('members_new_within_members_all', 'members', '<=', 'members_all_clubs', NULL, '2021-01-27',
	 'Thành viên các câu lạc bộ thành lập mới là một phần của thành viên mọi câu lạc bộ');
