package io.firebreak.streams.graph;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The service dependency graph (DESIGN §6.3): {@code from} depends on (calls) {@code to}. Built from the
 * {@code services:} config, plus edges learned from Coroot RCA reports at run time ({@link #plus}).
 * Immutable; plain Java so the correlation rules are testable without Kafka.
 */
public final class ServiceGraph {

    private static final ServiceGraph EMPTY = new ServiceGraph(Map.of());

    private final Map<String, Set<String>> dependsOn;
    private final Map<String, Set<String>> dependents;

    private ServiceGraph(Map<String, Set<String>> dependsOn) {
        Map<String, Set<String>> down = new HashMap<>();
        Map<String, Set<String>> up = new HashMap<>();
        dependsOn.forEach((from, tos) -> tos.forEach(to -> {
            if (!from.equals(to)) {
                down.computeIfAbsent(from, k -> new LinkedHashSet<>()).add(to);
                up.computeIfAbsent(to, k -> new LinkedHashSet<>()).add(from);
            }
        }));
        this.dependsOn = freeze(down);
        this.dependents = freeze(up);
    }

    public static ServiceGraph empty() {
        return EMPTY;
    }

    /** From the config form: service name → the services it depends on. */
    public static ServiceGraph of(Map<String, List<String>> dependsOn) {
        Map<String, Set<String>> edges = new HashMap<>();
        dependsOn.forEach((from, tos) -> edges.put(from, new LinkedHashSet<>(tos)));
        return new ServiceGraph(edges);
    }

    /** This graph plus more edges (from → to pairs), e.g. those Coroot named. */
    public ServiceGraph plus(Collection<Edge> edges) {
        if (edges.isEmpty()) {
            return this;
        }
        Map<String, Set<String>> merged = new HashMap<>();
        dependsOn.forEach((from, tos) -> merged.put(from, new LinkedHashSet<>(tos)));
        edges.forEach(edge -> merged.computeIfAbsent(edge.from(), k -> new LinkedHashSet<>()).add(edge.to()));
        return new ServiceGraph(merged);
    }

    /** A dependency edge: {@code from} depends on {@code to}. */
    public record Edge(String from, String to) {
    }

    public Set<String> dependenciesOf(String service) {
        return dependsOn.getOrDefault(service, Set.of());
    }

    /** Linked in either direction within {@code maxHops} edges (undirected distance). */
    public boolean linked(String a, String b, int maxHops) {
        if (a.equals(b)) {
            return true;
        }
        Set<String> seen = new LinkedHashSet<>(List.of(a));
        Deque<String> frontier = new ArrayDeque<>(List.of(a));
        for (int hop = 0; hop < maxHops && !frontier.isEmpty(); hop++) {
            Deque<String> next = new ArrayDeque<>();
            for (String service : frontier) {
                for (String neighbour : neighbours(service)) {
                    if (neighbour.equals(b)) {
                        return true;
                    }
                    if (seen.add(neighbour)) {
                        next.add(neighbour);
                    }
                }
            }
            frontier = next;
        }
        return false;
    }

    /** Everything the services depend on, directly or transitively within {@code maxHops}, excluding themselves. */
    public Set<String> dependenciesOf(Collection<String> services, int maxHops) {
        Set<String> found = new LinkedHashSet<>();
        Deque<String> frontier = new ArrayDeque<>(services);
        for (int hop = 0; hop < maxHops && !frontier.isEmpty(); hop++) {
            Deque<String> next = new ArrayDeque<>();
            for (String service : frontier) {
                for (String dependency : dependenciesOf(service)) {
                    if (!services.contains(dependency) && found.add(dependency)) {
                        next.add(dependency);
                    }
                }
            }
            frontier = next;
        }
        return found;
    }

    /** True when {@code from} depends on {@code to} directly or transitively (any number of hops). */
    public boolean dependsOnTransitively(String from, String to) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> frontier = new ArrayDeque<>(dependenciesOf(from));
        while (!frontier.isEmpty()) {
            String service = frontier.poll();
            if (service.equals(to)) {
                return true;
            }
            if (seen.add(service)) {
                frontier.addAll(dependenciesOf(service));
            }
        }
        return false;
    }

    private Set<String> neighbours(String service) {
        Set<String> all = new LinkedHashSet<>(dependsOn.getOrDefault(service, Set.of()));
        all.addAll(dependents.getOrDefault(service, Set.of()));
        return all;
    }

    private static Map<String, Set<String>> freeze(Map<String, Set<String>> edges) {
        Map<String, Set<String>> frozen = new HashMap<>();
        edges.forEach((k, v) -> frozen.put(k, Set.copyOf(new LinkedHashSet<>(v))));
        return Map.copyOf(frozen);
    }

    @Override
    public String toString() {
        return "ServiceGraph" + dependsOn;
    }
}
