-- Issue #9. A score run's families are written in parts by several connections at once, each part committed on its own,
-- and the run's row in score_run is committed last: every query reaches a run's families through that row, so a run is
-- seen whole or not at all. While a run is being stored it is marked here, committed before its first part; the mark
-- goes in the transaction that commits the run's row. A mark left behind (the process died in between) says which
-- parts no query reaches: the next run removes them once the mark is older than any run takes (JdbcScoreStore).
CREATE TABLE score_run_storing (
  run_id     BIGINT       NOT NULL,
  tenant     CHAR(3)      NOT NULL,
  started_at TIMESTAMP(3) NOT NULL,
  PRIMARY KEY (run_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
