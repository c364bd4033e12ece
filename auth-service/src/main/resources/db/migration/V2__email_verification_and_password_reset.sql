-- Email verification and password reset. Like session ids, only a hash of each single-use token is stored.
ALTER TABLE users ADD COLUMN email_verified_at timestamptz;

CREATE TABLE account_tokens (
    token_hash bytea PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    text        NOT NULL CHECK (purpose IN ('verify-email', 'reset-password')),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE INDEX account_tokens_user_purpose_idx ON account_tokens (user_id, purpose);
