package io.github.smartonkeycloak.core.resourceserver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.smartonkeycloak.core.scope.ResourceScope;
import io.github.smartonkeycloak.core.scope.ScopeSyntax;
import io.github.smartonkeycloak.core.scope.SmartScopeParser;

/**
 * The claims a profile adds to an access token (and to its introspection), by the rules of the server it names;
 * docs/resource-server-profiles.md has each rule with its source. The token's own claims ({@code scope},
 * {@code patient}, {@code aud}, ...) stay as SMART has them; a profile only adds what its server reads.
 */
public final class ProfileClaims {

    /** Azure's claim with the scopes (Microsoft's fhir-server: {@code ScopesClaim = { "scp" }}). */
    public static final String AZURE_SCOPES = "scp";
    /** The FHIR gateway's patient claim ({@code PatientAccessChecker.Factory.PATIENT_CLAIM}). */
    public static final String GATEWAY_PATIENT = "patient_id";
    public static final String FHIR_USER = "fhirUser";

    private ProfileClaims() {
    }

    /**
     * Whether a claim is one a profile adds and introspection should answer as the token has it: a resource server
     * that introspects reads the same claims as one that reads the JWT. ({@code fhirUser} has its own mapper.)
     */
    public static boolean isIntrospectedClaim(String name) {
        return AZURE_SCOPES.equals(name) || GATEWAY_PATIENT.equals(name);
    }

    /** The claims to set, in order; empty for {@link ResourceServerProfile#GENERIC} and where nothing applies. */
    public static Map<String, Object> of(ResourceServerProfile profile, TokenFacts token) {
        Map<String, Object> claims = new LinkedHashMap<>();
        switch (profile) {
            case AZURE -> {
                claims.put(AZURE_SCOPES, String.join(" ", inOneSyntax(token.scopes())));
                absoluteFhirUser(token).ifPresent(fhirUser -> claims.put(FHIR_USER, fhirUser));
            }
            case HEALTHLAKE -> absoluteFhirUser(token).ifPresent(fhirUser -> claims.put(FHIR_USER, fhirUser));
            case FHIR_GATEWAY -> {
                if (token.patient() != null) {
                    claims.put(GATEWAY_PATIENT, token.patient());
                }
            }
            case GENERIC, GOOGLE, HAPI -> {
                // Their servers read SMART's own claims (scope, patient): nothing to add.
            }
        }
        return claims;
    }

    /**
     * The audience the profile's server requires next to SMART's, or empty: HealthLake's {@code aud} must be the data
     * store endpoint exactly as HealthLake writes it (with its trailing slash), which the FHIR base URL setting may
     * have written without.
     */
    public static Optional<String> audience(ResourceServerProfile profile, TokenFacts token) {
        return profile == ResourceServerProfile.HEALTHLAKE ? Optional.ofNullable(token.fhirBaseUrl()) : Optional.empty();
    }

    /**
     * The scopes with every resource scope in SMART v1 syntax when each has an exact v1 equivalent ({@code .rs} is
     * {@code .read}, {@code .cud} {@code .write}, {@code .cruds} {@code .*}); otherwise every one in v2, since Azure
     * refuses a token that mixes v1 and v2 scopes. Other scopes stay as they are.
     */
    static List<String> inOneSyntax(List<String> scopes) {
        List<ResourceScope> resources = scopes.stream().map(SmartScopeParser::resourceScope).flatMap(Optional::stream).toList();
        ScopeSyntax syntax = resources.stream().allMatch(scope -> scope.writtenIn(ScopeSyntax.V1).syntax() == ScopeSyntax.V1)
                ? ScopeSyntax.V1 : ScopeSyntax.V2;
        List<String> shaped = new ArrayList<>();
        for (String scope : scopes) {
            shaped.add(SmartScopeParser.resourceScope(scope).map(resource -> resource.render(syntax)).orElse(scope));
        }
        return shaped;
    }

    /** SMART's fhirUser is a URL; Azure and HealthLake need it absolute, so a relative one is made so on the base URL. */
    private static Optional<String> absoluteFhirUser(TokenFacts token) {
        String fhirUser = token.fhirUser();
        if (fhirUser == null || fhirUser.isBlank()) {
            return Optional.empty();
        }
        if (fhirUser.startsWith("https://") || fhirUser.startsWith("http://") || token.fhirBaseUrl() == null) {
            return Optional.of(fhirUser);
        }
        String base = token.fhirBaseUrl().endsWith("/") ? token.fhirBaseUrl() : token.fhirBaseUrl() + "/";
        return Optional.of(base + fhirUser);
    }
}
