/**
 * The correlation topology (DESIGN §5–§7): {@link io.firebreak.streams.IncidentTopology#build} wires
 * signals → dedup → incidents, with changes, RCA reports and lifecycle commands (all keyed by cluster) into
 * the same incident processor, burn rates and postmortems as global stores, emitting
 * {@code firebreak.incidents.v1} and {@code firebreak.notify.<channel>.v1}.
 *
 * <ul>
 *   <li>{@code dedup}: fingerprint identity; repeats stop here; flapping (more than N flips within a window).</li>
 *   <li>{@code correlation}: groupBy grouping, dependency-graph joins (either direction, graphDepth hops, within
 *       window of the incident's last signal), incident ids {@code <cluster>.<yyyyMMdd>.<NNNN>}, enrichment; the
 *       incident processor dispatches to one class per input kind and one per punctuation.</li>
 *   <li>{@code lifecycle}: stage moves on the incident record ({@code StageMachine}, by the table of {@code core}), commands
 *       applied or rejected (by {@code core}'s {@code CommandRules}), reopen.</li>
 *   <li>{@code enrich}: suspect changes, burn snapshots, built-in root-cause ranking.</li>
 *   <li>{@code routing}: the route table as data; one TRIGGER per receiver per incident
 *       ({@code <incident>:<receiver>:trigger}), later UPDATE/ACKNOWLEDGE/RESOLVE per incident version
 *       ({@code <incident>:<receiver>:<kind>:<version>}).</li>
 *   <li>{@code state}: scans of the key-value stores (copy, then act; delete what is stale).</li>
 * </ul>
 * The four cluster-keyed inputs (signals, changes, rca, actions) must be co-partitioned: same partition count,
 * keyed by cluster. Kafka Streams checks that only for joins, and this topology merges them without one, so
 * {@link io.firebreak.streams.IncidentTopology#requireCopartitioned} checks it at start-up.
 * Retention runs on stream time; the enrichment deadline, automatic recovery and postmortem pickup run on
 * wall-clock time, because they must happen when no record arrives.
 */
package io.firebreak.streams;
