-- 0014: a decision's number is once per signing committee (issue 9 review). decision_add checks it
-- inside its unit with the committee's row locked; the index keeps it true whatever writes.
CREATE UNIQUE INDEX allowance_decisions_number ON allowance_decisions(signer_place_id, number);
