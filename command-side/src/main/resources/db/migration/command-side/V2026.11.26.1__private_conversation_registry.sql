-- Command-side uniqueness index of private conversations: at most one per pair of users, the pair stored
-- in one order (user_low < user_high as UUIDs compare). Written in the same transaction as the events
-- that start the conversation.
CREATE TABLE private_conversation_registry (
    user_low        UUID        NOT NULL,
    user_high       UUID        NOT NULL,
    conversation_id UUID        NOT NULL UNIQUE,
    claimed_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_low, user_high),
    CHECK (user_low < user_high)
);
