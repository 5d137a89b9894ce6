package io.firebreak.ingest;

/** A serialized event is bigger than one Kafka request may carry ({@code max.request.size}). */
public final class EventTooLargeException extends RuntimeException {

    public EventTooLargeException(String message) {
        super(message);
    }
}
