-- 0005: closing what a hostile review found (issue 7).
-- API tokens end: those made without an end get 90 days from their making (at most 365 for new
-- ones, see auth.h), so a forgotten token stops working by itself.
UPDATE api_tokens SET expires_at = created_at + 90 * 86400 WHERE expires_at IS NULL;

-- Login throttling (domain/throttle.c): counters per name typed and address, and per address,
-- with a delay that grows, instead of a 15-minute lock of the user from everywhere.
DROP TABLE login_failures;
CREATE TABLE login_throttle (
	key TEXT PRIMARY KEY, -- "a:ADDRESS", or "u:" and a hash of the address and the name typed
	failures INTEGER NOT NULL, -- attempts counted as failed since the counter last started
	last_at INTEGER NOT NULL -- unix seconds of the latest attempt counted
);
CREATE INDEX login_throttle_last ON login_throttle(last_at);
