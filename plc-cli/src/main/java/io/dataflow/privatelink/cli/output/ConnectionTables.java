package io.dataflow.privatelink.cli.output;

import io.dataflow.privatelink.cli.output.Table.Cell;
import io.dataflow.privatelink.contract.api.AttachDomain;
import io.dataflow.privatelink.contract.api.PrivateLinkConnection;
import io.dataflow.privatelink.contract.api.StateChange;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Connections, attachments and histories as tables: ticloud's columns, and more in {@code wide}. */
public final class ConnectionTables {

    private ConnectionTables() {
    }

    /**
     * {@code wide} adds, in this order (piped: tab-separated, every column on every row, empty when there is
     * nothing): Service, EndpointId, Zones, Domains, Message, Age, FailureReason (the code, FAILED only) and
     * AcceptBy (the acceptance deadline, ISO 8601 UTC like CreateTime; PENDING_ACCEPTANCE only). Columns are
     * only ever added at the end, so {@code cut -f} of an older column keeps working.
     */
    public static Table connections(List<PrivateLinkConnection> connections, OutputFormat format, Instant now) {
        boolean wide = format == OutputFormat.WIDE;
        List<String> headers = new ArrayList<>(List.of("ID", "Name", "Type", "State", "CreateTime"));
        if (wide) {
            headers.addAll(List.of("Service", "EndpointId", "Zones", "Domains", "Message", "Age", "FailureReason",
                    "AcceptBy"));
        }
        Table table = new Table(headers, java.util.Set.of(0, 3));
        for (PrivateLinkConnection c : connections) {
            List<Cell> cells = new ArrayList<>(List.of(Cell.of(c.privateLinkConnectionId()), Cell.of(c.displayName()),
                    Cell.of(c.type() == null ? "" : c.type().name()), state(c.state() == null ? "" : c.state().name()),
                    Cell.of(c.createTime() == null ? "" : c.createTime().toString())));
            if (wide) {
                cells.addAll(List.of(Cell.of(serviceName(c)), Cell.of(endpointId(c)), Cell.of(String.join(",", zones(c))),
                        Cell.of(String.valueOf(domainCount(c))), Cell.of(c.message()),
                        Cell.of(c.createTime() == null ? "" : age(Duration.between(c.createTime(), now))),
                        Cell.of(c.failureReason() == null ? "" : c.failureReason().name()),
                        Cell.of(c.acceptanceDeadline() == null ? "" : c.acceptanceDeadline().toString())));
            }
            table.row(cells);
        }
        return table;
    }

    public static Table attachments(List<AttachDomain> attachments) {
        Table table = new Table(List.of("AttachDomainId", "Type", "UniqueName", "Domain", "State", "Message"));
        for (AttachDomain a : attachments) {
            for (var domain : a.domains() == null ? List.<io.dataflow.privatelink.contract.api.Domain>of() : a.domains()) {
                table.row(List.of(Cell.of(a.attachDomainId()), Cell.of(a.type()), Cell.of(a.uniqueName()),
                        Cell.of(domain.name()), state(domain.state()), Cell.of(domain.message())));
            }
        }
        return table;
    }

    /** Time, State, Message, FailureReason (the code; empty but for a FAILED entry, so piped rows keep 4 fields). */
    public static Table history(List<StateChange> changes) {
        Table table = new Table(List.of("Time", "State", "Message", "FailureReason"));
        for (StateChange change : changes) {
            table.row(List.of(Cell.of(change.changeTime() == null ? "" : change.changeTime().toString()),
                    state(change.state() == null ? "" : change.state().name()), Cell.of(change.message()),
                    Cell.of(change.failureReason() == null ? "" : change.failureReason().name())));
        }
        return table;
    }

    /**
     * The fields of one connection, one per line (get -o human, update). {@code Failure reason} (the code and
     * a few words) when FAILED, {@code Accept by} (local time and how far away) while PENDING_ACCEPTANCE.
     */
    public static Table details(PrivateLinkConnection c, Instant now, ZoneId zone) {
        Table table = new Table(List.of("Field", "Value"));
        table.row(List.of(Cell.of("ID"), Cell.of(c.privateLinkConnectionId())));
        table.row(List.of(Cell.of("Name"), Cell.of(c.displayName())));
        table.row(List.of(Cell.of("Cluster"), Cell.of(c.clusterId())));
        table.row(List.of(Cell.of("Type"), Cell.of(c.type() == null ? "" : c.type().name())));
        table.row(List.of(Cell.of("State"), state(c.state() == null ? "" : c.state().name())));
        if (c.message() != null) {
            table.row(List.of(Cell.of("Message"), Cell.of(c.message())));
        }
        if (c.failureReason() != null) {
            table.row(List.of(Cell.of("Failure reason"), Cell.of(FailureReasons.describe(c.failureReason()))));
        }
        if (c.acceptanceDeadline() != null) {
            table.row(List.of(Cell.of("Accept by"), Cell.of(Times.localAndRelative(c.acceptanceDeadline(), now, zone))));
        }
        table.row(List.of(Cell.of("Service"), Cell.of(serviceName(c))));
        table.row(List.of(Cell.of("EndpointId"), Cell.of(endpointId(c))));
        table.row(List.of(Cell.of("Zones"), Cell.of(String.join(",", zones(c)))));
        table.row(List.of(Cell.of("Domains"), Cell.of(String.valueOf(domainCount(c)))));
        table.row(List.of(Cell.of("CreatedBy"), Cell.of(c.createdBy())));
        table.row(List.of(Cell.of("CreateTime"), Cell.of(c.createTime() == null ? "" : c.createTime().toString())));
        table.row(List.of(Cell.of("UpdateTime"), Cell.of(c.updateTime() == null ? "" : c.updateTime().toString())));
        return table;
    }

    static Cell state(String state) {
        return new Cell(state == null ? "" : state, Printer.stateColor(state));
    }

    public static String serviceName(PrivateLinkConnection c) {
        return c.awsEndpointService() != null ? c.awsEndpointService().name()
                : c.alicloudEndpointService() != null ? c.alicloudEndpointService().name() : "";
    }

    public static String endpointId(PrivateLinkConnection c) {
        String id = c.awsEndpointService() != null ? c.awsEndpointService().endpointId()
                : c.alicloudEndpointService() != null ? c.alicloudEndpointService().endpointId() : null;
        return id == null ? "" : id;
    }

    static List<String> zones(PrivateLinkConnection c) {
        List<String> zones = c.awsEndpointService() != null ? c.awsEndpointService().availabilityZoneIds()
                : c.alicloudEndpointService() != null ? c.alicloudEndpointService().availabilityZoneIds() : null;
        return zones == null ? List.of() : zones;
    }

    static int domainCount(PrivateLinkConnection c) {
        if (c.attachedDomains() == null) {
            return 0;
        }
        return c.attachedDomains().stream().mapToInt(a -> a.domains() == null ? 0 : a.domains().size()).sum();
    }

    /** 45s, 12m, 5h, 3d. */
    static String age(Duration age) {
        long seconds = Math.max(0, age.toSeconds());
        if (seconds < 120) {
            return seconds + "s";
        }
        if (seconds < 2 * 3600) {
            return seconds / 60 + "m";
        }
        if (seconds < 2 * 86400) {
            return seconds / 3600 + "h";
        }
        return seconds / 86400 + "d";
    }
}
