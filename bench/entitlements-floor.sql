-- bench/entitlements-floor.sql - the floor for bench/entitlements.sh: in one query each, what
-- nct reads to build the lists, hand-written. {{PLACE_PATH}} is the path of the place (the
-- generator puts everyone under the 2025 province), {{DATE}} the date, {{MONTH}} its month.
-- The same data as nct reads, in SQL only: the judging itself (the rules, in memory in nct) is
-- not written again in SQL, so the floor is lower than the lists' true cost, never higher.
-- 1. the work lists' input: every person of the place with the latest of each of the six kinds
--    of fact on the date (retracted records left out) and the decision in force that month
SELECT 'worklist_input', COUNT(*), COUNT(d.id), COUNT(fr.id), COUNT(fp.id), COUNT(fv.id),
       COUNT(fs.id), COUNT(fd.id), COUNT(fc.id) FROM persons p
JOIN places pl ON pl.id = p.place_id
LEFT JOIN allowance_decisions d ON d.id = (SELECT d2.id FROM allowance_decisions d2
     WHERE d2.person_id = p.id AND d2.month <= '{{MONTH}}'
     ORDER BY d2.month DESC, d2.signed_on DESC, d2.id DESC LIMIT 1)
LEFT JOIN person_facts fr ON fr.id = (SELECT f.id FROM person_facts f WHERE f.person_id = p.id
     AND f.kind = 'residence' AND (f.valid_from IS NULL OR f.valid_from <= '{{DATE}}')
     AND NOT EXISTS (SELECT 1 FROM person_fact_retractions r WHERE r.fact_id = f.id)
     ORDER BY COALESCE(f.valid_from, '0000-00-00') DESC, f.id DESC LIMIT 1)
LEFT JOIN person_facts fp ON fp.id = (SELECT f.id FROM person_facts f WHERE f.person_id = p.id
     AND f.kind = 'pension' AND (f.valid_from IS NULL OR f.valid_from <= '{{DATE}}')
     AND NOT EXISTS (SELECT 1 FROM person_fact_retractions r WHERE r.fact_id = f.id)
     ORDER BY COALESCE(f.valid_from, '0000-00-00') DESC, f.id DESC LIMIT 1)
LEFT JOIN person_facts fv ON fv.id = (SELECT f.id FROM person_facts f WHERE f.person_id = p.id
     AND f.kind = 'poverty' AND (f.valid_from IS NULL OR f.valid_from <= '{{DATE}}')
     AND NOT EXISTS (SELECT 1 FROM person_fact_retractions r WHERE r.fact_id = f.id)
     ORDER BY COALESCE(f.valid_from, '0000-00-00') DESC, f.id DESC LIMIT 1)
LEFT JOIN person_facts fs ON fs.id = (SELECT f.id FROM person_facts f WHERE f.person_id = p.id
     AND f.kind = 'supporter' AND (f.valid_from IS NULL OR f.valid_from <= '{{DATE}}')
     AND NOT EXISTS (SELECT 1 FROM person_fact_retractions r WHERE r.fact_id = f.id)
     ORDER BY COALESCE(f.valid_from, '0000-00-00') DESC, f.id DESC LIMIT 1)
LEFT JOIN person_facts fd ON fd.id = (SELECT f.id FROM person_facts f WHERE f.person_id = p.id
     AND f.kind = 'disability' AND (f.valid_from IS NULL OR f.valid_from <= '{{DATE}}')
     AND NOT EXISTS (SELECT 1 FROM person_fact_retractions r WHERE r.fact_id = f.id)
     ORDER BY COALESCE(f.valid_from, '0000-00-00') DESC, f.id DESC LIMIT 1)
LEFT JOIN person_facts fc ON fc.id = (SELECT f.id FROM person_facts f WHERE f.person_id = p.id
     AND f.kind = 'community_care' AND (f.valid_from IS NULL OR f.valid_from <= '{{DATE}}')
     AND NOT EXISTS (SELECT 1 FROM person_fact_retractions r WHERE r.fact_id = f.id)
     ORDER BY COALESCE(f.valid_from, '0000-00-00') DESC, f.id DESC LIMIT 1)
WHERE pl.path >= '{{PLACE_PATH}}' AND pl.path < '{{PLACE_END}}' AND p.merged_into IS NULL;
-- 2. the payment list: the grants in force that month made in the place, each with the person,
--    the residence on the 1st and the receipt of the month, with totals by category
SELECT 'payments', d.rule_code, COUNT(*), SUM(d.amount), COUNT(r.id), COUNT(fr.id)
FROM allowance_decisions d
JOIN places pl ON pl.id = d.place_id
JOIN persons p ON p.id = d.person_id AND p.merged_into IS NULL
LEFT JOIN payment_receipts r ON r.person_id = d.person_id AND r.month = '{{MONTH}}'
LEFT JOIN person_facts fr ON fr.id = (SELECT f.id FROM person_facts f
     WHERE f.person_id = d.person_id AND f.kind = 'residence'
     AND (f.valid_from IS NULL OR f.valid_from <= '{{MONTH}}-01')
     AND NOT EXISTS (SELECT 1 FROM person_fact_retractions rr WHERE rr.fact_id = f.id)
     ORDER BY COALESCE(f.valid_from, '0000-00-00') DESC, f.id DESC LIMIT 1)
WHERE pl.path >= '{{PLACE_PATH}}' AND pl.path < '{{PLACE_END}}' AND d.month <= '{{MONTH}}'
AND d.action != 'stop' AND d.id = (SELECT d2.id FROM allowance_decisions d2
     WHERE d2.person_id = d.person_id AND d2.month <= '{{MONTH}}'
     ORDER BY d2.month DESC, d2.signed_on DESC, d2.id DESC LIMIT 1)
GROUP BY d.rule_code ORDER BY d.rule_code;
