package io.firebreak.ingest.http;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the ingest resources that need {@code Authorization: Bearer <token>}. The signed callbacks (PagerDuty,
 * Slack) do not carry it: their senders cannot add a bearer token, so they prove themselves by signature instead.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface BearerAuthenticated {
}
