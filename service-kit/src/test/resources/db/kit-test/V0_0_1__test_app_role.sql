-- A role to run as, as production's <service>_app (MigrationGrantsTest): cluster-wide, so made once.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'kit_app') THEN
        CREATE ROLE kit_app LOGIN PASSWORD 'kit_app';
    END IF;
END $$;
