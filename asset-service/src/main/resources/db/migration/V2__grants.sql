-- Who besides the uploader may fetch an asset: each recipient of a message it was sent with, written
-- by message-service before the message is stored. view_once: fetched once per device (R26); a
-- normal send of the same asset to the same user makes it a normal grant.
CREATE TABLE asset_grants (
  asset_id    CHAR(36)    NOT NULL,
  user_id     CHAR(36)    NOT NULL,
  granted_by  CHAR(36)    NOT NULL,
  view_once   BOOLEAN     NOT NULL,
  granted_at  DATETIME(3) NOT NULL,
  PRIMARY KEY (asset_id, user_id)
) ENGINE = InnoDB;

-- The devices that have had their one download URL of a view-once asset.
CREATE TABLE view_once_fetches (
  asset_id    CHAR(36)    NOT NULL,
  user_id     CHAR(36)    NOT NULL,
  device_id   INT         NOT NULL,
  fetched_at  DATETIME(3) NOT NULL,
  PRIMARY KEY (asset_id, user_id, device_id)
) ENGINE = InnoDB;
