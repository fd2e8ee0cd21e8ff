-- Read models of conversations, keys and message groups: disposable, rebuilt from the event store by
-- resetting the "conversations" and "messages" processors. Each processor owns its own tables, so
-- either can be rebuilt, or run ahead of the other, alone.

-- "conversations" processor ------------------------------------------------------------------------

-- A closed conversation keeps its row (closed = TRUE, no members) so that a redelivered older event
-- cannot bring it back to life.
CREATE TABLE conversation_view (
    conversation_id   UUID        PRIMARY KEY,
    is_private        BOOLEAN     NOT NULL,
    alias             TEXT,
    alias_changed_at  TIMESTAMPTZ,
    started_at        TIMESTAMPTZ NOT NULL,
    closed            BOOLEAN     NOT NULL DEFAULT FALSE,
    -- the private pair as (LEAST, GREATEST) of the two user ids: either member finds it in one lookup
    private_user_low  UUID,
    private_user_high UUID,
    CHECK (is_private = (private_user_low IS NOT NULL) AND is_private = (private_user_high IS NOT NULL))
);

-- NULLs are distinct, so group conversations (no pair) never collide
CREATE UNIQUE INDEX conversation_view_private_pair ON conversation_view (private_user_low, private_user_high);

-- Current members only: leaving deletes the row (and its keys). Key material is stored sealed by the
-- key vault, never in clear; keys_sealed_at orders key writes (set or reseal) against redelivery.
CREATE TABLE conversation_member_view (
    conversation_id    UUID        NOT NULL,
    user_id            UUID        NOT NULL,
    joined_at          TIMESTAMPTZ NOT NULL,
    last_read_at       TIMESTAMPTZ,
    sealed_public_key  TEXT,
    sealed_private_key TEXT,
    keys_set_at        TIMESTAMPTZ,
    keys_sealed_at     TIMESTAMPTZ,
    PRIMARY KEY (conversation_id, user_id)
);

CREATE INDEX conversation_member_view_user ON conversation_member_view (user_id);

-- "messages" processor -----------------------------------------------------------------------------

-- One row per (recipient, message group): the recipient's own ciphertext, NULL once deleted.
-- The primary key, group first, is also what locates a group's rows for an edit or delete.
CREATE TABLE message_copy_view (
    message_group_id UUID        NOT NULL,
    recipient_id     UUID        NOT NULL,
    conversation_id  UUID        NOT NULL,
    sender_id        UUID        NOT NULL,
    content          TEXT,
    sent_at          TIMESTAMPTZ NOT NULL,
    edited_at        TIMESTAMPTZ,
    deleted          BOOLEAN     NOT NULL DEFAULT FALSE,
    PRIMARY KEY (message_group_id, recipient_id)
);

-- Keyset pages of one recipient's history in one conversation, newest first; sender_id and deleted
-- ride along so that counting unread messages can be answered from the index alone.
CREATE INDEX message_copy_view_history
    ON message_copy_view (recipient_id, conversation_id, sent_at DESC, message_group_id DESC)
    INCLUDE (sender_id, deleted);

-- Written by the messages processor (not the conversations one), so that it never depends on which
-- processor ran first.
CREATE TABLE conversation_activity_view (
    conversation_id UUID        PRIMARY KEY,
    last_message_at TIMESTAMPTZ NOT NULL
);

-- User search over account_view (owned by the accounts feature; only read here) -------------------

-- Display-name prefixes, in code-point order ("C"): serves the prefix range, the ORDER BY and the
-- keyset of a search page at once, whatever the database's own collation.
CREATE INDEX account_view_display_name_search ON account_view ((lower(display_name) COLLATE "C"), user_id);

-- Exact email; lower() also catches addresses stored as typed by events from before canonical emails.
CREATE INDEX account_view_email_search ON account_view (lower(email));
