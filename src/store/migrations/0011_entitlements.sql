-- 0011: entitlements and payments (issue 9). The rules of the monthly allowances are dated data,
-- loaded from data/social-assistance-levels.csv and data/allowance-rules.csv by nct init and
-- added to by admins (a change in law is a new row with its valid_from, never a code change);
-- who may sign a decision is dated data too; the decisions that grant, adjust or stop a
-- person's allowance are records, never edits.

-- Amounts in đồng a month: the standard social-assistance level, the social-pension amount and a
-- province's top-up, for the country (scope 'VN') or a province (its code after the 2025 reform).
CREATE TABLE assistance_levels (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('standard_level', 'social_pension_amount',
		'social_pension_topup')),
	scope TEXT NOT NULL,
	valid_from TEXT NOT NULL,
	valid_to TEXT, -- the last day, or NULL: in force until a later row
	amount INTEGER NOT NULL,
	legal_basis TEXT NOT NULL,
	source TEXT,
	verification TEXT,
	created_at TEXT NOT NULL,
	UNIQUE (kind, scope, valid_from)
);

-- The allowances an older person can qualify for, as conditions the engine reads
-- (domain/entitlement.c; the columns as data/README.md describes them). coefficient in hundredths
-- (150: 1,5); age_to exclusive; combination rows carry only the rule between allowances.
CREATE TABLE allowance_rules (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('social_allowance', 'social_pension', 'combination')),
	valid_from TEXT NOT NULL,
	valid_to TEXT,
	base TEXT CHECK (base IS NULL OR base IN ('standard_level', 'social_pension_amount')),
	coefficient INTEGER,
	age_from INTEGER,
	age_to INTEGER,
	poverty TEXT NOT NULL DEFAULT 'any',
	supporter TEXT NOT NULL DEFAULT 'any',
	pension TEXT NOT NULL DEFAULT 'any',
	disability TEXT NOT NULL DEFAULT 'any',
	especially_difficult TEXT NOT NULL DEFAULT 'any',
	community_care TEXT NOT NULL DEFAULT 'any',
	other_conditions TEXT,
	requires_application INTEGER NOT NULL DEFAULT 0,
	legal_basis TEXT NOT NULL,
	article_text TEXT,
	source TEXT,
	verification TEXT,
	created_at TEXT NOT NULL,
	UNIQUE (code, valid_from)
);

-- Who signs a decision on a monthly allowance, by date: the district chairman before the 2025
-- reform, the commune chairman from 1 July 2025 (Decree 20/2021 art. 7; Decree 176/2025 art. 4).
CREATE TABLE decision_signers (
	id INTEGER PRIMARY KEY,
	level TEXT NOT NULL CHECK (level IN ('province', 'district', 'commune')),
	title TEXT NOT NULL,
	valid_from TEXT NOT NULL,
	valid_to TEXT,
	legal_basis TEXT NOT NULL,
	created_at TEXT NOT NULL,
	UNIQUE (level, valid_from)
);
INSERT INTO decision_signers (level, title, valid_from, valid_to, legal_basis, created_at) VALUES
	('district', 'Chủ tịch Ủy ban nhân dân cấp huyện', '2021-07-01', '2025-06-30',
	 'Nghị định 20/2021/NĐ-CP, Điều 8 (thủ tục hưởng trợ cấp xã hội hằng tháng)',
	 '2026-01-01T00:00:00+07:00'),
	('commune', 'Chủ tịch Ủy ban nhân dân cấp xã', '2025-07-01', NULL,
	 'Nghị định 176/2025/NĐ-CP, Điều 4; chính quyền địa phương hai cấp từ 01/7/2025',
	 '2026-01-01T00:00:00+07:00');

-- A decision on a person's monthly allowance: grant, adjust (another allowance or amount) or stop,
-- with its number, date, signer and the month payment starts (grant, adjust) or the first month
-- not paid (stop). Records, never edits: the decision in force for a month is the latest whose
-- month is on or before it. place_id: the person's commune when it was signed (the work lists of
-- that commune keep a person who moved away); signer_place_id: the body whose chairman signed.
CREATE TABLE allowance_decisions (
	id INTEGER PRIMARY KEY,
	person_id INTEGER NOT NULL REFERENCES persons(id),
	action TEXT NOT NULL CHECK (action IN ('grant', 'adjust', 'stop')),
	number TEXT NOT NULL,
	signed_on TEXT NOT NULL,
	signer TEXT NOT NULL,
	signer_level TEXT NOT NULL,
	signer_place_id INTEGER NOT NULL REFERENCES places(id),
	place_id INTEGER NOT NULL REFERENCES places(id),
	rule_code TEXT,               -- grant, adjust: the allowance decided
	amount INTEGER,               -- grant, adjust: đồng a month when signed (payments follow the levels)
	month TEXT NOT NULL,          -- YYYY-MM
	channel TEXT CHECK (channel IS NULL OR channel IN ('post', 'cash')),
	reason TEXT,
	created_at TEXT NOT NULL
);
CREATE INDEX allowance_decisions_person ON allowance_decisions(person_id, month);
CREATE INDEX allowance_decisions_place ON allowance_decisions(place_id, month);

-- A month's payment signed for by the person (or their representative): the payment list shows
-- who has and who has not.
CREATE TABLE payment_receipts (
	id INTEGER PRIMARY KEY,
	person_id INTEGER NOT NULL REFERENCES persons(id),
	month TEXT NOT NULL,
	received_on TEXT NOT NULL,
	created_at TEXT NOT NULL,
	UNIQUE (person_id, month)
);
