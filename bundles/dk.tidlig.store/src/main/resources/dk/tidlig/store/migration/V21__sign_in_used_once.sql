-- Sign-in messages that may be used only once (issue #10): a SAML assertion, an OpenID Connect state, a SAML logout
-- request. Kept in the database, so that a message used on one tidlig node is refused on the other and after a restart.
-- Only the SHA-256 of the message's id is kept, until the message could no longer be valid anyway.
CREATE TABLE sign_in_used (
  id_hash     BINARY(32)    NOT NULL,
  expires_at  TIMESTAMP(3)  NOT NULL,
  PRIMARY KEY (id_hash),
  KEY sign_in_used_by_expiry (expires_at)
) ENGINE=InnoDB;
