/**
 * The runbook's rules in plain Java, shared by ingest (which answers a request at once) and the correlation topology
 * (which decides for good): one home for each rule, so the two can never drift apart. Nothing here knows Kafka, HTTP,
 * Avro or Dropwizard ({@code CorePurityTest}); callers translate their types at the edge.
 */
package io.firebreak.core;
