-- Presence of real-time users across nodes. Each gateway node keeps a row with a heartbeat and one row per user
-- it has a live connection of. Rows of a node whose heartbeat stopped (it crashed) are ignored by the others at
-- once and removed a little later. Nothing here is a record of anything: it can be emptied at any time.
CREATE TABLE realtime_node (
    node_id      UUID        PRIMARY KEY,
    heartbeat_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE realtime_presence (
    node_id UUID NOT NULL REFERENCES realtime_node (node_id) ON DELETE CASCADE,
    user_id UUID NOT NULL,
    PRIMARY KEY (node_id, user_id)
);
