-- What may happen only once across every tidlig node (issue #10): a sign-in message used (a SAML assertion, an OpenID
-- Connect state, a SAML logout request) and a scheduled job's run in its interval. In the database, so that what one node
-- did the other does not do again, also after a restart; no lock that only one database node knows (MariaDB's GET_LOCK
-- is not cluster-wide under Galera): a primary key, which is. Only the SHA-256 of the id is kept, until it could no longer
-- be used anyway.
CREATE TABLE used_once (
  id_hash     BINARY(32)    NOT NULL,
  expires_at  TIMESTAMP(3)  NOT NULL,
  PRIMARY KEY (id_hash),
  KEY used_once_by_expiry (expires_at)
) ENGINE=InnoDB;
