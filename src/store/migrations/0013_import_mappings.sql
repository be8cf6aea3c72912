-- 0013: the column mappings of person imports (issue 8 item 8), remembered per header set: the
-- next file with the same header row is read the same way without asking again.
CREATE TABLE import_mappings (
	header_key TEXT PRIMARY KEY, -- kind, then the folded header cells, as a hex digest
	kind TEXT NOT NULL CHECK (kind IN ('persons')),
	headers TEXT NOT NULL,       -- the header cells as written (JSON array)
	mapping TEXT NOT NULL,       -- JSON object: field -> column number (0-based)
	updated_at TEXT NOT NULL
);
