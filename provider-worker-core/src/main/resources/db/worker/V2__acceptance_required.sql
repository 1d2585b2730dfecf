-- Whether the endpoint service waits for its owner's acceptance (learnt at pre-flight). When it does
-- not, the endpoint's provisioning phase is reported as CREATING, never as PENDING_ACCEPTANCE.
ALTER TABLE managed_endpoint ADD COLUMN acceptance_required BOOLEAN;
