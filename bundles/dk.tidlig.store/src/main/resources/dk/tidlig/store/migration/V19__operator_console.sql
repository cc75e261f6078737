-- The operator's view of deliveries (issue #10): how far a running delivery is (the characters of the lines read, beside
-- the file's size), who or what delivered it (the inbox, an import by an operating-system user, a reprocessing of the
-- archive), and which later delivery corrected a delivery's quarantined lines.
ALTER TABLE ingest_file
  ADD COLUMN bytes_done BIGINT NOT NULL DEFAULT 0 AFTER lines_done,
  ADD COLUMN delivered_by VARCHAR(120) NULL AFTER archive_id,
  ADD KEY ingest_file_by_tenant (tenant, id);
UPDATE ingest_file SET bytes_done = size_bytes WHERE status = 'COMPLETED';
ALTER TABLE quarantine
  ADD COLUMN resolved_by BIGINT NULL AFTER resolved_at;
