package io.dataflow.privatelink.worker.lease;

import io.dataflow.privatelink.contract.ReconcileShards;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReconcileShardsTest {

    @Test
    void theMigrationCutsTheWorkIntoAsManyShardsAsTheConstantSays() throws IOException {
        String sql;
        try (InputStream in = getClass().getResourceAsStream("/db/worker/V2026_12_02_50__reconcile_shards.sql")) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher modulo = Pattern.compile("% (\\d+)\\) STORED").matcher(sql);
        int columns = 0;
        while (modulo.find()) {
            assertEquals(ReconcileShards.COUNT, Integer.parseInt(modulo.group(1)), modulo.group());
            columns++;
        }
        assertTrue(columns > 0, "no generated shard column found");
        Matcher rows = Pattern.compile("generate_series\\(0, (\\d+)\\)").matcher(sql);
        assertTrue(rows.find(), "no shard rows found");
        assertEquals(ReconcileShards.COUNT - 1, Integer.parseInt(rows.group(1)));
    }
}
