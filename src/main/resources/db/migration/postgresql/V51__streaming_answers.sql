-- The sweep of answers left streaming by a process that stopped (assistant/Leases) looks only at
-- the few rows still streaming, whatever the table's size.
CREATE INDEX assistant_messages_streaming_idx ON assistant_messages (modified_on) WHERE status = 'streaming';
