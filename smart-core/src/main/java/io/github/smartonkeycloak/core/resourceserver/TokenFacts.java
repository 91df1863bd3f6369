package io.github.smartonkeycloak.core.resourceserver;

import java.util.List;

/**
 * What a profile reads from an access token being issued.
 *
 * @param scopes      the granted scopes, as the token's {@code scope} lists them
 * @param patient     the patient in context (a bare id), or {@code null}
 * @param fhirUser    the user's FHIR resource as the user attribute holds it ({@code Practitioner/123} or a URL), or
 *                    {@code null} (no user, or none recorded)
 * @param fhirBaseUrl the FHIR base URL the token is for, exactly as the profile setting names it, or {@code null}
 */
public record TokenFacts(List<String> scopes, String patient, String fhirUser, String fhirBaseUrl) {

    public TokenFacts {
        scopes = List.copyOf(scopes);
    }
}
