package io.github.smartonkeycloak.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks logic copied or adapted from Keycloak (Apache License 2.0) because Keycloak keeps it private. Each use is
 * listed in {@code docs/compatibility.md}; on a Keycloak upgrade, compare the marked code with {@link #source()} at
 * the new version.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR})
public @interface CopiedFromKeycloak {

    /** The Keycloak class and member the logic comes from, e.g. {@code "DefaultClientSessionContext.isClientScopePermittedForUser"}. */
    String source();

    /** The Keycloak version the copy was taken from and last compared with. */
    String version();
}
