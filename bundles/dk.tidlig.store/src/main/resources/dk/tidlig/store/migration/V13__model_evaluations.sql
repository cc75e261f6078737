-- Evidence (issue #8): the evaluations of model versions, and their activation. An evaluation holds figures for groups
-- of children, never a person; small groups hold their size only.
CREATE TABLE model_evaluation (
  id             BIGINT        NOT NULL AUTO_INCREMENT,
  tenant         CHAR(3)       NOT NULL,
  model_id       VARCHAR(64)   NOT NULL,
  model_version  VARCHAR(64)   NOT NULL,
  model_digest   CHAR(64)      NOT NULL,
  as_of          DATE          NOT NULL,
  outcome        VARCHAR(255)  NOT NULL,
  outcome_source VARCHAR(16)   NOT NULL,
  created_at     TIMESTAMP(3)  NOT NULL,
  created_by     VARCHAR(64)   NOT NULL,
  figures        MEDIUMTEXT    NOT NULL,              -- the figures as JSON
  report_dir     VARCHAR(512)  NULL,
  PRIMARY KEY (id),
  KEY model_evaluation_by_digest (tenant, model_digest, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE model_activation (
  id             BIGINT        NOT NULL AUTO_INCREMENT,
  tenant         CHAR(3)       NOT NULL,
  model_id       VARCHAR(64)   NOT NULL,
  model_version  VARCHAR(64)   NOT NULL,
  model_digest   CHAR(64)      NOT NULL,
  evaluation_id  BIGINT        NOT NULL,
  justification  TEXT          NULL,                  -- why it may run although a minimum is not met, when one is not
  requested_by   VARCHAR(64)   NOT NULL,
  requested_at   TIMESTAMP(3)  NOT NULL,
  decided_by     VARCHAR(64)   NULL,
  decided_at     TIMESTAMP(3)  NULL,
  state          VARCHAR(16)   NOT NULL,              -- REQUESTED, ACTIVE, REFUSED, WITHDRAWN, SUPERSEDED
  PRIMARY KEY (id),
  KEY model_activation_by_state (tenant, state)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
