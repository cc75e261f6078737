-- Issue #11, one flow per case. A worker who opens a family with a purpose works on its case for a while (30 minutes
-- by default) without re-identifying it for every step: the opening is audited once, with its purpose, and the case's
-- page is shown again from this row until it expires, the worker leaves the case or signs out, or the family declines
-- (the decline deletes the row with the rest of the family's case).
CREATE TABLE case_session (
  tenant      CHAR(3)      NOT NULL,
  username    VARCHAR(64)  NOT NULL,
  family_id   VARCHAR(16)  NOT NULL,
  purpose     VARCHAR(32)  NOT NULL,
  opened_at   TIMESTAMP(3) NOT NULL,
  expires_at  TIMESTAMP(3) NOT NULL,
  PRIMARY KEY (tenant, username, family_id),
  KEY case_session_by_family (tenant, family_id),
  KEY case_session_by_expiry (tenant, expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A contact with the family, recorded with the step that records it: the day, the channel (a code from a fixed list) and
-- the worker's note, sealed with the vault's key (a note may name people). Erased with the case's steps.
ALTER TABLE outreach_step
  ADD COLUMN contact_date DATE           NULL,
  ADD COLUMN channel      VARCHAR(16)    NULL,
  ADD COLUMN note_key     VARCHAR(32)    NULL,
  ADD COLUMN note_iv      VARBINARY(16)  NULL,
  ADD COLUMN note         VARBINARY(4200) NULL;

-- Why a data point was marked (a code from a fixed list); a team lead may withdraw the mark.
ALTER TABLE disputed_event ADD COLUMN reason VARCHAR(32) NULL;
