package io.dataflow.privatelink.cli.progress;

import io.dataflow.privatelink.cli.CliFailure;
import io.dataflow.privatelink.cli.ExitCodes;
import io.dataflow.privatelink.cli.api.ApiErrorReply;
import io.dataflow.privatelink.cli.api.PlcApi;
import io.dataflow.privatelink.cli.api.StatusStream;
import io.dataflow.privatelink.contract.api.PrivateLinkConnection;
import io.dataflow.privatelink.contract.api.RpcCode;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code --wait}: follows one connection's live status stream and shows each transition with the time
 * since the wait began, on stderr (stdout keeps the command's result), until the goal's final state or the
 * deadline. At PENDING_ACCEPTANCE it says once what the user must do at their cloud, and once by when the
 * service's owner must accept (the connection's acceptance deadline, in local time).
 */
public final class Progress {

    private final PlcApi api;
    private final PrintStream err;
    private final PrintStream debug;
    private final ZoneId zone;

    /** @param zone what local times are shown in */
    public Progress(PlcApi api, PrintStream err, PrintStream debug, ZoneId zone) {
        this.api = api;
        this.err = err;
        this.debug = debug;
        this.zone = zone;
    }

    /** Returns the last snapshot seen (null when the connection was deleted); fails with the goal's exit code. */
    public PrivateLinkConnection follow(String clusterId, String connectionId, Goal goal, Duration timeout) {
        long started = System.nanoTime();
        Instant deadline = timeout == null ? null : Instant.now().plus(timeout);
        String[] lastLine = {null};
        boolean[] hinted = {false};
        boolean[] deadlineNamed = {false};
        PrivateLinkConnection[] last = {null};
        Goal.Outcome[] outcome = {null};
        String path = "/v1beta1/clusters/" + PlcApi.encode(clusterId) + "/privateLinkConnections/"
                + PlcApi.encode(connectionId) + ":watch";
        StatusStream.Listener listener = event -> {
            if ("deleted".equals(event.name())) {
                last[0] = null;
                outcome[0] = goal.onDeleted();
                print(started, "deleted");
                return true;
            }
            if (!"snapshot".equals(event.name())) {
                return false;
            }
            PrivateLinkConnection snapshot;
            try {
                snapshot = PlcApi.JSON.readValue(event.data(), PrivateLinkConnection.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            last[0] = snapshot;
            String line = goal.describe(snapshot);
            if (line != null && !Objects.equals(line, lastLine[0])) {
                lastLine[0] = line;
                print(started, line);
            }
            if (!hinted[0]) {
                Optional<String> hint = NextSteps.forConnection(snapshot);
                hint.ifPresent(text -> {
                    hinted[0] = true;
                    err.println(text);
                });
            }
            if (!deadlineNamed[0]) {
                NextSteps.acceptBy(snapshot, Instant.now(), zone).ifPresent(text -> {
                    deadlineNamed[0] = true;
                    err.println(text);
                });
            }
            Optional<Goal.Outcome> end = goal.judge(snapshot);
            end.ifPresent(o -> outcome[0] = o);
            return end.isPresent();
        };
        while (outcome[0] == null) {
            try {
                new StatusStream(api, debug).follow(path, deadline, listener);
            } catch (ApiErrorReply e) {
                if (!e.is(RpcCode.NOT_FOUND)) {
                    throw e;
                }
                // The stream knows a connection once it is projected; a query waits for this caller's own
                // commands (read-your-writes), so it tells "not there yet" from "gone".
                if (goal.notFoundIsTheEnd() || !exists(clusterId, connectionId)) {
                    outcome[0] = goal.onDeleted();
                    print(started, "deleted");
                }
            }
        }
        if (outcome[0].exitCode() != ExitCodes.OK) {
            throw new CliFailure(outcome[0].exitCode(), outcome[0].message());
        }
        return last[0];
    }

    private boolean exists(String clusterId, String connectionId) {
        try {
            api.get("/v1beta1/clusters/" + PlcApi.encode(clusterId) + "/privateLinkConnections/"
                    + PlcApi.encode(connectionId), PrivateLinkConnection.class);
            return true;
        } catch (ApiErrorReply e) {
            if (e.is(RpcCode.NOT_FOUND)) {
                return false;
            }
            throw e;
        }
    }

    private void print(long started, String line) {
        err.printf("[%6.1fs] %s%n", (System.nanoTime() - started) / 1e9, line);
        err.flush();
    }
}
