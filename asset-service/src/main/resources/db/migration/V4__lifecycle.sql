-- What the clean-up (AssetSweeper) needs to find media no message refers to any more, by index:
-- last_used_at: uploaded, or last sent (a grant); all_fetched_at: when the last of its recipients
-- first fetched it (null while one has not, and again after it is sent anew); fetched_at: when this
-- recipient first got a download URL.
ALTER TABLE asset_grants ADD COLUMN fetched_at DATETIME(3) NULL;
ALTER TABLE assets ADD COLUMN last_used_at DATETIME(3) NULL, ADD COLUMN all_fetched_at DATETIME(3) NULL;
UPDATE assets SET last_used_at = created_at;
ALTER TABLE assets MODIFY last_used_at DATETIME(3) NOT NULL,
  ADD INDEX assets_by_state_created (state, created_at),
  ADD INDEX assets_by_last_used (last_used_at),
  ADD INDEX assets_by_all_fetched (all_fetched_at);
