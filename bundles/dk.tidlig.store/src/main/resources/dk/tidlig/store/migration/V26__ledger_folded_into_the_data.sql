-- The idempotency ledger is folded into the data tables (issue #9): each row holds the keyed hash of the content it
-- was last written with, and a delivered row is a duplicate when the row it would write is held with the same hash.
-- A person's row is compared by its facts instead (a FHIR Patient fills in what it gives and keeps the rest, so the
-- row held need not equal any one delivery).
-- One row per record instead of two (the ledger's key was a random 16 bytes in a B-tree of its own), and the
-- classification reads the pages the write is about to change anyway.
--
-- Content hashes hash the content alone, not the source system: a relation the CPR extract and a FHIR delivery hold
-- alike is held once, and either delivery of it again is a duplicate; where two sources disagree, the later one
-- is stored (and counted so), as the row itself shows.
--
-- The hashes are not carried over from the ledger (its keys are hashes of the records' keys, not joinable here): rows
-- written before this version have none, are "held, content unknown", and the next delivery of each writes it again
-- once and counts it as stored.
ALTER TABLE residence         ADD COLUMN content_hash BINARY(16) NULL;
ALTER TABLE residence_history ADD COLUMN content_hash BINARY(16) NULL;
ALTER TABLE person_attribute  ADD COLUMN content_hash BINARY(16) NULL;
ALTER TABLE identity_vault    ADD COLUMN content_hash BINARY(16) NULL;
ALTER TABLE relation          ADD COLUMN content_hash BINARY(16) NULL;
ALTER TABLE risk_event        ADD COLUMN content_hash BINARY(16) NULL;
DROP TABLE ingest_ledger;
