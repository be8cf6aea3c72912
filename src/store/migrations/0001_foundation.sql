-- 0001: places, organisations, users, sessions, tokens, throttling, audit.
-- Portable SQL: the PostgreSQL engine turns INTEGER into BIGINT, "INTEGER PRIMARY KEY" into an
-- identity column and COLLATE BINARY into COLLATE "C" (byte order, which path ranges rely on).

CREATE TABLE places (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL,
	level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4), -- province, district, commune, village
	name TEXT NOT NULL,
	name_fold TEXT NOT NULL,
	parent_id INTEGER REFERENCES places(id),
	path TEXT NOT NULL COLLATE BINARY, -- "/12/345/6789/": ids from the root, for subtree queries
	valid_from TEXT,    -- NULL: in force since before our records begin
	valid_to TEXT,      -- NULL: still in force
	predecessors TEXT,  -- the published text of what the unit was formed from
	source TEXT NOT NULL DEFAULT 'official' -- 'official' (loaded) or 'user' (villages)
);
CREATE UNIQUE INDEX places_code_from ON places(code, valid_from);
CREATE INDEX places_parent ON places(parent_id);
CREATE INDEX places_path ON places(path);
CREATE INDEX places_level ON places(level, valid_to, valid_from);
CREATE INDEX places_level_path ON places(level, path); -- subtree counts by level

CREATE TABLE place_links (
	from_id INTEGER NOT NULL REFERENCES places(id),
	to_id INTEGER NOT NULL REFERENCES places(id),
	PRIMARY KEY (from_id, to_id)
);
CREATE INDEX place_links_to ON place_links(to_id);

CREATE TABLE orgs (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	name_fold TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('agency', 'association', 'committee', 'bank', 'media',
		'mass', 'people_committee')),
	place_id INTEGER NOT NULL REFERENCES places(id),
	valid_from TEXT,
	valid_to TEXT,
	note TEXT
);
CREATE INDEX orgs_place ON orgs(place_id);

CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	username TEXT NOT NULL UNIQUE,
	display_name TEXT NOT NULL,
	role TEXT NOT NULL CHECK (role IN ('admin', 'province', 'department', 'district', 'commune',
		'club', 'viewer')),
	place_id INTEGER REFERENCES places(id),
	org_id INTEGER REFERENCES orgs(id),
	club_id INTEGER,
	lang TEXT NOT NULL DEFAULT 'vi' CHECK (lang IN ('vi', 'en')),
	password_hash TEXT NOT NULL,
	disabled INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL
);

-- Sessions and tokens are stored only as hashes of what the client holds.
CREATE TABLE sessions (
	token_hash TEXT PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES users(id),
	csrf TEXT NOT NULL,
	created_at INTEGER NOT NULL, -- unix seconds
	last_seen INTEGER NOT NULL,
	addr TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
	id INTEGER PRIMARY KEY,
	token_hash TEXT NOT NULL UNIQUE,
	user_id INTEGER NOT NULL REFERENCES users(id),
	name TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	expires_at INTEGER, -- NULL: until revoked
	revoked INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE login_failures (
	key TEXT PRIMARY KEY, -- "user:NAME" or "addr:IP"
	window_start INTEGER NOT NULL,
	failures INTEGER NOT NULL
);

CREATE TABLE audit (
	id INTEGER PRIMARY KEY,
	at TEXT NOT NULL, -- ISO instant, Vietnam time
	user_id INTEGER,
	username TEXT,
	addr TEXT,
	action TEXT NOT NULL, -- create, update, delete, login, ...
	entity TEXT NOT NULL, -- user, place, org, ...
	entity_id TEXT,
	old_value TEXT, -- JSON
	new_value TEXT  -- JSON
);
CREATE INDEX audit_entity ON audit(entity, entity_id);
CREATE INDEX audit_user ON audit(user_id);

-- Bumped by every change to places, in the same transaction: what a process
-- caches about the map (counts per scope) is valid while this number stands.
CREATE TABLE map_version (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	version INTEGER NOT NULL
);
INSERT INTO map_version (id, version) VALUES (1, 0);
