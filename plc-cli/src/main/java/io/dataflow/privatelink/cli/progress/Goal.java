package io.dataflow.privatelink.cli.progress;

import io.dataflow.privatelink.cli.ExitCodes;
import io.dataflow.privatelink.contract.api.AttachDomain;
import io.dataflow.privatelink.contract.api.Domain;
import io.dataflow.privatelink.contract.api.PrivateLinkConnection;

import java.util.List;
import java.util.Optional;

/** What a wait waits for: given each new snapshot (or the deletion), whether it is over, and how. */
public interface Goal {

    /** The end of a wait: the exit code and what to say. */
    record Outcome(int exitCode, String message) {
    }

    /** Empty while the wait goes on. */
    Optional<Outcome> judge(PrivateLinkConnection snapshot);

    Outcome onDeleted();

    /** Whether a connection not found at all already ends the wait (deleted, detached). */
    default boolean notFoundIsTheEnd() {
        return false;
    }

    /** A line for each change worth showing (null for none), e.g. a state or the domains' states. */
    String describe(PrivateLinkConnection snapshot);

    static Goal state(String target) {
        return new Goal() {
            @Override
            public Optional<Outcome> judge(PrivateLinkConnection c) {
                String state = c.state() == null ? "" : c.state().name();
                if (state.equals(target)) {
                    return Optional.of(new Outcome(ExitCodes.OK, c.privateLinkConnectionId() + " is " + target));
                }
                if (state.equals("FAILED")) {
                    // the reason's code when the API gives one: FAILED (REJECTED_BY_OWNER): <message>
                    return Optional.of(new Outcome(ExitCodes.FAILED, c.privateLinkConnectionId() + " FAILED"
                            + (c.failureReason() == null ? "" : " (" + c.failureReason().name() + ")") + ": " + c.message()));
                }
                return Optional.empty();
            }

            @Override
            public Outcome onDeleted() {
                return new Outcome(ExitCodes.ERROR, "the connection was deleted before it was " + target);
            }

            @Override
            public String describe(PrivateLinkConnection c) {
                return c.state() + (c.message() == null ? "" : " (" + c.message() + ")");
            }
        };
    }

    static Goal deleted() {
        return new Goal() {
            @Override
            public Optional<Outcome> judge(PrivateLinkConnection c) {
                return Optional.empty();
            }

            @Override
            public Outcome onDeleted() {
                return new Outcome(ExitCodes.OK, "deleted");
            }

            @Override
            public boolean notFoundIsTheEnd() {
                return true;
            }

            @Override
            public String describe(PrivateLinkConnection c) {
                return String.valueOf(c.state());
            }
        };
    }

    /** Every domain of the attachment ACTIVE; one FAILED ends the wait with {@link ExitCodes#FAILED}. */
    static Goal attached(String attachDomainId) {
        return new Goal() {
            @Override
            public Optional<Outcome> judge(PrivateLinkConnection c) {
                Optional<AttachDomain> attachment = find(c, attachDomainId);
                if (attachment.isEmpty() || attachment.get().domains() == null || attachment.get().domains().isEmpty()) {
                    return Optional.empty();
                }
                List<Domain> domains = attachment.get().domains();
                Optional<Domain> failed = domains.stream().filter(d -> "FAILED".equals(d.state())).findFirst();
                if (failed.isPresent()) {
                    return Optional.of(new Outcome(ExitCodes.FAILED, "domain " + failed.get().name() + " FAILED: "
                            + failed.get().message()));
                }
                return domains.stream().allMatch(d -> "ACTIVE".equals(d.state()))
                        ? Optional.of(new Outcome(ExitCodes.OK, attachDomainId + ": " + domains.size() + " domains ACTIVE"))
                        : Optional.empty();
            }

            @Override
            public Outcome onDeleted() {
                return new Outcome(ExitCodes.ERROR, "the connection was deleted before its domains were ACTIVE");
            }

            @Override
            public String describe(PrivateLinkConnection c) {
                return find(c, attachDomainId).map(Goal::domainStates).orElse(null);
            }
        };
    }

    /** The attachment gone from the connection. */
    static Goal detached(String attachDomainId) {
        return new Goal() {
            @Override
            public Optional<Outcome> judge(PrivateLinkConnection c) {
                return find(c, attachDomainId).isEmpty()
                        ? Optional.of(new Outcome(ExitCodes.OK, attachDomainId + " detached")) : Optional.empty();
            }

            @Override
            public Outcome onDeleted() {
                return new Outcome(ExitCodes.OK, attachDomainId + " detached (the connection is deleted)");
            }

            @Override
            public boolean notFoundIsTheEnd() {
                return true;
            }

            @Override
            public String describe(PrivateLinkConnection c) {
                return find(c, attachDomainId).map(Goal::domainStates).orElse("detached");
            }
        };
    }

    private static Optional<AttachDomain> find(PrivateLinkConnection c, String attachDomainId) {
        return c.attachedDomains() == null ? Optional.empty()
                : c.attachedDomains().stream().filter(a -> attachDomainId.equals(a.attachDomainId())).findFirst();
    }

    private static String domainStates(AttachDomain a) {
        if (a.domains() == null || a.domains().isEmpty()) {
            return "no domains yet";
        }
        StringBuilder text = new StringBuilder();
        for (Domain d : a.domains()) {
            text.append(text.length() == 0 ? "" : ", ").append(d.name()).append(' ').append(d.state());
        }
        return text.toString();
    }
}
