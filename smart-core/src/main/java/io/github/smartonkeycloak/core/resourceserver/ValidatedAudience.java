package io.github.smartonkeycloak.core.resourceserver;

/**
 * Where the launch check leaves the {@code aud} it validated: an authorization-request parameter, which Keycloak keeps
 * as a note of the client session, so the audience mapper, the profile shaping and the scope negotiation at the token
 * endpoint all find the FHIR server the app named.
 */
public final class ValidatedAudience {

    /** The authorization-request parameter. */
    public static final String PARAMETER = "smart_aud";
    /** The client-session (and authentication-session) note Keycloak makes of it. */
    public static final String CLIENT_NOTE = "client_request_param_" + PARAMETER;

    private ValidatedAudience() {
    }
}
