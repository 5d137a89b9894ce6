/**
 * The correlation topology (DESIGN §5–§7): {@link io.firebreak.streams.IncidentTopology#build} wires
 * dedup → correlate → route over {@code firebreak.signals.v1}, emitting {@code firebreak.incidents.v1} and
 * {@code firebreak.notify.<channel>.v1}.
 *
 * <ul>
 *   <li>{@code dedup}: fingerprint identity; repeats stop here (flapping will be counted here).</li>
 *   <li>{@code correlation}: groupBy grouping, incident ids {@code <cluster>.<yyyyMMdd>.<NNNN>} (UTC day of
 *       stream time), severity escalation, timeline; the dependency graph, changes and RCA join here later.</li>
 *   <li>{@code routing}: the route table as data, one TRIGGER per receiver per incident, ids
 *       {@code <incidentId>:<receiver>:trigger}.</li>
 * </ul>
 * State retention runs on stream time (deterministic under exactly_once_v2): dedup entries unseen for
 * {@code retention} and incidents with every signal resolved and no change for {@code retention} are dropped,
 * the latter after one final {@code closed=true} version.
 */
package io.firebreak.streams;
