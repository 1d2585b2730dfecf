package io.dataflow.privatelink.kit;

import io.dataflow.privatelink.infra.InfraTestResource;
import io.dataflow.privatelink.kit.testing.Sql;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Production migrates with the database's owner and runs the service as another role
 * (deploy/kubernetes: the migration Job, then &lt;service&gt;_app): after the migrations that role may read and
 * write every table's rows, and may not change the schema.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "kit_test"))
class MigrationGrantsTest {

    @Test
    void theRunningRoleGetsRowsOfEveryTableAndNoDdl() {
        List<String> tables = Sql.texts("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                + " AND tablename <> 'flyway_schema_history'");
        for (String table : tables) {
            for (String privilege : List.of("SELECT", "INSERT", "UPDATE", "DELETE")) {
                assertEquals(1, Sql.count("SELECT count(*) WHERE has_table_privilege('kit_app', ?1, ?2)",
                        "public." + table, privilege), privilege + " on " + table);
            }
        }
        assertEquals(1, Sql.count("SELECT count(*) WHERE has_sequence_privilege('kit_app', 'public.outbox_event_seq_seq',"
                + " 'USAGE')"), "the outbox's sequence");
        assertEquals(0, Sql.count("SELECT count(*) WHERE has_schema_privilege('kit_app', 'public', 'CREATE')"), "no DDL");
        assertEquals(0, Sql.count("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = 'kit_app'"),
                "owns nothing");
    }
}
