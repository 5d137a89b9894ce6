package io.firebreak.ingest.api;

/**
 * The body of every error answer (DESIGN §4): {@code error} is a stable machine-readable code (also the
 * metric's reason), {@code detail} says what to fix.
 */
public record ErrorBody(String error, String detail) implements ErrorCoded {
}
