-- No delivery lost to one bad line (issue #7): a quarantined line is kept sealed up to 16,384 characters (up to
-- 64 KiB of UTF-8, plus the tag), so a long line is quarantined like any other instead of failing the delivery.
ALTER TABLE quarantine MODIFY raw_line MEDIUMBLOB NOT NULL;
