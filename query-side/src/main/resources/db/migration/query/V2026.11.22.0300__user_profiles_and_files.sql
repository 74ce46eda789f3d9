CREATE TABLE user_profile (
    user_id           VARCHAR(36)   PRIMARY KEY,
    email             VARCHAR(320),
    name              VARCHAR(100)  NOT NULL,
    nickname          VARCHAR(60),
    profile_image_url VARCHAR(2048),
    roles             VARCHAR(100)  NOT NULL,
    provider          VARCHAR(20)   NOT NULL,
    created_at        TIMESTAMPTZ   NOT NULL
);
CREATE INDEX user_profile_created_at ON user_profile (created_at DESC, user_id);

CREATE TABLE file_metadata (
    file_id      VARCHAR(36)  PRIMARY KEY,
    owner_id     VARCHAR(36)  NOT NULL,
    file_name    VARCHAR(255) NOT NULL,
    content_type VARCHAR(100) NOT NULL,
    size         BIGINT       NOT NULL,
    sha256       CHAR(64)     NOT NULL,
    storage_key  VARCHAR(300) NOT NULL,
    uploaded_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX file_metadata_owner ON file_metadata (owner_id, uploaded_at DESC);
