package io.firebreak.ingest.api;

/** An error answer's body: its stable code is what the rejected-by-reason metric counts. */
public interface ErrorCoded {

    String error();
}
