-- Set-based validation for user accounts: the unique constraints decide, within the same transaction that
-- stores the sign-up event, which of two concurrent sign-ups with one email (or one Kakao id) wins.
CREATE TABLE account_directory (
    user_id       VARCHAR(36)  PRIMARY KEY,
    email         VARCHAR(320) UNIQUE,
    password_hash VARCHAR(255),
    kakao_id      BIGINT UNIQUE
);
