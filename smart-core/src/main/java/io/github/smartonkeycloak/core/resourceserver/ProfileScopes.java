package io.github.smartonkeycloak.core.resourceserver;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.github.smartonkeycloak.core.scope.Grant;
import io.github.smartonkeycloak.core.scope.ResourceScope;
import io.github.smartonkeycloak.core.scope.ScopeContext;
import io.github.smartonkeycloak.core.scope.ScopeSyntax;

/**
 * What a profile does to the scopes themselves, at the negotiation, so that the token response, the access token,
 * every refresh and introspection say the same: {@code google} answers in SMART v1 and refuses what v1 cannot say;
 * {@code azure} keeps one context. docs/resource-server-profiles.md has the rules and their sources.
 */
public final class ProfileScopes {

    private ProfileScopes() {
    }

    /**
     * A requested scope the profile's server cannot take, and why, for an {@code invalid_scope} answer.
     *
     * @param scope       the scope as the app wrote it (for the event detail)
     * @param description the {@code error_description}, which starts with the scope
     */
    public record Refusal(String scope, String description) {
    }

    /**
     * The first requested resource scope the profile's server cannot take, or empty when it can take them all.
     * Google's Cloud Healthcare API takes v1 scopes only ({@code read}, {@code write}, {@code *}, no query).
     */
    public static Optional<Refusal> refusal(ResourceServerProfile profile, List<ResourceScope> requested) {
        if (profile != ResourceServerProfile.GOOGLE) {
            return Optional.empty();
        }
        return requested.stream().filter(scope -> !hasV1(scope)).findFirst()
                .map(scope -> new Refusal(scope.text(), scope.text() + ": this FHIR server takes SMART v1 scopes only"
                        + " (read, write or *, no query), and this scope has no v1 equivalent"));
    }

    /**
     * The grants as the profile's server takes them: {@code google}, each in v1; {@code azure}, only those of one
     * context (see {@link #keptContext}); other profiles, unchanged.
     */
    public static List<Grant> shape(ResourceServerProfile profile, List<Grant> grants, boolean patientInContext) {
        return switch (profile) {
            case GOOGLE -> grants.stream()
                    .map(grant -> hasV1(grant.granted()) ? new Grant(grant.requested(),
                            grant.granted().writtenIn(ScopeSyntax.V1), grant.ceiling()) : grant)
                    .toList();
            case AZURE -> {
                Optional<ScopeContext> kept = keptContext(grants, patientInContext);
                yield kept.map(context -> grants.stream().filter(grant -> grant.granted().context() == context).toList())
                        .orElse(grants);
            }
            default -> grants;
        };
    }

    /**
     * Azure refuses a token whose clinical scopes mix contexts ("SMART clinical scopes must use a single context").
     * When they would, one is kept: {@code system} for a backend service (only it gets system scopes),
     * {@code patient} when a patient is in context (the app asked for {@code launch/patient} or was launched with
     * one), else {@code user}. Empty when the grants are of one context already.
     */
    static Optional<ScopeContext> keptContext(List<Grant> grants, boolean patientInContext) {
        Set<ScopeContext> contexts = EnumSet.noneOf(ScopeContext.class);
        grants.forEach(grant -> contexts.add(grant.granted().context()));
        if (contexts.size() <= 1) {
            return Optional.empty();
        }
        if (contexts.contains(ScopeContext.SYSTEM)) {
            return Optional.of(ScopeContext.SYSTEM);
        }
        return Optional.of(patientInContext ? ScopeContext.PATIENT : ScopeContext.USER);
    }

    private static boolean hasV1(ResourceScope scope) {
        return scope.constraints().isEmpty() && scope.permissions().v1().isPresent();
    }
}
