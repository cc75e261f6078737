-- Issue #9. Every row an ingest writes also goes into each of its table's secondary indexes, at a random place
-- (pseudonyms are keyed hashes), and a row delivered unchanged on a later day moved in the day-seen indexes. Indexes
-- no query needs are dropped:
-- * person_by_birth: no query selects persons by their birthday (scoring reads them all);
-- * the four (tenant, seen_on) indexes of V9: the daily retention job now finds what no delivery has held since its
--   cut-off in one pass over each table in key order (JdbcRetentionStore), as it already did for person_attribute and
--   residence_history, which never had one.
ALTER TABLE person         DROP KEY person_by_birth, DROP KEY person_by_seen;
ALTER TABLE residence      DROP KEY residence_by_seen;
ALTER TABLE relation       DROP KEY relation_by_seen;
ALTER TABLE identity_vault DROP KEY identity_by_seen;
