-- Outreach, the audit trail and the safeguards around them (issue #4).

-- The adults of each scored family as they were when it was scored: opening a family re-identifies
-- them, and a decline erases them.
CREATE TABLE family_member (
  run_id      BIGINT       NOT NULL,
  family_id   VARCHAR(16)  NOT NULL,
  seq         SMALLINT     NOT NULL,
  person_pid  BINARY(16)   NOT NULL,
  role        VARCHAR(24)  NOT NULL,
  PRIMARY KEY (run_id, family_id, seq),
  KEY family_member_by_person (person_pid),
  CONSTRAINT member_family FOREIGN KEY (run_id, family_id) REFERENCES family_score (run_id, family_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE INDEX family_score_by_child ON family_score (child_pid);
CREATE INDEX contribution_by_person ON score_contribution (person_pid);

-- The audit trail: append-only and hash-chained. Each entry's hash is an HMAC (key in the key file,
-- outside the database) over the previous entry's hash and the entry's own fields, so that an altered,
-- inserted or removed entry breaks the chain where it happened. Never holds a CPR number, name or address.
CREATE TABLE audit_entry (
  seq        BIGINT        NOT NULL,
  tenant     CHAR(3)       NOT NULL,
  at         TIMESTAMP(3)  NOT NULL,
  actor      VARCHAR(64)   NOT NULL,
  role       VARCHAR(24)   NOT NULL,
  action     VARCHAR(32)   NOT NULL,
  subject    VARCHAR(64)   NOT NULL,
  detail     VARCHAR(500)  NOT NULL,
  prev_hash  CHAR(64)      NOT NULL,
  hash       CHAR(64)      NOT NULL,
  PRIMARY KEY (seq),
  KEY audit_by_tenant (tenant, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- A family's outreach case: its state, who has it and since when. version guards concurrent updates.
CREATE TABLE outreach_case (
  tenant       CHAR(3)      NOT NULL,
  family_id    VARCHAR(16)  NOT NULL,
  state        VARCHAR(16)  NOT NULL,
  assigned_to  VARCHAR(64)  NULL,
  updated_at   TIMESTAMP(3) NOT NULL,
  updated_by   VARCHAR(64)  NOT NULL,
  version      INT          NOT NULL,
  PRIMARY KEY (tenant, family_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE outreach_step (
  id          BIGINT       NOT NULL AUTO_INCREMENT,
  tenant      CHAR(3)      NOT NULL,
  family_id   VARCHAR(16)  NOT NULL,
  state       VARCHAR(16)  NOT NULL,
  assigned_to VARCHAR(64)  NULL,
  at          TIMESTAMP(3) NOT NULL,
  actor       VARCHAR(64)  NOT NULL,
  PRIMARY KEY (id),
  KEY outreach_step_by_family (tenant, family_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Persons of a family that declined: their families stay off the lists until the date.
CREATE TABLE suppression (
  tenant   CHAR(3)     NOT NULL,
  pid      BINARY(16)  NOT NULL,
  until    DATE        NOT NULL,
  PRIMARY KEY (tenant, pid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Data points a worker marked as disputed or wrong: left out of every later run, and named with their
-- source system so that the source can be corrected.
CREATE TABLE disputed_event (
  tenant           CHAR(3)      NOT NULL,
  source_system    VARCHAR(64)  NOT NULL,
  source_record_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  kind             VARCHAR(16)  NOT NULL,
  marked_at        TIMESTAMP(3) NOT NULL,
  marked_by        VARCHAR(64)  NOT NULL,
  PRIMARY KEY (tenant, source_system, source_record_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
