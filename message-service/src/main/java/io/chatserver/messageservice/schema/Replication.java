package io.chatserver.messageservice.schema;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Replication of the message keyspace: SimpleStrategy with one replica locally,
 * NetworkTopologyStrategy with replicas per datacenter in production.
 *
 * @param strategy          the replication class
 * @param replicationFactor replicas for SimpleStrategy
 * @param datacenters       replicas per datacenter for NetworkTopologyStrategy, e.g. {@code dc1: 3}
 */
record Replication(
        @NotNull @DefaultValue("SimpleStrategy") Strategy strategy,
        @Min(1) @DefaultValue("1") int replicationFactor,
        @NotNull @DefaultValue Map<String, Integer> datacenters) {

    private static final Pattern DATACENTER = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    enum Strategy { SIMPLE_STRATEGY, NETWORK_TOPOLOGY_STRATEGY }

    Replication {
        datacenters = Map.copyOf(datacenters);
    }

    @AssertTrue(message = "NetworkTopologyStrategy needs datacenters (name: replicas >= 1, names of letters, digits, '_', '.', '-')")
    boolean isTopologyValid() {
        return strategy != Strategy.NETWORK_TOPOLOGY_STRATEGY || (!datacenters.isEmpty()
                && datacenters.entrySet().stream().allMatch(dc ->
                        DATACENTER.matcher(dc.getKey()).matches() && dc.getValue() != null && dc.getValue() >= 1));
    }

    /** The CQL map literal for {@code WITH replication = ...}. */
    String toCql() {
        if (strategy == Strategy.SIMPLE_STRATEGY) {
            return "{'class': 'SimpleStrategy', 'replication_factor': " + replicationFactor + "}";
        }
        if (!isTopologyValid()) {
            throw new IllegalStateException("invalid NetworkTopologyStrategy datacenters: " + datacenters);
        }
        return new TreeMap<>(datacenters).entrySet().stream()
                .map(dc -> "'" + dc.getKey() + "': " + dc.getValue())
                .collect(Collectors.joining(", ", "{'class': 'NetworkTopologyStrategy', ", "}"));
    }
}
