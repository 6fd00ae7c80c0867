-- Assets in use as a profile photo (R34), and the two sizes the service made of each: a photo of at
-- most 640 px and a thumbnail of at most 160 px, both re-encoded as JPEG (no metadata of the
-- original, such as where it was taken, survives). Anybody signed in may fetch these two; the
-- original only its owner. Gone with the asset.
CREATE TABLE profile_photos (
  asset_id        CHAR(36)    NOT NULL PRIMARY KEY,
  owner_user_id   CHAR(36)    NOT NULL,
  width           INT         NOT NULL,
  height          INT         NOT NULL,
  made_at         DATETIME(3) NOT NULL,
  INDEX profile_photos_by_owner (owner_user_id),
  CONSTRAINT fk_profile_photos_asset FOREIGN KEY (asset_id) REFERENCES assets (id) ON DELETE CASCADE
) ENGINE = InnoDB;
