-- 0007: Plan 327 as written (issue 13). What each indicator counts, targets that belong to a
-- place, the reporting windows of Decree 09/2019, the one-off support of the 2024 plan's footnote
-- 23 as a dated rule, the activity areas in the plan's words, and bodies that succeed others.

-- What an indicator of a plan counts, and the plan's words it follows. For counts of clubs and
-- of their members, the founding window of the clubs counted (NULL: open). The indicators'
-- rules that are not a window (active on the date, a share of members...) are docs/clubs.md.
CREATE TABLE plan_indicators (
	plan TEXT NOT NULL,
	indicator TEXT NOT NULL,
	plan_date TEXT NOT NULL, -- the plan's date: a report without a plan takes the latest one
	clause TEXT NOT NULL,    -- where the plan says it: "II.1"
	quote TEXT NOT NULL,     -- the plan's sentence, word for word
	founded_from TEXT,
	founded_to TEXT,
	PRIMARY KEY (plan, indicator)
);
INSERT INTO plan_indicators VALUES
	('327/KH-UBND', 'clubs_new_since_2021', '2021-01-27', 'II.1',
	 'Đến năm 2025 toàn tỉnh xây dựng mới trên 50 Câu lạc bộ', '2021-01-01', NULL),
	('327/KH-UBND', 'clubs_2016_2020_active', '2021-01-27', 'II.2',
	 'Duy trì nâng cao chất lượng quản lý 22 Câu lạc bộ đã có trong giai đoạn 2016-2020 và các Câu lạc bộ mới xây dựng.',
	 '2016-01-01', '2020-12-31'),
	('327/KH-UBND', 'members', '2021-01-27', 'II.1',
	 'xây dựng mới trên 50 Câu lạc bộ, thu hút từ 2.500 đến 3.500 thành viên tham gia', '2021-01-01', NULL),
	('327/KH-UBND', 'older_members', '2021-01-27', 'II.1',
	 'trong đó có từ 2.000 đến 2.500 là người cao tuổi', '2021-01-01', NULL),
	('327/KH-UBND', 'share_within_composition', '2021-01-27', 'II.3',
	 'Các Câu lạc bộ bảo đảm chất lượng về cơ cấu thành phần (mỗi Câu lạc bộ có từ 50 đến 70 thành viên, trong đó có 60%-70% là phụ nữ, 60%-70% là người cao tuổi, 30%-40% là người trẻ tuổi; ưu tiên người có hoàn cảnh khó khăn).',
	 NULL, NULL),
	('327/KH-UBND', 'share_all_activities_well_managed', '2021-01-27', 'II.4',
	 'Có ít nhất 70% Câu lạc bộ thực hiện đủ các hoạt động và quản lý tốt', NULL, NULL),
	('327/KH-UBND', 'share_with_loans', '2021-01-27', 'II.4',
	 'để có ít nhất 50% được vay vốn tăng thu nhập', NULL, NULL),
	('327/KH-UBND', 'share_with_both_funds', '2021-01-27', 'II.5',
	 'Phấn đấu 100% Câu lạc bộ có quỹ tăng thu nhập và quỹ hoạt động do Câu lạc bộ tự quản lý theo quy chế Câu lạc bộ hiện hành.',
	 NULL, NULL);

-- A target is set by a plan for one place by a date: (plan, indicator, place, by_date). The
-- place is a code and a day it was in force, since codes recur (Quảng Ngãi is 51 before and after
-- the reform). A place without a target of its own shows none. above_max_met: whether a value
-- above the top of a range meets the target ("vượt") or not.
CREATE TABLE plan_targets_7 (
	id INTEGER PRIMARY KEY,
	plan TEXT NOT NULL,
	indicator TEXT NOT NULL,
	place_code TEXT NOT NULL,
	place_on TEXT NOT NULL,
	by_date TEXT NOT NULL,
	min_value INTEGER, -- a count, or per mille for shares
	max_value INTEGER,
	unit TEXT NOT NULL CHECK (unit IN ('count', 'permille')),
	above_max_met INTEGER NOT NULL DEFAULT 1,
	UNIQUE (plan, indicator, place_code, place_on, by_date)
);
-- Other plans' rows keep their place, taken as of their date.
INSERT INTO plan_targets_7 (plan, indicator, place_code, place_on, by_date, min_value,
	max_value, unit)
	SELECT plan, indicator, place_code, by_date, by_date, min_value, max_value, unit
	FROM plan_targets WHERE plan <> '327/KH-UBND' AND place_code IS NOT NULL;
