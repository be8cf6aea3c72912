-- 0005: closing what a hostile review found (issue 7).
-- API tokens end: those made without an end get 90 days from their making (at most 365 for new
-- ones, see auth.h), so a forgotten token stops working by itself.
UPDATE api_tokens SET expires_at = created_at + 90 * 86400 WHERE expires_at IS NULL;
