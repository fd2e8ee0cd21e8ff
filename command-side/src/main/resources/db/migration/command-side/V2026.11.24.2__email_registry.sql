-- Command-side uniqueness index for email addresses (normalised to lower case).
-- Written in the same transaction as the UserRegistered event.
CREATE TABLE email_registry (
    email      TEXT        PRIMARY KEY,
    user_id    UUID        NOT NULL UNIQUE,
    claimed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
