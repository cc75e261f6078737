-- A delivery's progress, committed with each chunk of its lines: the last line whose rows, quarantine
-- entries and counts are stored. The counts of ingest_file grow with each chunk in the same transaction,
-- so that they always equal what is held, also for a delivery that was interrupted.
-- owner: the process ingesting it (pid@host/start), so that a delivery whose process died (kill -9, power
-- loss) is told from one still running, and resumed after its last stored chunk; archive_id: its sealed copy
-- in the archive of deliveries, from which it is read again. INTERRUPTED: a delivery whose process died and
-- that has no sealed copy; importing the same file again resumes it.
ALTER TABLE ingest_file
  ADD COLUMN lines_done BIGINT NOT NULL DEFAULT 0 AFTER skipped,
  ADD COLUMN owner VARCHAR(160) NULL AFTER lines_done,
  ADD COLUMN archive_id VARCHAR(64) NULL AFTER owner,
  ADD KEY ingest_file_by_status (status, tenant, adapter_id);
