package io.dataflow.privatelink.deploy;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ServiceErrorsOnFailureTest {

    @Test
    void keepsEachErrorWithItsStackTraceAndNothingElse() {
        List<String> log = List.of(
                "2026-12-06 01:57:18,412 WARN  [ReadYourWritesFilter] (vert.x-eventloop-thread-1) Event not projected",
                "2026-12-06 01:57:18,636 ERROR [ApiExceptionMappers] (vert.x-eventloop-thread-1) Request failed unexpectedly: java.util.concurrent.CancellationException",
                "\tat java.base/java.util.concurrent.CompletableFuture.cancel(CompletableFuture.java:2478)",
                "Caused by: java.lang.IllegalStateException: why",
                "\t... 3 more",
                "",
                "2026-12-06 01:57:18,795 INFO  [kafka] (vert.x-eventloop-thread-0) Initialize record store",
                "\tat an.info.Line(With.java:1)",
                "2026-12-06 01:57:19,000 ERROR [AuditTrail] (vert.x-eventloop-thread-0) Cannot write the audit record");
        assertEquals(List.of(log.get(1), log.get(2), log.get(3), log.get(4), log.get(5), log.get(8)),
                ServiceErrorsOnFailure.errorEntries(log));
    }

    @Test
    void findsTheErrorsOfAServiceLoggingJsonLines() {
        List<String> log = List.of(
                "{\"timestamp\":\"2026-12-07T17:40:01.1Z\",\"level\":\"INFO\",\"message\":\"Connection plc-1: CREATED\"}",
                "{\"timestamp\":\"2026-12-07T17:40:02.2Z\",\"level\":\"ERROR\",\"message\":\"Cannot write\",\"exception\":{}}");
        assertEquals(List.of(log.get(1)), ServiceErrorsOnFailure.errorEntries(log));
    }
}
