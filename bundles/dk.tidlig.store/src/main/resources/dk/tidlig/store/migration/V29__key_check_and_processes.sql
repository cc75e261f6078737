-- Issue #7. A generation's number alone does not say which key it is: two key files raised apart both say "2". Each
-- municipality's generation now carries a check value of its key (a keyed hash of a fixed text, 8 bytes in hex), so a
-- process with another key of the same number is refused too. Rows without one take the first asking process's.
ALTER TABLE key_generation ADD COLUMN key_check CHAR(16) NULL;

-- Every tidlig process that uses the database (a server, the demo, a command) is on record while it runs, and says so
-- every 20 seconds, so that what must run alone (replacing a key) can tell whether another runs. A process that died
-- without saying goodbye is taken for gone a minute after its last word.
CREATE TABLE tidlig_process (
  id          CHAR(32)     NOT NULL,
  host        VARCHAR(255) NOT NULL,
  os_pid      BIGINT       NOT NULL,
  mode        VARCHAR(16)  NOT NULL,
  started_at  TIMESTAMP(3) NOT NULL,
  seen_at     TIMESTAMP(3) NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB;
