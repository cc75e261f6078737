-- tidlig schema, version 1.
-- Every table carries the tenant (the municipality code): a shared deployment keeps municipalities apart.
-- No column holds a CPR number, a name or an address in clear text: persons are 16-byte pseudonyms
-- (keyed HMAC of the CPR number), households keyed hashes of the dwelling, and identities are
-- AES-GCM ciphertext in identity_vault, with the keys outside the database.

-- Deliveries: one row per file handed to an adapter, with its outcome.
CREATE TABLE ingest_file (
  id            BIGINT       NOT NULL AUTO_INCREMENT,
  tenant        CHAR(3)      NOT NULL,
  adapter_id    VARCHAR(32)  NOT NULL,
  source_system VARCHAR(64)  NOT NULL,
  file_name     VARCHAR(255) NOT NULL,
  sha256        CHAR(64)     NOT NULL,
  size_bytes    BIGINT       NOT NULL,
  status        VARCHAR(12)  NOT NULL,            -- RUNNING, COMPLETED, REJECTED, FAILED
  line_count    BIGINT       NOT NULL DEFAULT 0,
  accepted      BIGINT       NOT NULL DEFAULT 0,
  duplicates    BIGINT       NOT NULL DEFAULT 0,
  quarantined   BIGINT       NOT NULL DEFAULT 0,
  skipped       BIGINT       NOT NULL DEFAULT 0,
  reason        VARCHAR(500) NULL,
  started_at    TIMESTAMP(3) NOT NULL,
  finished_at   TIMESTAMP(3) NULL,
  PRIMARY KEY (id),
  KEY ingest_file_by_adapter (tenant, adapter_id, started_at),
  KEY ingest_file_by_content (sha256)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Idempotency: every stored record by (tenant, source system, record key) with the keyed hash of its
-- content. Same key and hash: a duplicate; same key, other hash: a correction.
CREATE TABLE ingest_ledger (
  tenant        CHAR(3)      NOT NULL,
  source_system VARCHAR(64)  NOT NULL,
  record_key    BINARY(16)   NOT NULL,            -- SHA-256 of the (non-personal) record key, truncated
  content_hash  BINARY(16)   NOT NULL,            -- keyed HMAC of the record's content, truncated
  file_id       BIGINT       NOT NULL,
  line_no       BIGINT       NOT NULL,
  updated_at    TIMESTAMP(3) NOT NULL,
  PRIMARY KEY (tenant, source_system, record_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Lines that could not be stored, with the reason and where they were. The line itself is kept
-- encrypted like the identity vault, so it can be corrected and re-delivered; nothing is lost.
CREATE TABLE quarantine (
  id            BIGINT       NOT NULL AUTO_INCREMENT,
  tenant        CHAR(3)      NOT NULL,
  file_id       BIGINT       NOT NULL,
  line_no       BIGINT       NOT NULL,
  reason        VARCHAR(500) NOT NULL,
  key_id        VARCHAR(16)  NOT NULL,
  iv            BINARY(12)   NOT NULL,
  raw_line      VARBINARY(16384) NOT NULL,
  created_at    TIMESTAMP(3) NOT NULL,
  resolved_at   TIMESTAMP(3) NULL,
  PRIMARY KEY (id),
  KEY quarantine_by_file (file_id, line_no),
  KEY quarantine_by_tenant (tenant, created_at),
  CONSTRAINT quarantine_file FOREIGN KEY (file_id) REFERENCES ingest_file (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE person (
  tenant            CHAR(3)      NOT NULL,
  pid               BINARY(16)   NOT NULL,
  birth_date        DATE         NOT NULL,
  sex               CHAR(1)      NULL,            -- K or M
  status            VARCHAR(12)  NULL,            -- RESIDENT, INACTIVE, DISAPPEARED, EMIGRATED, DEAD
  municipality_code CHAR(3)      NULL,
  updated_at        TIMESTAMP(3) NOT NULL,
  PRIMARY KEY (tenant, pid),
  KEY person_by_birth (tenant, birth_date)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Current residence: the dwelling as a keyed hash; persons with the same hash share a household.
CREATE TABLE residence (
  tenant            CHAR(3)      NOT NULL,
  pid               BINARY(16)   NOT NULL,
  household         BINARY(16)   NOT NULL,
  municipality_code CHAR(3)      NOT NULL,
  since             DATE         NULL,
  updated_at        TIMESTAMP(3) NOT NULL,
  PRIMARY KEY (tenant, pid),
  KEY residence_by_household (tenant, household)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE relation (
  tenant        CHAR(3)      NOT NULL,
  type          VARCHAR(24)  NOT NULL,
  from_pid      BINARY(16)   NOT NULL,
  to_pid        BINARY(16)   NOT NULL,
  start_date    DATE         NULL,
  end_date      DATE         NULL,
  source_system VARCHAR(64)  NOT NULL,
  updated_at    TIMESTAMP(3) NOT NULL,
  PRIMARY KEY (tenant, type, from_pid, to_pid),
  KEY relation_by_to (tenant, to_pid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE risk_event (
  id               BIGINT       NOT NULL AUTO_INCREMENT,
  tenant           CHAR(3)      NOT NULL,
  source_system    VARCHAR(64)  NOT NULL,
  source_record_id VARCHAR(128) NOT NULL,
  subject_pid      BINARY(16)   NOT NULL,
  indicator        VARCHAR(48)  NOT NULL,
  start_date       DATE         NOT NULL,
  end_date         DATE         NULL,
  file_id          BIGINT       NOT NULL,
  line_no          BIGINT       NOT NULL,
  received_at      TIMESTAMP(3) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY risk_event_by_source (tenant, source_system, source_record_id),
  KEY risk_event_by_subject (tenant, subject_pid),
  KEY risk_event_by_date (tenant, start_date)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE risk_event_detail (
  tenant           CHAR(3)      NOT NULL,
  source_system    VARCHAR(64)  NOT NULL,
  source_record_id VARCHAR(128) NOT NULL,
  seq              SMALLINT     NOT NULL,
  code_system      VARCHAR(64)  NOT NULL,
  code             VARCHAR(40)  NOT NULL,
  display          VARCHAR(120) NULL,
  PRIMARY KEY (tenant, source_system, source_record_id, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The identity vault: CPR number, name and address per person, AES-256-GCM, additional data = tenant,
-- pseudonym and kind. key_id names the key in the key file (outside the database).
CREATE TABLE identity_vault (
  tenant     CHAR(3)       NOT NULL,
  pid        BINARY(16)    NOT NULL,
  kind       VARCHAR(12)   NOT NULL,              -- CPR, NAME, ADDRESS
  key_id     VARCHAR(16)   NOT NULL,
  iv         BINARY(12)    NOT NULL,
  ciphertext VARBINARY(2048) NOT NULL,
  updated_at TIMESTAMP(3)  NOT NULL,
  PRIMARY KEY (tenant, pid, kind)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE score_run (
  id                BIGINT       NOT NULL AUTO_INCREMENT,
  tenant            CHAR(3)      NOT NULL,
  model_id          VARCHAR(64)  NOT NULL,
  model_version     VARCHAR(32)  NOT NULL,
  model_digest      CHAR(64)     NOT NULL,
  as_of             DATE         NOT NULL,
  window_start      DATE         NOT NULL,
  legal_basis_id    VARCHAR(64)  NOT NULL,
  input_fingerprint CHAR(64)     NOT NULL,
  started_at        TIMESTAMP(3) NOT NULL,
  finished_at       TIMESTAMP(3) NOT NULL,
  families_scored   INT          NOT NULL,
  families_flagged  INT          NOT NULL,
  PRIMARY KEY (id),
  KEY score_run_by_tenant (tenant, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Families with at least one contribution; families scored 0 are counted in score_run only.
CREATE TABLE family_score (
  run_id      BIGINT       NOT NULL,
  family_id   VARCHAR(16)  NOT NULL,
  child_pid   BINARY(16)   NOT NULL,
  child_birth DATE         NOT NULL,
  score       INT          NOT NULL,
  flagged     BOOLEAN      NOT NULL,
  indicators  SMALLINT     NOT NULL,
  PRIMARY KEY (run_id, family_id),
  KEY family_score_list (run_id, flagged, score),
  CONSTRAINT family_score_run FOREIGN KEY (run_id) REFERENCES score_run (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE score_contribution (
  run_id           BIGINT       NOT NULL,
  family_id        VARCHAR(16)  NOT NULL,
  seq              SMALLINT     NOT NULL,
  indicator        VARCHAR(48)  NOT NULL,
  role             VARCHAR(24)  NOT NULL,
  person_pid       BINARY(16)   NOT NULL,
  source_system    VARCHAR(64)  NOT NULL,
  source_record_id VARCHAR(128) NOT NULL,
  start_date       DATE         NOT NULL,
  end_date         DATE         NULL,
  points           INT          NOT NULL,
  basis            VARCHAR(200) NOT NULL,
  PRIMARY KEY (run_id, family_id, seq),
  CONSTRAINT contribution_family FOREIGN KEY (run_id, family_id) REFERENCES family_score (run_id, family_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
