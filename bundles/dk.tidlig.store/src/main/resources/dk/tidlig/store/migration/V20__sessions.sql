-- Signed-in sessions in the database (issue #10): a restart signs nobody out, and two tidlig nodes behind one proxy
-- share them. The session id is the browser's cookie and is never stored: only its SHA-256, so that a copy of this table
-- signs nobody in. The CSRF token is only of use together with the cookie.
CREATE TABLE app_session (
  id_hash       BINARY(32)    NOT NULL,
  tenant        CHAR(3)       NOT NULL,
  username      VARCHAR(255)  NOT NULL,
  role          VARCHAR(32)   NOT NULL,
  csrf          VARCHAR(64)   NOT NULL,
  credential    VARCHAR(128)  NULL,
  language      CHAR(2)       NOT NULL,
  started_at    TIMESTAMP(3)  NOT NULL,
  last_used_at  TIMESTAMP(3)  NOT NULL,
  PRIMARY KEY (id_hash),
  KEY app_session_by_use (last_used_at),
  KEY app_session_by_start (started_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
