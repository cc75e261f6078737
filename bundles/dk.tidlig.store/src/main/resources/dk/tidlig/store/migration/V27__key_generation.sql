-- Issue #7: the pseudonym and family-id keys are replaced in place. Each municipality's rows are held under one
-- generation of each key; 'bin/tidlig keys rekey' carries them over to the next in one transaction and records it here.
-- A process whose key file has another generation than the rows it would write or read refuses to ingest, score or look
-- up a person (it would make pseudonyms or family ids that match nothing).
CREATE TABLE key_generation (
  tenant      CHAR(3)      NOT NULL,
  purpose     VARCHAR(16)  NOT NULL,
  generation  INT          NOT NULL,
  changed_at  TIMESTAMP(3) NOT NULL,
  PRIMARY KEY (tenant, purpose)
) ENGINE=InnoDB;
-- Every municipality with data so far holds it under generation 1 (the pseudonym and family-id keys could not be raised
-- before). A municipality without a row has no data yet: its first delivery or run records the key file's generation.
INSERT INTO key_generation (tenant, purpose, generation, changed_at)
  SELECT t.tenant, p.purpose, 1, NOW(3)
  FROM (SELECT tenant FROM person UNION SELECT tenant FROM identity_vault UNION SELECT tenant FROM risk_event
        UNION SELECT tenant FROM score_run UNION SELECT tenant FROM outreach_case UNION SELECT tenant FROM trial_allocation
        UNION SELECT tenant FROM access_request) t
  CROSS JOIN (SELECT 'pseudonym' AS purpose UNION SELECT 'family') p;
