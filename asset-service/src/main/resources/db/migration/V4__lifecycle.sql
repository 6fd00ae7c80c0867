-- What the clean-up (AssetSweeper) needs to find media no message refers to any more, by index:
-- first_used_at: first sent (a grant) or put in use as a profile photo, null while never;
-- last_used_at: uploaded, or last sent; all_fetched_at: when the last of its recipients first fetched
-- it (null while one has not, and again once it is sent to someone new); fetched_at: when this
-- recipient first got a download URL.
ALTER TABLE asset_grants ADD COLUMN fetched_at DATETIME(3) NULL;
ALTER TABLE assets
  ADD COLUMN first_used_at DATETIME(3) NULL,
  ADD COLUMN last_used_at DATETIME(3) NULL,
  ADD COLUMN all_fetched_at DATETIME(3) NULL;
-- Assets from before: used as far as their grants and profile photos tell (not fetched, as far as
-- anybody knows: they go by the 30-day rule).
UPDATE assets a SET
  last_used_at = GREATEST(a.created_at,
      COALESCE((SELECT MAX(g.granted_at) FROM asset_grants g WHERE g.asset_id = a.id), a.created_at)),
  first_used_at = COALESCE((SELECT MIN(g.granted_at) FROM asset_grants g WHERE g.asset_id = a.id),
      (SELECT p.made_at FROM profile_photos p WHERE p.asset_id = a.id));
ALTER TABLE assets MODIFY last_used_at DATETIME(3) NOT NULL,
  ADD INDEX assets_by_state_created (state, created_at),
  ADD INDEX assets_unused (state, first_used_at, created_at),
  ADD INDEX assets_by_kind_used (kind, state, last_used_at),
  ADD INDEX assets_by_all_fetched (all_fetched_at);
