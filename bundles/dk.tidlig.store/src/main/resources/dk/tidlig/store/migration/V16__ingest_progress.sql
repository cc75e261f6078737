-- A delivery's progress, committed with each chunk of its lines: the last line whose rows, quarantine
-- entries and counts are stored. The counts of ingest_file grow with each chunk in the same transaction,
-- so that they always equal what is held, also for a delivery that was interrupted.
ALTER TABLE ingest_file ADD COLUMN lines_done BIGINT NOT NULL DEFAULT 0 AFTER skipped;
