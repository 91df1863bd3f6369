package io.github.smartonkeycloak.demofhir.security;

/** Asks the authorization server whether an access token is active, and what it grants. */
public interface TokenIntrospector {

    /**
     * @throws IntrospectionUnavailableException when no trustworthy answer could be had (server down, timeout,
     *                                           non-200, unreadable body): the caller must not treat that as "inactive"
     */
    Introspection introspect(String token);
}
