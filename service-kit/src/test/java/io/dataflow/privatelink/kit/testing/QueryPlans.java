package io.dataflow.privatelink.kit.testing;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ClientProxy;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.reactive.mutiny.Mutiny;

import java.lang.reflect.Field;

/** How many query plans Hibernate holds: a query whose plan is not found again makes this grow per execution. */
public final class QueryPlans {

    private QueryPlans() {
    }

    public static int cached() {
        return factory().getQueryEngine().getInterpretationCache().getNumberOfCachedQueryPlans();
    }

    /** The ORM factory under Hibernate Reactive's (the Mutiny API does not expose it). */
    private static SessionFactoryImplementor factory() {
        Object factory = ClientProxy.unwrap(Arc.container().instance(Mutiny.SessionFactory.class).get());
        for (Class<?> type = factory.getClass(); type != null; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (SessionFactoryImplementor.class.isAssignableFrom(field.getType())) {
                    try {
                        field.setAccessible(true);
                        return (SessionFactoryImplementor) field.get(factory);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        throw new IllegalStateException("no SessionFactoryImplementor in " + factory.getClass());
    }
}
