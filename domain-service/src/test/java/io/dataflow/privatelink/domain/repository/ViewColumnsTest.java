package io.dataflow.privatelink.domain.repository;

import io.dataflow.privatelink.domain.DomainServiceTokens;
import io.dataflow.privatelink.infra.InfraTestResource;
import io.dataflow.privatelink.kit.testing.Sql;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.persistence.Column;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The one list of {@code connection_view}'s columns that the batch statements are made from names every
 * column of the table and of the entity: a column added to one but not the others fails here, not as a
 * value silently left unwritten.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "domain_service"))
@QuarkusTestResource(DomainServiceTokens.class)
class ViewColumnsTest {

    @Test
    void theListNamesEveryColumnOfTheTableOnce() {
        List<String> listed = ViewColumns.COLUMNS.stream().map(ViewColumns.Column::name).toList();
        assertEquals(listed.size(), Set.copyOf(listed).size(), "a column listed twice: " + listed);
        assertEquals(new TreeSet<>(Sql.texts("""
                SELECT column_name FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = 'connection_view'""")), new TreeSet<>(listed));
    }

    @Test
    void theListNamesEveryColumnTheEntityMaps() {
        // declared fields: Hibernate's enhancement makes the public fields private in a Quarkus test
        Set<String> mapped = Arrays.stream(ConnectionViewEntity.class.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()) && !f.isSynthetic() && !f.getName().startsWith("$$"))
                .map(ViewColumnsTest::columnName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(mapped, ViewColumns.COLUMNS.stream().map(ViewColumns.Column::name)
                .collect(Collectors.toCollection(TreeSet::new)));
    }

    private static String columnName(Field field) {
        Column column = field.getAnnotation(Column.class);
        return column != null && !column.name().isEmpty() ? column.name() : field.getName();
    }
}
