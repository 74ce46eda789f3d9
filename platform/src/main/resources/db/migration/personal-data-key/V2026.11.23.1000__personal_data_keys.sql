-- Crypto-shredding (docs/personal-data.md): one AES-256 key per data subject (a user id). Erasing sets key to NULL
-- and keeps the row as a tombstone, so no new key is ever made for an erased subject.
-- Every side migrates this table into its own schema; in services mode they all point
-- tandem.personal-data.key-table at one shared table (the command side's).
CREATE TABLE personal_data_key (
    subject_id VARCHAR(255) PRIMARY KEY,
    key        BYTEA,
    created_at TIMESTAMPTZ NOT NULL,
    erased_at  TIMESTAMPTZ,
    CONSTRAINT personal_data_key_present_unless_erased CHECK ((key IS NULL) = (erased_at IS NOT NULL))
);
