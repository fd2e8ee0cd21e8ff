-- The profile lives with the account; account_view.user_id and display_name keep their meaning for other
-- read models (a missing row is a deleted user). Sessions show the device that opened them.
ALTER TABLE account_view
    ADD COLUMN email_confirmed_at TIMESTAMPTZ,
    ADD COLUMN text_magnification NUMERIC(2, 1) NOT NULL DEFAULT 1.0,
    ADD COLUMN theme              TEXT          NOT NULL DEFAULT 'auto',
    ADD COLUMN hidden             BOOLEAN       NOT NULL DEFAULT false,
    ADD COLUMN recents            TEXT[]        NOT NULL DEFAULT '{}';

ALTER TABLE session_view
    ADD COLUMN user_agent TEXT,
    ADD COLUMN address    TEXT;
