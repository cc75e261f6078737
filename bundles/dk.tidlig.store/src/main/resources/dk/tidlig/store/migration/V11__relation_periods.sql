-- Real CPR extracts (issue #7): two periods of the same relation (custody that ended and was given again, a
-- couple married twice) are two facts. A relation is now identified by its type, its persons and the day it
-- began (start_key: the start date, or 0001-01-01 when none is given).
ALTER TABLE relation ADD COLUMN start_key DATE NOT NULL DEFAULT '0001-01-01' AFTER to_pid;
UPDATE relation SET start_key = COALESCE(start_date, '0001-01-01');
ALTER TABLE relation DROP PRIMARY KEY, ADD PRIMARY KEY (tenant, type, from_pid, to_pid, start_key);
