-- A decline that nothing can link back (issue #7).
--
-- Audit entries about a family name it by a random reference, never by its family id. This table is the only
-- link between the two, with a per-family key that seals the entries' details (which data point was disputed).
-- A decline deletes the row (crypto-shredding): the entries stay in the chain and verify, but nobody - a DBA
-- holding the key file included - can tell which family they were about.
CREATE TABLE family_reference (
  tenant      CHAR(3)      NOT NULL,
  family_id   VARCHAR(16)  NOT NULL,
  reference   CHAR(13)     NOT NULL,
  secret      BINARY(32)   NOT NULL,
  created_at  TIMESTAMP(3) NOT NULL,
  PRIMARY KEY (tenant, family_id),
  UNIQUE KEY family_reference_by_reference (tenant, reference)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Suppression after a decline: a keyed hash of the child's CPR number with a key of its own, never a
-- pseudonym, so a marker matches only for whoever already holds the CPR number. Retention deletes it when the
-- period ends. (The markers of the first schema named pseudonyms; there were none outside tests and demos.)
DROP TABLE suppression;
CREATE TABLE suppression (
  tenant   CHAR(3)     NOT NULL,
  marker   BINARY(16)  NOT NULL,
  until    DATE        NOT NULL,
  PRIMARY KEY (tenant, marker),
  KEY suppression_by_until (until)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
