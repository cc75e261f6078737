-- Does the outreach help? When more households are eligible than the staff can reach, the order of offers may be
-- decided by a recorded lottery among the eligible (a wait-list design), only when the legal basis names it.

-- One lottery per score run: the seed, so that anyone holding the run's eligible offers can redraw it, and the counts.
CREATE TABLE trial_draw (
  run_id       BIGINT       NOT NULL PRIMARY KEY,
  tenant       CHAR(3)      NOT NULL,
  as_of        DATE         NOT NULL,
  seed         BINARY(32)   NOT NULL,
  eligible     INT          NOT NULL,
  offered      INT          NOT NULL,
  wait_listed  INT          NOT NULL,
  after_wait   INT          NOT NULL,
  legal_basis  VARCHAR(64)  NOT NULL,
  drawn_at     TIMESTAMP(3) NOT NULL,
  KEY trial_draw_tenant (tenant, as_of)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- A household's place in the trial, from the lottery that first drew it: offered now (OFFER) or wait-listed (WAIT)
-- until wait_until, after which a later run's list may offer it (listed_run). The offer made (the first contact), the
-- household's answer, and for a household that declined the day of its first outcome after as_of: its data is erased
-- with the decline, so the outcome is kept here, and the household id and its place in the draw are set to null.
CREATE TABLE trial_allocation (
  id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  tenant       CHAR(3)      NOT NULL,
  run_id       BIGINT       NOT NULL,
  as_of        DATE         NOT NULL,
  offer_id     VARCHAR(16)  NULL,
  arm          VARCHAR(8)   NOT NULL,
  draw_rank    INT          NULL,
  children     INT          NOT NULL,
  wait_until   DATE         NULL,
  listed_run   BIGINT       NULL,
  offered_on   DATE         NULL,
  response     VARCHAR(10)  NULL,
  outcome_day  DATE         NULL,
  UNIQUE KEY trial_allocation_offer (tenant, offer_id),
  KEY trial_allocation_listed (listed_run),
  KEY trial_allocation_tenant (tenant, as_of)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- A declined household in the trial is followed up through its children's suppression markers, which match only for
-- whoever holds a child's CPR number, and only until the suppression ends: then the link goes with the marker.
ALTER TABLE suppression ADD COLUMN allocation_id BIGINT NULL;
