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
