-- Source record ids are the vendors' ids, and vendors may tell "ab1" from "AB1". The ledger hashes them
-- as they are, so the columns that hold them must compare them as they are too (binary collation);
-- otherwise two records of the ledger would be one row here.
ALTER TABLE risk_event MODIFY source_record_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;
ALTER TABLE risk_event_detail MODIFY source_record_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;
ALTER TABLE score_contribution MODIFY source_record_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;
