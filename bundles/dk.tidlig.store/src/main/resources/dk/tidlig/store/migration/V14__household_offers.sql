-- Siblings in one household form one offer: the family scores of a run carry the household offer they belong to
-- (a keyed id of the household, "H-" and ten letters; null in runs made before this, where each family is its own offer).
ALTER TABLE family_score ADD COLUMN offer_id VARCHAR(16) NULL;
CREATE INDEX family_score_offer ON family_score (run_id, offer_id);
