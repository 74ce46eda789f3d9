-- Set-based validation for couples, claimed inside the units of work that store the couple events.

-- Who is in which couple: the primary key lets a user be in one couple only, so of two matches racing for the
-- same user exactly one commits. A disconnected couple's rows are deleted with its disconnection.
CREATE TABLE couple_membership (
    user_id   VARCHAR(36) PRIMARY KEY,
    couple_id VARCHAR(36) NOT NULL
);
CREATE INDEX couple_membership_couple ON couple_membership (couple_id);

-- Which live invite code belongs to whom, to find the inviter's invite from the code a partner types in. An
-- inviter's earlier code is deleted when a new one is issued; a redeemed one stays so it can answer "used".
CREATE TABLE couple_invite_code (
    code       VARCHAR(16) PRIMARY KEY,
    inviter_id VARCHAR(36) NOT NULL
);
CREATE INDEX couple_invite_code_inviter ON couple_invite_code (inviter_id);

-- Which couple owns each anniversary, plan and calendar entry, and of which kind it is: an id from a request is
-- checked here before its aggregate is loaded, so another couple's id, or an id of another kind, is a plain 404.
CREATE TABLE couple_item (
    item_id   VARCHAR(36) PRIMARY KEY,
    couple_id VARCHAR(36) NOT NULL,
    kind      VARCHAR(20) NOT NULL
);
