package io.github.smartonkeycloak.demofhir.security;

import java.util.Set;

/**
 * Who a stored search belongs to: the user ({@code sub}, {@code username}), the app ({@code client_id}), the launch
 * context's {@code patient} and the granted scopes of the token that searched; a missing claim is null. A token that
 * agrees on all of them (the same token, or a refreshed one with the same grant) would get the same results from the
 * search itself, so it may read the pages; any other may not.
 */
record PageOwner(String subject, String username, String clientId, String patient, Set<String> scopes) {

    static PageOwner of(Introspection introspection) {
        return new PageOwner(claim(introspection, "sub"), claim(introspection, "username"),
                claim(introspection, "client_id"), claim(introspection, "patient"), introspection.scopes());
    }

    private static String claim(Introspection introspection, String name) {
        return introspection.stringClaim(name).orElse(null);
    }
}
