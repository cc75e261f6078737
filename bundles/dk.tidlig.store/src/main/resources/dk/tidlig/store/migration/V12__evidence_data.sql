-- Evidence (issue #8). A back-test as of a past day uses only what was known then: the day a source registered an
-- event, where it gives one; the households persons lived in before (CPR record 023); and, for the checks of unequal
-- treatment, a person's coarse attributes: citizenship (Danish or not) and district (postal code).
ALTER TABLE risk_event ADD COLUMN registered_on DATE NULL AFTER end_date;

CREATE TABLE residence_history (
  tenant            CHAR(3)      NOT NULL,
  pid               BINARY(16)   NOT NULL,
  from_key          DATE         NOT NULL,              -- the day moved in, or 0001-01-01 when not known
  household         BINARY(16)   NOT NULL,
  municipality_code CHAR(3)      NOT NULL,
  moved_in          DATE         NULL,
  moved_out         DATE         NOT NULL,
  updated_at        TIMESTAMP(3) NOT NULL,
  seen_on           DATE         NOT NULL,
  PRIMARY KEY (tenant, pid, from_key),
  KEY residence_history_by_household (tenant, household)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE person_attribute (
  tenant     CHAR(3)      NOT NULL,
  pid        BINARY(16)   NOT NULL,
  name       VARCHAR(16)  NOT NULL,                   -- CITIZENSHIP (DANISH, OTHER), DISTRICT (a postal code)
  value      VARCHAR(16)  NOT NULL,
  updated_at TIMESTAMP(3) NOT NULL,
  seen_on    DATE         NOT NULL,
  PRIMARY KEY (tenant, pid, name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
