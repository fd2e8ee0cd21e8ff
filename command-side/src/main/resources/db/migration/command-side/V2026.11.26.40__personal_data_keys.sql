-- One AES-256 key per user, for the personal data sealed inside that user's events (crypto-shredding).
-- Kept outside the event store so that it can be destroyed: deleting the row makes every value sealed
-- under it unreadable. The key itself is sealed under VAULT_KEY, so a copy of the database alone opens nothing.
CREATE TABLE personal_data_key (
    user_id    UUID        PRIMARY KEY,
    sealed_key TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