DROP TABLE plan_targets;
ALTER TABLE plan_targets_7 RENAME TO plan_targets;
-- Plan 327's targets are Kon Tum's (62 as of the plan's date), by the end of 2025. More members
-- or older members than the range are more people reached: above the top counts as met.
INSERT INTO plan_targets (plan, indicator, place_code, place_on, by_date, min_value, max_value,
	unit, above_max_met) VALUES
	('327/KH-UBND', 'clubs_new_since_2021', '62', '2021-01-27', '2025-12-31', 51, NULL, 'count', 1),
	('327/KH-UBND', 'clubs_2016_2020_active', '62', '2021-01-27', '2025-12-31', 22, NULL, 'count', 1),
	('327/KH-UBND', 'members', '62', '2021-01-27', '2025-12-31', 2500, 3500, 'count', 1),
	('327/KH-UBND', 'older_members', '62', '2021-01-27', '2025-12-31', 2000, 2500, 'count', 1),
	('327/KH-UBND', 'share_within_composition', '62', '2021-01-27', '2025-12-31', 1000, NULL, 'permille', 1),
	('327/KH-UBND', 'share_all_activities_well_managed', '62', '2021-01-27', '2025-12-31', 700, NULL, 'permille', 1),
	('327/KH-UBND', 'share_with_loans', '62', '2021-01-27', '2025-12-31', 500, NULL, 'permille', 1),
	('327/KH-UBND', 'share_with_both_funds', '62', '2021-01-27', '2025-12-31', 1000, NULL, 'permille', 1);

-- Reporting windows: the days a period's figures cover. A window starts in the period's year,
-- or in the year before it (from_prev_year); the rule for a period is the latest valid_from on
-- or before the period's last day. Decree 09/2019 cuts figures off on the 14th.
CREATE TABLE report_windows (
	id INTEGER PRIMARY KEY,
	scheme TEXT NOT NULL CHECK (scheme IN ('decree09', 'calendar')),
	period_kind TEXT NOT NULL CHECK (period_kind IN ('half', 'year')),
	from_prev_year INTEGER NOT NULL,
	from_month INTEGER NOT NULL,
	from_day INTEGER NOT NULL,
	to_month INTEGER NOT NULL,
	to_day INTEGER NOT NULL,
	valid_from TEXT NOT NULL,
	source TEXT NOT NULL,
	UNIQUE (scheme, period_kind, valid_from)
);
INSERT INTO report_windows (scheme, period_kind, from_prev_year, from_month, from_day, to_month,
	to_day, valid_from, source) VALUES
	('decree09', 'half', 1, 12, 15, 6, 14, '2019-03-12',
	 'Nghị định 09/2019/NĐ-CP ngày 24/01/2019, Điều 12: báo cáo định kỳ 6 tháng, từ ngày 15 tháng 12 năm trước đến ngày 14 tháng 6'),
	('decree09', 'year', 1, 12, 15, 12, 14, '2019-03-12',
	 'Nghị định 09/2019/NĐ-CP ngày 24/01/2019, Điều 12: báo cáo định kỳ hằng năm, từ ngày 15 tháng 12 năm trước đến ngày 14 tháng 12'),
	('calendar', 'half', 0, 1, 1, 6, 30, '1900-01-01', 'Sáu tháng đầu năm dương lịch'),
	('calendar', 'year', 0, 1, 1, 12, 31, '1900-01-01', 'Năm dương lịch');

-- One-off support for a club, as a plan sets it: for which kinds of club, founded when, how
-- much, from which day (never before the plan that sets it), whether the level is only planned
-- ("dự kiến": the amount received may be lower) and whether a club receives it once.
CREATE TABLE support_rules (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	founded_from TEXT NOT NULL,
	founded_to TEXT NOT NULL,
	amount INTEGER NOT NULL, -- đồng
	planned INTEGER NOT NULL,
	once_per_club INTEGER NOT NULL,
	valid_from TEXT NOT NULL,
	valid_to TEXT,
	raised_by TEXT NOT NULL, -- who raises it, in the plan's words
	source TEXT NOT NULL
);
CREATE TABLE support_rule_kinds (
	rule_id INTEGER NOT NULL REFERENCES support_rules(id),
	kind TEXT NOT NULL CHECK (kind IN ('ishc', 'culture', 'sports', 'health', 'other')),
	PRIMARY KEY (rule_id, kind)
);
-- The 2024 plan is dated "ngày … tháng 01 năm 2024" with the day left blank, and is the plan for
-- 2024: the rule runs from 1 January to 31 December 2024. Whether the levels go on in 2025 is for
-- the 2025 plan, which the seeds do not hold (a new dated rule, not an edit of these).
INSERT INTO support_rules (code, name, founded_from, founded_to, amount, planned, once_per_club,
	valid_from, valid_to, raised_by, source) VALUES
	('kt2024-23-2022', 'Hỗ trợ một lần cho Câu lạc bộ thành lập mới giai đoạn 2022-2025',
	 '2022-01-01', '2025-12-31', 50000000, 1, 1, '2024-01-01', '2024-12-31',
	 'Ủy ban nhân dân các huyện, thành phố: vận động, huy động đóng góp từ nguồn xã hội hóa',
	 'Kế hoạch thực hiện công tác người cao tuổi tỉnh Kon Tum năm 2024, mục IV.3, chú thích 23: "Hỗ trợ 01 lần/1 Câu lạc bộ, dự kiến mức hỗ trợ: Đối với Câu lạc bộ thành lập mới (giai đoạn 2022-2025): 50 triệu đồng/Câu lạc bộ"'),
	('kt2024-23-2016', 'Hỗ trợ một lần cho Câu lạc bộ đã thành lập giai đoạn 2016-2021',
	 '2016-01-01', '2021-12-31', 25000000, 1, 1, '2024-01-01', '2024-12-31',
	 'Ủy ban nhân dân các huyện, thành phố: vận động, huy động đóng góp từ nguồn xã hội hóa',
	 'Kế hoạch thực hiện công tác người cao tuổi tỉnh Kon Tum năm 2024, mục IV.3, chú thích 23: "Câu lạc bộ đã được thành lập giai đoạn 2016-2021: 25 triệu đồng/Câu lạc bộ"');
-- The footnote supports the plan's clubs: Intergenerational Self-Help Clubs only.
INSERT INTO support_rule_kinds (rule_id, kind) SELECT id, 'ishc' FROM support_rules;

-- A ledger entry that is the one-off support names its rule. Entries marked before this
-- migration keep the mark when a rule fits them (the club's kind and founding, the entry's day
-- within the rule's); the others stay ordinary grants, their making in the audit.
ALTER TABLE ledger_entries ADD COLUMN support_rule_id INTEGER REFERENCES support_rules(id);
UPDATE ledger_entries SET support_rule_id = (
	SELECT r.id FROM support_rules r JOIN support_rule_kinds k ON k.rule_id = r.id
	JOIN clubs c ON c.kind = k.kind
	WHERE c.id = ledger_entries.club_id AND c.founded_on >= r.founded_from
	AND c.founded_on <= r.founded_to AND r.valid_from <= ledger_entries.on_date
	AND (r.valid_to IS NULL OR r.valid_to >= ledger_entries.on_date)
	ORDER BY r.valid_from DESC LIMIT 1)
	WHERE provincial = 1;
ALTER TABLE ledger_entries DROP COLUMN provincial;
CREATE INDEX ledger_support ON ledger_entries(club_id, support_rule_id);
-- The founding periods stay (the clubs list filters on them); the money is the rules' above.
ALTER TABLE club_cohorts DROP COLUMN grant_amount;

-- The ten activity areas as Plan 327 (IV.3) lists them: "Tăng thu nhập; chăm sóc sức khỏe; tình
-- nguyện viên chăm sóc tại nhà; tự giúp nhau; hỗ trợ cộng đồng; bảo vệ quyền lợi ích; truyền
-- thông; thể thao; văn hóa văn nghệ; vận động nguồn lực."
UPDATE activity_areas SET name_vi = 'Tăng thu nhập', name_en = 'Increasing income'
	WHERE code = 'income' AND list_id = (SELECT id FROM activity_lists WHERE code = 'plan327');
UPDATE activity_areas SET name_vi = 'Chăm sóc sức khỏe', name_en = 'Health care'
	WHERE code = 'health' AND list_id = (SELECT id FROM activity_lists WHERE code = 'plan327');
UPDATE activity_areas SET name_vi = 'Tình nguyện viên chăm sóc tại nhà',
	name_en = 'Home-care volunteers'
	WHERE code = 'homecare' AND list_id = (SELECT id FROM activity_lists WHERE code = 'plan327');
UPDATE activity_areas SET name_vi = 'Tự giúp nhau', name_en = 'Self-help'
	WHERE code = 'selfhelp' AND list_id = (SELECT id FROM activity_lists WHERE code = 'plan327');
UPDATE activity_areas SET name_vi = 'Hỗ trợ cộng đồng', name_en = 'Community support'
	WHERE code = 'community' AND list_id = (SELECT id FROM activity_lists WHERE code = 'plan327');
UPDATE activity_areas SET name_vi = 'Bảo vệ quyền lợi ích',
	name_en = 'Protecting rights and interests'
	WHERE code = 'rights' AND list_id = (SELECT id FROM activity_lists WHERE code = 'plan327');
UPDATE activity_areas SET name_vi = 'Truyền thông', name_en = 'Communication'
	WHERE code = 'communication' AND list_id = (SELECT id FROM activity_lists WHERE code = 'plan327');
UPDATE activity_areas SET name_vi = 'Thể thao', name_en = 'Sports'
	WHERE code = 'sports' AND list_id = (SELECT id FROM activity_lists WHERE code = 'plan327');
UPDATE activity_areas SET name_vi = 'Văn hóa văn nghệ', name_en = 'Culture and arts'
	WHERE code = 'culture' AND list_id = (SELECT id FROM activity_lists WHERE code = 'plan327');
UPDATE activity_areas SET name_vi = 'Vận động nguồn lực', name_en = 'Resource mobilisation'
	WHERE code = 'resources' AND list_id = (SELECT id FROM activity_lists WHERE code = 'plan327');

-- The day a loan's principal came back in full (the latest repayment's, once they add up to the
-- principal); NULL while any is outstanding. Kept by fund.c with each repayment, so that the
-- loans out on a day are a condition on the loan, not a sum over its repayments.
ALTER TABLE loans ADD COLUMN repaid_on TEXT;
UPDATE loans SET repaid_on = (SELECT MAX(r.on_date) FROM loan_repayments r
	WHERE r.loan_id = loans.id AND r.principal > 0)
	WHERE principal <= (SELECT COALESCE(SUM(r.principal), 0) FROM loan_repayments r
	WHERE r.loan_id = loans.id);
-- The loans of a club that were out in a window, read from the index alone; it leads with
-- club_id, so it also serves what loans_club did.
CREATE INDEX loans_club_out ON loans(club_id, repaid_on, disbursed_on, written_off_on, person_id);
DROP INDEX loans_club;

-- A body that takes over duties of another from a day (Kon Tum's Department of Labour-Invalids-
-- Social Affairs to Health and Home Affairs on 1 March 2025; Kon Tum's bodies to the new Quảng
-- Ngãi's on 1 July 2025), and what passes.
CREATE TABLE org_links (
	from_id INTEGER NOT NULL REFERENCES orgs(id),
	to_id INTEGER NOT NULL REFERENCES orgs(id),
	since TEXT NOT NULL,
	duty TEXT,
	PRIMARY KEY (from_id, to_id)
);
CREATE INDEX org_links_to ON org_links(to_id);
