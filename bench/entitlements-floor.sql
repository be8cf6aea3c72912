-- bench/entitlements-floor.sql - the floor for bench/entitlements.sh: in one query each, what
-- nct reads to build the lists, hand-written. {{PLACE_PATH}} is the path of the place (the
-- generator puts everyone under the 2025 province), {{DATE}} the date, {{MONTH}} its month.
-- 1. the work lists' input: every person of the place with the latest of each fact on the date
--    and the decision in force that month (the rules themselves then run in memory)
SELECT 'worklist_input', COUNT(*), SUM(d.id IS NOT NULL) FROM persons p
JOIN places pl ON pl.id = p.place_id
LEFT JOIN allowance_decisions d ON d.id = (SELECT d2.id FROM allowance_decisions d2
     WHERE d2.person_id = p.id AND d2.month <= '{{MONTH}}'
     ORDER BY d2.month DESC, d2.signed_on DESC, d2.id DESC LIMIT 1)
LEFT JOIN person_facts fp ON fp.id = (SELECT f.id FROM person_facts f WHERE f.person_id = p.id
     AND f.kind = 'pension' AND (f.valid_from IS NULL OR f.valid_from <= '{{DATE}}')
     ORDER BY f.valid_from DESC, f.id DESC LIMIT 1)
LEFT JOIN person_facts fv ON fv.id = (SELECT f.id FROM person_facts f WHERE f.person_id = p.id
     AND f.kind = 'poverty' AND (f.valid_from IS NULL OR f.valid_from <= '{{DATE}}')
     ORDER BY f.valid_from DESC, f.id DESC LIMIT 1)
LEFT JOIN person_facts fs ON fs.id = (SELECT f.id FROM person_facts f WHERE f.person_id = p.id
     AND f.kind = 'supporter' AND (f.valid_from IS NULL OR f.valid_from <= '{{DATE}}')
     ORDER BY f.valid_from DESC, f.id DESC LIMIT 1)
WHERE pl.path >= '{{PLACE_PATH}}' AND pl.path < '{{PLACE_END}}';
-- 2. the payment list: the grants in force that month, with totals by category
SELECT 'payments', d.rule_code, COUNT(*), SUM(d.amount) FROM allowance_decisions d
JOIN places pl ON pl.id = d.place_id
WHERE pl.path >= '{{PLACE_PATH}}' AND pl.path < '{{PLACE_END}}' AND d.month <= '{{MONTH}}'
AND d.action != 'stop' AND d.id = (SELECT d2.id FROM allowance_decisions d2
     WHERE d2.person_id = d.person_id AND d2.month <= '{{MONTH}}'
     ORDER BY d2.month DESC, d2.signed_on DESC, d2.id DESC LIMIT 1)
GROUP BY d.rule_code ORDER BY d.rule_code;
