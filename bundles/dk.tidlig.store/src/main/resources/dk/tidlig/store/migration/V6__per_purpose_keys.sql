-- Keys per purpose (issue #7): every keyed hash now has its own key, derived with HKDF from the key file's
-- master key and a generation per purpose. The audit chain's key can be rotated: each entry records the
-- generation of the key its hash was made with, and that generation is part of what the hash covers.
ALTER TABLE audit_entry ADD COLUMN key_gen SMALLINT NOT NULL DEFAULT 1 AFTER detail;
