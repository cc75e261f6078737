-- Local users for small installations and the demo (municipalities with their own SSO sign in with
-- OpenID Connect instead). Passwords are stored as PBKDF2-HMAC-SHA256 hashes with a salt per user.
CREATE TABLE app_user (
  tenant          CHAR(3)      NOT NULL,
  username        VARCHAR(64)  NOT NULL,
  role            VARCHAR(24)  NOT NULL,
  password_hash   VARCHAR(200) NOT NULL,
  disabled        BOOLEAN      NOT NULL DEFAULT FALSE,
  created_at      TIMESTAMP(3) NOT NULL,
  PRIMARY KEY (username)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
