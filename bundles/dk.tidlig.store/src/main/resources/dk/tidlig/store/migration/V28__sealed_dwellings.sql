-- Issue #7: the household key is replaced in place too. A household is a keyed hash of the dwelling, and the dwelling
-- (municipality, street code, house number, floor, door) was kept nowhere, so a new key could only come with a new import.
-- Each residence now keeps its dwelling sealed with the vault's key (bound to the household it gives), for the rekeying
-- alone. Rows stored before have none: their content is "held, unknown" (as after V26), so the next delivery of each writes
-- it again once, dwelling included; until then 'keys rekey household' refuses and says so.
ALTER TABLE residence
  ADD COLUMN dwelling_key VARCHAR(16)   NULL,
  ADD COLUMN dwelling_iv  BINARY(12)    NULL,
  ADD COLUMN dwelling     VARBINARY(200) NULL;
ALTER TABLE residence_history
  ADD COLUMN dwelling_key VARCHAR(16)   NULL,
  ADD COLUMN dwelling_iv  BINARY(12)    NULL,
  ADD COLUMN dwelling     VARBINARY(200) NULL;
UPDATE residence SET content_hash = NULL;
UPDATE residence_history SET content_hash = NULL;
INSERT IGNORE INTO key_generation (tenant, purpose, generation, changed_at)
  SELECT tenant, 'household', 1, NOW(3) FROM key_generation WHERE purpose = 'pseudonym';
