package io.firebreak.embedded;

import org.apache.avro.Schema;

/** One registered version of a subject: what {@code _schemas} stores and the REST API answers. */
record SchemaVersion(String subject, int version, int id, Schema schema) {
}
