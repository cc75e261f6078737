-- After review of V23: a working session belongs to one user exactly as the user is named (SSO user names are unique
-- only case-sensitively, utf8mb4_bin), and to the run its opening showed: a new run (which may change the household and
-- its adults) needs a new, audited opening.
ALTER TABLE case_session
  MODIFY username VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
  ADD COLUMN run_id BIGINT NOT NULL DEFAULT 0;
