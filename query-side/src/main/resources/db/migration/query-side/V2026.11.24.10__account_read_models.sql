-- Read models: disposable, rebuilt from the event store by resetting the "accounts" processor.
CREATE TABLE account_view (
    user_id       UUID        PRIMARY KEY,
    email         TEXT        NOT NULL,
    display_name  TEXT        NOT NULL,
    registered_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE session_view (
    family_id         UUID        PRIMARY KEY,
    user_id           UUID        NOT NULL,
    started_at        TIMESTAMPTZ NOT NULL,
    last_refreshed_at TIMESTAMPTZ NOT NULL,
    expires_at        TIMESTAMPTZ NOT NULL,
    revoked_at        TIMESTAMPTZ
);

CREATE INDEX session_view_user ON session_view (user_id, started_at DESC);
