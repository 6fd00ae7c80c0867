-- R34: the asset (in asset-service) that is the user's profile photo; null when there is none.
ALTER TABLE users ADD COLUMN photo_asset_id CHAR(36) NULL;
