-- Access control that matches the roles' promises (issue #7).

-- A citizen's access request (GDPR art. 15) as the data protection officer registered it: the request's own
-- reference, a keyed reference to the person (never the CPR number), how the requester's identity was checked,
-- who produced the report and when; and the second person (a team lead or an auditor) who reviewed it.
CREATE TABLE access_request (
  tenant          CHAR(3)      NOT NULL,
  reference       VARCHAR(40)  NOT NULL,
  person_ref      CHAR(13)     NOT NULL,
  identity_check  VARCHAR(24)  NOT NULL,
  requested_by    VARCHAR(64)  NOT NULL,
  requested_at    TIMESTAMP(3) NOT NULL,
  reports         INT          NOT NULL DEFAULT 1,
  reviewed_by     VARCHAR(64)  NULL,
  reviewed_at     TIMESTAMP(3) NULL,
  PRIMARY KEY (tenant, reference),
  KEY access_request_by_user (tenant, requested_by, requested_at),
  KEY access_request_unreviewed (tenant, reviewed_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Users who sign in with the municipality's SSO, identified by issuer and subject, never by a user name alone:
-- the user name shown and audited is bound to one (issuer, subject) the first time it signs in.
CREATE TABLE sso_identity (
  issuer       VARCHAR(255) NOT NULL,
  subject      VARCHAR(255) NOT NULL,
  username     VARCHAR(64)  NOT NULL,
  tenant       CHAR(3)      NOT NULL,
  first_seen   TIMESTAMP(3) NOT NULL,
  PRIMARY KEY (issuer, subject),
  UNIQUE KEY sso_identity_by_username (username)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
