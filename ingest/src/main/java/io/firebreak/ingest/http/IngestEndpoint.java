package io.firebreak.ingest.http;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks ingest's write resources: the bearer-token and body-limit filters apply to them only, not to the
 * other resources the application registers in the same Jersey environment (API, dashboard).
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface IngestEndpoint {
}
