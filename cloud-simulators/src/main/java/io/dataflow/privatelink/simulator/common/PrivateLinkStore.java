package io.dataflow.privatelink.simulator.common;

import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What both clouds' PrivateLink stores have: accounts by access key, endpoint services and interface endpoints
 * in creation order, their ClientTokens, the endpoints' timers, the lookups that scope them to the calling
 * account, and what makes endpoints reachable: the services' backends and the endpoints' addresses.
 *
 * @param <V> the cloud's endpoint service
 * @param <E> the cloud's interface endpoint
 * @param <S> the store's state
 */
public abstract class PrivateLinkStore<V extends PrivateLinkStore.Service, E extends PrivateLinkStore.Endpoint,
        S extends PrivateLinkStore.State<V, E>> extends SimulatorStore<S> {

    /** An endpoint service, as far as the rules shared here see it; {@code visibleTo}: may the caller find it. */
    public interface Service extends Serializable {
        String serviceId();
        String ownerId();
        String region();
        boolean visibleTo(CallingAccount caller);
    }

    /**
     * An interface endpoint, as far as the rules shared here see it; its state moves on by itself at
     * {@code transitionAt} (null: it stays as it is).
     */
    public interface Endpoint extends Serializable {
        String endpointId();
        String ownerId();
        String region();
        String vpcId();
        String serviceId();
        Instant transitionAt();

        /** The DNS name that answers the address of every zone of the endpoint. */
        String regionalDnsName();

        /** By zone id, in the endpoint's zone order: the DNS name that answers that zone's address only. */
        Map<String, String> zonalDnsNames();

        /** Whether connections to it reach the service now (its connection is accepted and it is ready). */
        boolean forwards();
    }

    /** What a ClientToken created, and the parameters it came with. */
    public record TokenUse<T>(String fingerprint, T created) implements Serializable {
    }

    /** The account an access key belongs to, and its secret (null where signatures are not checked). */
    public record AccessKey(String accountId, String secret) implements Serializable {
    }

    /**
     * The services and endpoints (in creation = pagination order) and the ClientTokens that created them, by
     * scope (account, and region where the cloud scopes them so) and token.
     */
    public abstract static class State<V extends Service, E extends Endpoint> extends SimulatorStore.State {
        public final Map<String, AccessKey> accessKeys = new HashMap<>();
        public final Map<String, V> services = new LinkedHashMap<>();
        public final Map<String, E> endpoints = new LinkedHashMap<>();
        public final Map<String, TokenUse<V>> serviceTokens = new HashMap<>();
        public final Map<String, TokenUse<E>> endpointTokens = new HashMap<>();
        // service id → (port → host:port): where the service's load balancer forwards each port
        public final Map<String, Map<Integer, String>> serviceBackends = new HashMap<>();
        public final EndpointAddresses endpointAddresses = new EndpointAddresses();
    }

    private final Function<String, RuntimeException> serviceNotFound;
    private final Supplier<RuntimeException> idempotenceMismatch;

    /**
     * @param serviceNotFound     the cloud's error for a service the caller does not own (or that does not exist)
     * @param idempotenceMismatch the cloud's error for a ClientToken reused with other parameters
     */
    protected PrivateLinkStore(S empty, Clock clock, Function<String, RuntimeException> serviceNotFound,
                               Supplier<RuntimeException> idempotenceMismatch) {
        super(empty, clock);
        this.serviceNotFound = serviceNotFound;
        this.idempotenceMismatch = idempotenceMismatch;
    }

    /** The endpoint after its timed step, as of the moment it fell due; null once it is gone. */
    protected abstract E advance(E endpoint, Instant at);

    /**
     * Applies the endpoints' due timers, each as of the moment it fell due, until none is (chained steps
     * settle in one go); every operation that reads endpoints starts with it.
     */
    protected void settle() {
        Instant now = now();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Iterator<Map.Entry<String, E>> it = state.endpoints.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, E> entry = it.next();
                Instant due = entry.getValue().transitionAt();
                if (due != null && !now.isBefore(due)) {
                    E next = advance(entry.getValue(), due);
                    if (next == null) {
                        it.remove();
                    } else {
                        entry.setValue(next);
                    }
                    changed = true;
                }
            }
        }
    }

    protected void put(E endpoint) {
        state.endpoints.put(endpoint.endpointId(), endpoint);
    }

    /** What a replayed ClientToken created in {@code scope}: the endpoint as it is now, or as created once gone. */
    protected Optional<E> replayEndpoint(String scope, String token, String fingerprint) {
        return replay(state.endpointTokens, scope, token, fingerprint)
                .map(e -> state.endpoints.getOrDefault(e.endpointId(), e));
    }

    /** What a replayed ClientToken created in {@code scope}: the service as it is now, or as created once gone. */
    protected Optional<V> replayService(String scope, String token, String fingerprint) {
        return replay(state.serviceTokens, scope, token, fingerprint)
                .map(s -> state.services.getOrDefault(s.serviceId(), s));
    }

    /** Empty for a new (or null) token; the cloud's error for a token used before with other parameters. */
    private <T> Optional<T> replay(Map<String, TokenUse<T>> uses, String scope, String token, String fingerprint) {
        TokenUse<T> use = token == null ? null : uses.get(scope + "|" + token);
        if (use != null && !use.fingerprint().equals(fingerprint)) {
            throw idempotenceMismatch.get();
        }
        return Optional.ofNullable(use).map(TokenUse::created);
    }

    /** Remembers what a (non-null) token created in {@code scope}; returns {@code created}. */
    protected <T> T remember(Map<String, TokenUse<T>> uses, String scope, String token, String fingerprint,
                             T created) {
        if (token != null) {
            uses.put(scope + "|" + token, new TokenUse<>(fingerprint, created));
        }
        return created;
    }

    /** Requests signed with {@code accessKeyId} act as the key's account. */
    public synchronized void addAccessKey(String accessKeyId, AccessKey key) {
        state.accessKeys.put(accessKeyId, key);
    }

    public synchronized Optional<AccessKey> accessKey(String accessKeyId) {
        return Optional.ofNullable(state.accessKeys.get(accessKeyId));
    }

    protected static boolean owns(CallingAccount caller, String ownerId, String region) {
        return ownerId.equals(caller.accountId()) && region.equals(caller.region());
    }

    public synchronized List<V> visibleServices(CallingAccount caller) {
        return state.services.values().stream().filter(s -> s.visibleTo(caller)).toList();
    }

    /** The caller's service; the cloud's error for any other. */
    public synchronized V ownedService(CallingAccount caller, String serviceId) {
        V service = state.services.get(serviceId);
        if (service == null || !owns(caller, service.ownerId(), service.region())) {
            throw serviceNotFound.apply(serviceId);
        }
        return service;
    }

    /** The caller's endpoints in its region, in creation order. */
    public synchronized List<E> ownedEndpoints(CallingAccount caller) {
        settle();
        return state.endpoints.values().stream().filter(e -> owns(caller, e.ownerId(), e.region())).toList();
    }

    /** The owner of a service, as whom a Java-API hook acts. */
    protected CallingAccount ownerOf(String serviceId) {
        V service = existing(state.services, serviceId, "endpoint service");
        return new CallingAccount(service.ownerId(), service.region());
    }

    /** The endpoint with this id, in any account; empty once it is gone. */
    public synchronized Optional<E> findEndpoint(String endpointId) {
        settle();
        return Optional.ofNullable(state.endpoints.get(endpointId));
    }

    /** Removes an endpoint as if someone deleted it outside the platform (drift); false when there was none. */
    public synchronized boolean deleteEndpointOutOfBand(String endpointId) {
        return state.endpoints.remove(endpointId) != null;
    }

    // ---- reachability: service backends, endpoint addresses ----

    /**
     * Declares where the service's load balancer forwards: port → {@code host:port}. Replaces what was declared
     * before; an empty map removes it. An unknown service or a malformed port or backend is the caller's mistake.
     */
    public synchronized void setServiceBackends(String serviceId, Map<Integer, String> backends) {
        existing(state.services, serviceId, "endpoint service");
        Map<Integer, String> checked = new TreeMap<>();
        backends.forEach((port, backend) -> {
            ServiceBackend.checkPort(port, "service");
            checked.put(port, ServiceBackend.parse(backend).toString());
        });
        if (checked.isEmpty()) {
            state.serviceBackends.remove(serviceId);
        } else {
            state.serviceBackends.put(serviceId, checked);
        }
    }

    /** The service's backends by port, in port order; empty when none were declared. */
    public synchronized Map<Integer, String> serviceBackends(String serviceId) {
        return Collections.unmodifiableMap(new TreeMap<>(state.serviceBackends.getOrDefault(serviceId, Map.of())));
    }

    /**
     * The endpoint of {@code vpcId} that {@code name} (normalized) is a DNS name of, with the addresses of its
     * zones (handed out now if they were not yet); empty when no endpoint of that VPC has that name.
     */
    public synchronized Optional<ReachableEndpoint> endpointNamed(String vpcId, String name) {
        settle();
        for (E endpoint : state.endpoints.values()) {
            if (endpoint.vpcId().equals(vpcId) && isNamed(endpoint, name)) {
                List<ReachableEndpoint.Zone> zones = new ArrayList<>();
                endpoint.zonalDnsNames().forEach((zoneId, dnsName) -> zones.add(new ReachableEndpoint.Zone(zoneId,
                        DnsResolver.normalize(dnsName),
                        state.endpointAddresses.addressOf(endpoint.endpointId(), zoneId))));
                return Optional.of(new ReachableEndpoint(endpoint.endpointId(), endpoint.serviceId(),
                        DnsResolver.normalize(endpoint.regionalDnsName()), zones));
            }
        }
        return Optional.empty();
    }

    /** Zone names and regions come from callers: an endpoint's names are compared as a resolver compares names. */
    private static boolean isNamed(Endpoint endpoint, String name) {
        return DnsResolver.normalize(endpoint.regionalDnsName()).equals(name)
                || endpoint.zonalDnsNames().values().stream().anyMatch(n -> DnsResolver.normalize(n).equals(name));
    }

    /**
     * Where a new connection to {@code port} of the endpoint goes now: its service's backend for that port while
     * the endpoint {@link Endpoint#forwards forwards}; empty (the connection is closed) otherwise.
     */
    public synchronized Optional<ServiceBackend> backendFor(String endpointId, int port) {
        settle();
        E endpoint = state.endpoints.get(endpointId);
        if (endpoint == null || !endpoint.forwards()) {
            return Optional.empty();
        }
        return Optional.ofNullable(state.serviceBackends.getOrDefault(endpoint.serviceId(), Map.of()).get(port))
                .map(ServiceBackend::parse);
    }
}
