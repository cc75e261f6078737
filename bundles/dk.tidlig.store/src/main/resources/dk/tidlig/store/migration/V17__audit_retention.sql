-- The audit trail's retention (dk.tidlig.retention auditRetentionMonths): entries older than the period are deleted
-- from the oldest end. The chain then starts at the first kept entry; this one row holds that entry's number and its
-- predecessor's hash, with a MAC under the audit key, so that nobody without the key can move the start (delete more
-- entries and claim the chain began later).
CREATE TABLE audit_start (
  id            TINYINT       NOT NULL PRIMARY KEY,
  seq           BIGINT        NOT NULL,
  prev_hash     CHAR(64)      NOT NULL,
  purged_before TIMESTAMP(3)  NOT NULL,
  key_gen       INT           NOT NULL,
  mac           CHAR(64)      NOT NULL
);
