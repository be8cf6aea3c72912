-- 0006: whether a successor link carries the whole old unit or a part of it. A link is partial when
-- the text names a part ("một phần …", "phần còn lại …") or when the old unit is named by two or
-- more new units' texts (a split). Roll-ups that follow links can tell the two apart.
ALTER TABLE place_links ADD COLUMN partial INTEGER NOT NULL DEFAULT 0;
-- Stores loaded before this migration: an old unit linked to two or more new units was split.
UPDATE place_links SET partial = 1
	WHERE from_id IN (SELECT from_id FROM place_links GROUP BY from_id HAVING COUNT(*) > 1);
