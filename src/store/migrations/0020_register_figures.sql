-- 0020: the register's figures as indicators a report can carry (issue 10, part 3). Which of
-- them a plan's reports ask for is data: one row per figure a line of the plan names, with that
-- line and its words (as plan_indicators holds the clubs' indicators of Plan 327). What each
-- figure counts, and on which day, is docs/reports.md ("The register's figures"); the age from
-- which a person counts as older is the composition rule in force on the day (composition_rules).
-- plan: the plan's file id (plans.slug), which every plan has, since the 2024 plan has no number.
CREATE TABLE plan_register_figures (
	plan TEXT NOT NULL,
	figure TEXT NOT NULL CHECK (figure IN ('older_people', 'receiving_allowance',
		'older_with_health_card', 'celebrated')),
	clause TEXT NOT NULL, -- where the plan says it: "II.1.6"
	quote TEXT NOT NULL,  -- the plan's words, as written
	PRIMARY KEY (plan, figure)
);
-- The 2024 plan of the province's Committee for Older People (shared/seeds): item 6 of II.1 asks
-- for the older people and those receiving an allowance; item 2 of II.5 for those with a health
-- insurance card. It names no longevity celebration: no row asks for that figure.
INSERT INTO plan_register_figures VALUES
	('kh-2024-ban-nct-kon-tum', 'older_people', 'II.1.6',
	 'Rà soát thống kê số liệu chung về người cao tuổi và người cao tuổi đang hưởng trợ cấp trên địa bàn tỉnh'),
	('kh-2024-ban-nct-kon-tum', 'receiving_allowance', 'II.1.6',
	 'người cao tuổi đang hưởng trợ cấp trên địa bàn tỉnh'),
	('kh-2024-ban-nct-kon-tum', 'older_with_health_card', 'II.5.2',
	 'Có giải pháp vận động nguồn lực, hỗ trợ mua thẻ bảo hiểm y tế cho người cao tuổi chưa có bảo hiểm y tế.');
