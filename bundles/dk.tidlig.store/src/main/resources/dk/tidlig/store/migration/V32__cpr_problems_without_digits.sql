-- A quarantined line's reason named the month, or the day and month, of a CPR number that did not exist ("CPR number has
-- month 13, which does not exist", "... (day 31 of month 4)"): digits of a mistyped number, which is still most of a
-- person's. Reasons now name the rule alone; those already stored are rewritten the same way, in the quarantine and in
-- the deliveries' own reasons.
UPDATE quarantine SET reason = REGEXP_REPLACE(reason, 'CPR number has month [0-9]+, which does not exist',
    'CPR number has a month that does not exist')
  WHERE reason LIKE '%CPR number has month %';
UPDATE quarantine SET reason = REGEXP_REPLACE(reason, 'CPR number has a birth date that does not exist \\(day [0-9]+ of month [0-9]+\\)',
    'CPR number has a birth date that does not exist (a day past the end of its month)')
  WHERE reason LIKE '%(day % of month %)%';
UPDATE ingest_file SET reason = REGEXP_REPLACE(reason, 'CPR number has month [0-9]+, which does not exist',
    'CPR number has a month that does not exist')
  WHERE reason LIKE '%CPR number has month %';
UPDATE ingest_file SET reason = REGEXP_REPLACE(reason, 'CPR number has a birth date that does not exist \\(day [0-9]+ of month [0-9]+\\)',
    'CPR number has a birth date that does not exist (a day past the end of its month)')
  WHERE reason LIKE '%(day % of month %)%';
