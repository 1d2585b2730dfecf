-- Connectivity tests: each connection's last test (the API's ConnectivityTest as JSON: RUNNING from its request,
-- PASSED or FAILED from its completion; which one is last is ReadModelRules' to say, whatever order they arrive in).
ALTER TABLE connection_view ADD COLUMN connectivity_test jsonb;
-- A finished test is an entry of the history that names no state (the state did not change): the history shows
-- the state in effect then, so what is stored does not depend on which topic was read first.
ALTER TABLE connection_history ADD COLUMN connectivity_test_id text;
ALTER TABLE connection_history ALTER COLUMN state DROP NOT NULL;
