-- A provider's returns, read when one setting or provider is opened.
CREATE INDEX provider_returns_provider ON provider_returns (provider_id, received_on);
