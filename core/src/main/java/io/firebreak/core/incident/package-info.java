/**
 * An incident's identity and standing in plain Java: its id ({@link io.firebreak.core.incident.IncidentIds}), its
 * {@link io.firebreak.core.incident.Severity} and its runbook {@link io.firebreak.core.incident.Stage} with the moves
 * between stages. The Avro enums on the wire have the same names in the same order; callers translate by name at the
 * edge ({@code io.firebreak.schemas.CoreTypes}).
 */
package io.firebreak.core.incident;
