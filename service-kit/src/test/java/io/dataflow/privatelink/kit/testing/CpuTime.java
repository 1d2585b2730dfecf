package io.dataflow.privatelink.kit.testing;

import java.lang.management.ManagementFactory;

/**
 * CPU time used so far by this JVM and by the PostgreSQL server's processes, for benchmarks to say what
 * a unit of work costs besides how fast it went: {@code CpuTime.now().minus(before)}.
 *
 * @param jvmMicros      this process's CPU time (every thread: clients, broker, service, JIT and GC)
 * @param postgresMicros every PostgreSQL process on the machine (pg_ctl detaches the server from this
 *                       JVM, so it is found by its executable; benchmarks expect to run alone)
 */
public record CpuTime(double jvmMicros, double postgresMicros) {

    public static CpuTime now() {
        double jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e3;
        double postgres = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .mapToDouble(p -> p.info().totalCpuDuration().map(d -> d.toNanos() / 1e3).orElse(0.0))
                .sum();
        return new CpuTime(jvm, postgres);
    }

    public CpuTime minus(CpuTime before) {
        return new CpuTime(jvmMicros - before.jvmMicros, postgresMicros - before.postgresMicros);
    }
}
