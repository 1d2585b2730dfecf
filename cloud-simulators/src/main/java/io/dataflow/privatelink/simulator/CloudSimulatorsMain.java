package io.dataflow.privatelink.simulator;

import io.dataflow.privatelink.simulator.alicloud.AlicloudSimulator;
import io.dataflow.privatelink.simulator.alicloud.AlicloudSimulatorConfig;
import io.dataflow.privatelink.simulator.ec2.Ec2Simulator;
import io.dataflow.privatelink.simulator.ec2.Ec2SimulatorConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the cloud simulators as a process for the local stack. Options (each also readable as a system
 * property {@code simulators.<name>}, dashes or dots alike, e.g. {@code -Dsimulators.ec2.port=4566}):
 *
 * <pre>
 * --ec2-port=N                 port of the EC2 simulator (default 4566; 0 = any free port); a bare
 *                              number as the only argument means the same
 * --bind=ADDR                  bind address (default 127.0.0.1)
 * --region=R                   region for requests without a SigV4 scope (default us-east-1)
 * --account=ACCOUNT:ACCESSKEY  registers an account (repeatable)
 * --subnet=ACCOUNT:VPC:SUBNET:AZID:AZNAME   registers a subnet (repeatable)
 * --available-delay-ms=N       pending → available delay (default 1000)
 * --deletion-delay-ms=N        deleting → gone delay (default 200)
 * --rate-limits=true|false     enforce EC2's token buckets (default false)
 *
 * --alicloud-port=N            port of the Alibaba Cloud PrivateLink simulator (default 4567; 0 = any free port)
 * --alicloud-account=UID:ACCESSKEYID:SECRET        registers an account (repeatable; the secret may hold ':')
 * --alicloud-vswitch=UID:REGION:VPC:VSWITCH:ZONE   registers a vSwitch (repeatable)
 * --alicloud-active-delay-ms=N       Creating → Active delay (default 1000)
 * --alicloud-connect-delay-ms=N      Connecting → Connected delay (default 500)
 * --alicloud-disconnect-delay-ms=N   Disconnecting → Disconnected delay (default 200)
 * --alicloud-deletion-delay-ms=N     Deleting → gone delay (default 200)
 * --alicloud-rate-limits=true|false  enforce the per-API buckets (default false)
 * </pre>
 *
 * Prints {@code EC2 simulator listening on http://…} and then
 * {@code Alibaba Cloud simulator listening on http://…} once both are ready (launchers wait for these
 * lines), then blocks until the process is stopped.
 */
public final class CloudSimulatorsMain {

    private CloudSimulatorsMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Ec2Simulator ec2 = startEc2(args);
        AlicloudSimulator alicloud;
        try {
            alicloud = startAlicloud(args);
        } catch (RuntimeException e) {
            ec2.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ec2.close();
            alicloud.close();
            stopped.countDown();
        }, "cloud-simulators-shutdown"));
        System.out.println("EC2 simulator listening on " + ec2.endpoint());
        System.out.println("Alibaba Cloud simulator listening on " + alicloud.endpoint());
        System.out.flush();
        stopped.await();
    }

    /** Starts and seeds the EC2 simulator from the options above; the caller owns (and closes) it. */
    public static Ec2Simulator startEc2(String[] args) {
        Options options = new Options(args);
        Ec2SimulatorConfig.Builder config = Ec2SimulatorConfig.builder()
                .bindAddress(options.get("bind", "127.0.0.1"))
                .defaultRegion(options.get("region", "us-east-1"))
                .availableDelay(Duration.ofMillis(Long.parseLong(options.get("available-delay-ms", "1000"))))
                .deletionDelay(Duration.ofMillis(Long.parseLong(options.get("deletion-delay-ms", "200"))))
                .rateLimitsEnabled(Boolean.parseBoolean(options.get("rate-limits", "false")));
        Ec2Simulator ec2 = Ec2Simulator.start(Integer.parseInt(options.get("ec2-port", "4566")), config.build());
        for (String account : options.all("account")) {
            String[] p = split(account, 2, "ACCOUNT:ACCESSKEY");
            ec2.addAccount(p[0], p[1]);
        }
        for (String subnet : options.all("subnet")) {
            String[] p = split(subnet, 5, "ACCOUNT:VPC:SUBNET:AZID:AZNAME");
            ec2.registerSubnet(p[0], p[1], p[2], p[3], p[4]);
        }
        return ec2;
    }

    /** Starts and seeds the Alibaba Cloud simulator from the options above; the caller owns (and closes) it. */
    public static AlicloudSimulator startAlicloud(String[] args) {
        Options options = new Options(args);
        AlicloudSimulatorConfig config = AlicloudSimulatorConfig.builder()
                .bindAddress(options.get("bind", "127.0.0.1"))
                .activeDelay(millis(options.get("alicloud-active-delay-ms", "1000")))
                .connectDelay(millis(options.get("alicloud-connect-delay-ms", "500")))
                .disconnectDelay(millis(options.get("alicloud-disconnect-delay-ms", "200")))
                .deletionDelay(millis(options.get("alicloud-deletion-delay-ms", "200")))
                .rateLimitsEnabled(Boolean.parseBoolean(options.get("alicloud-rate-limits", "false")))
                .build();
        AlicloudSimulator alicloud = AlicloudSimulator.start(
                Integer.parseInt(options.get("alicloud-port", "4567")), config);
        try {
            for (String account : options.all("alicloud-account")) {
                String[] p = splitKeepingRest(account, 3, "UID:ACCESSKEYID:SECRET"); // secrets may contain ':'
                alicloud.addAccount(p[0], p[1], p[2]);
            }
            for (String vSwitch : options.all("alicloud-vswitch")) {
                String[] p = split(vSwitch, 5, "UID:REGION:VPC:VSWITCH:ZONE");
                alicloud.registerVSwitch(p[0], p[1], p[2], p[3], p[4]);
            }
        } catch (RuntimeException e) {
            alicloud.close();
            throw e;
        }
        return alicloud;
    }

    private static Duration millis(String value) {
        return Duration.ofMillis(Long.parseLong(value));
    }

    /** Splits at ':' into exactly {@code parts}; the last part keeps any further ':'. */
    private static String[] splitKeepingRest(String value, int parts, String format) {
        String[] p = value.split(":", parts);
        if (p.length != parts) {
            throw new IllegalArgumentException("expected " + format + ", got " + value);
        }
        return p;
    }

    private static String[] split(String value, int parts, String format) {
        String[] p = value.split(":");
        if (p.length != parts) {
            throw new IllegalArgumentException("expected " + format + ", got " + value);
        }
        return p;
    }

    /** {@code --name=value} arguments, falling back to system properties {@code simulators.name}. */
    private static final class Options {
        private final List<String[]> pairs = new ArrayList<>();

        Options(String[] args) {
            if (args.length == 1 && args[0].matches("\\d+")) {
                pairs.add(new String[] {"ec2-port", args[0]});
                return;
            }
            for (String arg : args) {
                if (!arg.startsWith("--") || !arg.contains("=")) {
                    throw new IllegalArgumentException("expected --name=value, got " + arg);
                }
                int eq = arg.indexOf('=');
                pairs.add(new String[] {arg.substring(2, eq), arg.substring(eq + 1)});
            }
        }

        String get(String name, String defaultValue) {
            List<String> values = all(name);
            return values.isEmpty() ? defaultValue : values.get(values.size() - 1);
        }

        List<String> all(String name) {
            List<String> values = new ArrayList<>();
            String property = System.getProperty("simulators." + name,
                    System.getProperty("simulators." + name.replace('-', '.')));
            if (property != null) {
                values.addAll(List.of(property.split(",")));
            }
            pairs.stream().filter(p -> p[0].equals(name)).forEach(p -> values.add(p[1]));
            return values;
        }
    }
}
