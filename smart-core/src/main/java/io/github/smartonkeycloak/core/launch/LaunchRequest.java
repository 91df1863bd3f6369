package io.github.smartonkeycloak.core.launch;

/**
 * What an EHR registers: the app the launch is for, the context it gets, the EHR user it belongs to, and the FHIR
 * server it was launched against.
 *
 * @param clientId the app
 * @param context the launch context
 * @param user the EHR user who may complete an authorization with it (as registered: a username or a user id; once
 *     stored, the user id), or null when the EHR did not say
 * @param iss the FHIR base URL the EHR passes to the app as {@code iss} (the app's {@code aud} must equal it), or
 *     null for the realm's first FHIR base URL
 */
public record LaunchRequest(String clientId, LaunchContext context, String user, String iss) {

    public LaunchRequest withUser(String userId) {
        return new LaunchRequest(clientId, context, userId, iss);
    }

    public LaunchRequest withIss(String fhirBaseUrl) {
        return new LaunchRequest(clientId, context, user, fhirBaseUrl);
    }
}
