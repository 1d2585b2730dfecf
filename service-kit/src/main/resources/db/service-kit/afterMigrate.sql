-- After every migration run (the migration Job runs it as the database's owner): the role the service runs
-- as (placeholder approle, QUARKUS_FLYWAY_PLACEHOLDERS_APPROLE; "-" when the service migrates as itself, as
-- in development and the local stack) may read and write the rows of every table and use every sequence,
-- and nothing else: no DDL, so a compromised or buggy service cannot change the schema.
DO $$
BEGIN
    IF '${approle}' <> '-' THEN
        EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', '${approle}');
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %I', '${approle}');
        EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %I', '${approle}');
    END IF;
END $$;
