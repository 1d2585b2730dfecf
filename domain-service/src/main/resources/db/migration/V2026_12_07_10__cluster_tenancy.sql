-- Which project each cluster belongs to, from the connection requests projected (their placement names it):
-- domain-service answers a caller only about clusters of the caller's projects. A cluster that has
-- connections but no row here (read models made before this table: rebuild them) is refused to everyone.
CREATE TABLE cluster_tenancy (
    cluster_id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL
);
