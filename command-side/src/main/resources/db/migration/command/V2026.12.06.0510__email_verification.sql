-- Email ownership (security review H1). An account is "verified" once its owner proved the identity it was made
-- with: the code mailed to its address (every email and password sign-up from now on, before the account exists),
-- Kakao's own login (accounts made through Kakao), or the operator's configuration (the first administrator).
-- Accounts made before sign-ups were verified stay unverified until their owner confirms a mailed code: they are
-- never linked to a Kakao account automatically and may not book.
ALTER TABLE account_directory ADD COLUMN verified BOOLEAN NOT NULL DEFAULT false;
UPDATE account_directory SET verified = true WHERE password_hash IS NULL;

-- Codes mailed to prove an address, one live code per address. A sign-up keeps what the account is to be made with
-- (the password's hash and the name) until its code is confirmed; an existing account confirming its address keeps
-- its user id. Rows are deleted when the code is confirmed, after 5 wrong tries, and once expired (at the next code
-- issued): personal data lives here for the code's validity at most (docs/personal-data.md).
CREATE TABLE email_code (
    email           VARCHAR(320) PRIMARY KEY,
    code_hash       VARCHAR(64)  NOT NULL,
    expires_at      TIMESTAMPTZ  NOT NULL,
    failed_attempts INT          NOT NULL DEFAULT 0,
    user_id         VARCHAR(36),
    password_hash   VARCHAR(255),
    name            VARCHAR(50)
);
