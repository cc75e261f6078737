-- What the audit trail last recorded of each configuration: a keyed digest per property (never the
-- values, which may be passwords), so that a change is audited once, with the names of the properties
-- that changed.
CREATE TABLE config_state (
  pid         VARCHAR(200)  NOT NULL,
  digests     TEXT          NOT NULL,
  updated_at  TIMESTAMP(3)  NOT NULL,
  PRIMARY KEY (pid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
