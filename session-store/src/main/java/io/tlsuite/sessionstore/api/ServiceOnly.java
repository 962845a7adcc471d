package io.tlsuite.sessionstore.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an endpoint that only the handshake service may call: the service token is checked before
 * the body is even read ({@link ServiceOnlyFilter}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface ServiceOnly {
    /** The action named in the audit line and the metric, e.g. {@code read-keys}. */
    String value();
}
