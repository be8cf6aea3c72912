-- 0026: a plan's targets take their places as of the plan's date (plan_targets.place_on, 0007),
-- and move with it when the plan's date is edited, as its file would import them again
-- (docs/plans.md). Until now an edited date left the rows on the old day, where the delete of a
-- target's old row (which now names place_on) could not find them. A row of a plan whose key
-- (its code, else its id) names the plan takes the plan's day; a stale row whose key the plan's
-- day has already is dropped first (the newer row holds the target's figures).
DELETE FROM plan_targets
	WHERE EXISTS (SELECT 1 FROM plans p
		WHERE COALESCE(p.code, p.slug) = plan_targets.plan
		AND plan_targets.place_on <> CASE WHEN length(p.doc_date) = 7
			THEN p.doc_date || '-01' ELSE p.doc_date END
		AND EXISTS (SELECT 1 FROM plan_targets o
			WHERE o.plan = plan_targets.plan AND o.indicator = plan_targets.indicator
			AND o.place_code = plan_targets.place_code AND o.by_date = plan_targets.by_date
			AND o.place_on = CASE WHEN length(p.doc_date) = 7
				THEN p.doc_date || '-01' ELSE p.doc_date END));
UPDATE plan_targets
	SET place_on = (SELECT CASE WHEN length(p.doc_date) = 7 THEN p.doc_date || '-01'
			ELSE p.doc_date END
		FROM plans p WHERE COALESCE(p.code, p.slug) = plan_targets.plan)
	WHERE EXISTS (SELECT 1 FROM plans p
		WHERE COALESCE(p.code, p.slug) = plan_targets.plan
		AND plan_targets.place_on <> CASE WHEN length(p.doc_date) = 7
			THEN p.doc_date || '-01' ELSE p.doc_date END);
