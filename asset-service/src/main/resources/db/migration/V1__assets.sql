-- One row per upload. An asset is usable (state READY) only once its bytes were checked against the
-- size and SHA-256 announced and its type read from the bytes. One row per uploader, kind and content:
-- the same file announced again is the same asset (deduplication per uploader).
CREATE TABLE assets (
  id               CHAR(36)      NOT NULL PRIMARY KEY,
  owner_user_id    CHAR(36)      NOT NULL,
  kind             VARCHAR(16)   NOT NULL,
  declared_type    VARCHAR(100)  NOT NULL,
  size             BIGINT        NOT NULL,
  sha256           CHAR(64)      NOT NULL,
  state            VARCHAR(16)   NOT NULL,
  content_type     VARCHAR(100)  NULL,      -- as detected from the bytes, once READY
  upload_id        VARCHAR(1024) NULL,      -- the S3 multipart upload, while one is open
  part_size        INT           NULL,
  created_at       DATETIME(3)   NOT NULL,
  ready_at         DATETIME(3)   NULL,
  UNIQUE KEY assets_by_content (owner_user_id, kind, sha256, size)
) ENGINE = InnoDB;
