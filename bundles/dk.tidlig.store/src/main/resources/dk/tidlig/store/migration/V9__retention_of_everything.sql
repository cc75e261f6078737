-- Retention of everything (issue #7): what a source no longer delivers is deleted after a configured time.
-- seen_on is the last day a delivery held the row (written or found unchanged); the retention job deletes rows
-- that no source has delivered since the cut-off, with their ledger entries.
ALTER TABLE person         ADD COLUMN seen_on DATE NULL;
ALTER TABLE residence      ADD COLUMN seen_on DATE NULL;
ALTER TABLE relation       ADD COLUMN seen_on DATE NULL;
ALTER TABLE identity_vault ADD COLUMN seen_on DATE NULL;
UPDATE person         SET seen_on = DATE(updated_at);
UPDATE residence      SET seen_on = DATE(updated_at);
UPDATE relation       SET seen_on = DATE(updated_at);
UPDATE identity_vault SET seen_on = DATE(updated_at);
ALTER TABLE person         MODIFY seen_on DATE NOT NULL, ADD KEY person_by_seen (tenant, seen_on);
ALTER TABLE residence      MODIFY seen_on DATE NOT NULL, ADD KEY residence_by_seen (tenant, seen_on);
ALTER TABLE relation       MODIFY seen_on DATE NOT NULL, ADD KEY relation_by_seen (tenant, seen_on);
ALTER TABLE identity_vault MODIFY seen_on DATE NOT NULL, ADD KEY identity_by_seen (tenant, seen_on);

-- Old score runs and closed cases are purged by age.
CREATE INDEX score_run_by_started ON score_run (tenant, started_at);
CREATE INDEX outreach_case_by_state ON outreach_case (tenant, state, updated_at);
CREATE INDEX risk_event_by_end ON risk_event (tenant, end_date);
