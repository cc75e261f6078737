-- When a delivery last made progress: its start, each stored chunk, a take-over. A delivery owned by a process on
-- another host (a second node) cannot be judged by its process id: it counts as abandoned when it has made no
-- progress for longer than the ingest's ownerSilentMinutes.
ALTER TABLE ingest_file ADD COLUMN progress_at TIMESTAMP(3) NULL;
UPDATE ingest_file SET progress_at = COALESCE(finished_at, started_at);
