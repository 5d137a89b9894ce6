package io.firebreak.ingest.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource (class or method) that needs {@code Authorization: Bearer <token>} with a token holding this scope:
 * none or a wrong token → 401, a valid token without the scope → 403. Resources without it are open (the dashboard's
 * static files; the signed callbacks, which prove themselves by signature).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresScope {
    Scope value();
}
