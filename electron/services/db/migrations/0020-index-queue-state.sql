-- The sync engine takes the oldest records of one state; without this it scans the whole queue.
CREATE INDEX registrations_state_seq ON registrations (state, seq);
