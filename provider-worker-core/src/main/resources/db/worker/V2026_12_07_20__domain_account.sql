-- The platform account of an attachment's zone (the connection's cluster's): a worker may serve clusters of
-- several platform accounts, each reached with its own credentials. Rows from before take their
-- connection's account from its endpoint's request.
ALTER TABLE managed_domain ADD COLUMN account_id TEXT;

UPDATE managed_domain d SET account_id = (e.request::jsonb) -> 'placement' ->> 'accountId'
FROM managed_endpoint e WHERE e.connection_id = d.connection_id AND d.account_id IS NULL;
