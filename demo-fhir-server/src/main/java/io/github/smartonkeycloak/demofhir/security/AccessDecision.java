package io.github.smartonkeycloak.demofhir.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import io.github.smartonkeycloak.core.scope.GrantedScopes;
import io.github.smartonkeycloak.core.scope.Interaction;
import io.github.smartonkeycloak.core.scope.ScopeContext;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;

/**
 * What the SMART scopes of an access token allow one read or search to return. {@link ScopeEnforcer} makes it before
 * HAPI handles the request and leaves it on the request; the answer is then checked resource by resource:
 * {@code system/} and {@code user/} scopes reach every resource they permit, {@code patient/} scopes only those in the
 * compartment of the token's {@code patient} (see {@link PatientCompartment}). {@code system/} scopes count only in
 * a service account's token: a signed-in user's {@code system/} scopes are ignored.
 */
public final class AccessDecision {

    private static final String KEY = AccessDecision.class.getName();

    private final GrantedScopes scopes;
    private final String resourceType;
    private final Interaction interaction;
    /** For a search: its parameters, each value one occurrence. Unused for a read. */
    private final Map<String, List<String>> searchParameters;
    /** The launch context's patient id; null when the token has none. */
    private final String patient;
    /** The contexts whose scopes may permit the request, before any resource is looked at. */
    private final Set<ScopeContext> contexts;
    /** Contexts whose scopes would permit the request but are not honoured for this token. */
    private final Set<ScopeContext> ignored;
    private final boolean serviceAccount;

    AccessDecision(GrantedScopes scopes, String resourceType, Interaction interaction,
            Map<String, List<String>> searchParameters, String patient, boolean serviceAccount) {
        this.scopes = scopes;
        this.resourceType = resourceType;
        this.interaction = interaction;
        this.searchParameters = searchParameters;
        this.patient = patient;
        this.serviceAccount = serviceAccount;
        this.contexts = EnumSet.noneOf(ScopeContext.class);
        this.ignored = EnumSet.noneOf(ScopeContext.class);
        for (ScopeContext context : ScopeContext.values()) {
            if (!mayPermit(context)) {
                continue;
            }
            if (context == ScopeContext.SYSTEM && !serviceAccount) {
                ignored.add(context);
            } else {
                contexts.add(context);
            }
        }
    }

    /** The decision for a request, as {@link ScopeEnforcer} left it. */
    public static AccessDecision of(RequestDetails request) {
        Object decision = request.getUserData().get(KEY);
        if (decision instanceof AccessDecision) {
            return (AccessDecision) decision;
        }
        // Only a server without ScopeEnforcer gets here: fail closed (500) rather than show everything.
        throw new IllegalStateException("No access decision for this request; is ScopeEnforcer registered?");
    }

    void attachTo(RequestDetails request) {
        request.getUserData().put(KEY, this);
    }

    /** No granted scope can permit the request, whatever resource it would return. */
    boolean permitsNothing() {
        return contexts.isEmpty();
    }

    /** Nothing permits the request, and only because {@code system/} scopes do not count in a user's token. */
    boolean refusedForSystemScopesOfAUser() {
        return contexts.isEmpty() && ignored.contains(ScopeContext.SYSTEM);
    }

    /** Only {@code patient/} scopes could permit the request, and the token names no patient. */
    boolean needsPatientInContext() {
        return patient == null && contexts.equals(EnumSet.of(ScopeContext.PATIENT));
    }

    /** The decision the same token would get for a create of the same type (an update that creates needs it). */
    AccessDecision forCreate() {
        return new AccessDecision(scopes, resourceType, Interaction.CREATE, Map.of(), patient, serviceAccount);
    }

    /** The patient in context when only {@code patient/} scopes can permit the request; empty otherwise. */
    public Optional<String> onlyPatient() {
        return contexts.equals(EnumSet.of(ScopeContext.PATIENT)) ? Optional.ofNullable(patient) : Optional.empty();
    }

    /** Whether the request may return this resource (of the requested type). */
    public boolean allows(Resource resource) {
        Map<String, List<String>> facts = interaction == Interaction.SEARCH ? searchParameters : searchValues(resource);
        for (ScopeContext context : contexts) {
            if (scopes.permits(context, resourceType, interaction, facts)
                    && (context != ScopeContext.PATIENT
                            || patient != null && PatientCompartment.contains(resource, patient))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A search is decided by its parameters alone. A read needs the resource for the constraints of granular scopes,
     * so here only a scope for the type with the permission counts; {@link #allows} checks the rest.
     */
    private boolean mayPermit(ScopeContext context) {
        if (interaction == Interaction.SEARCH) {
            return scopes.permits(context, resourceType, interaction, searchParameters);
        }
        return scopes.resourceScopes().stream().anyMatch(scope -> scope.context() == context
                && (scope.isAnyType() || scope.resourceType().equals(resourceType))
                && scope.permissions().contains(interaction.permission()));
    }

    /** HAPI's request parameters as the scope engine takes them: each array element one occurrence. */
    static Map<String, List<String>> searchParameters(Map<String, String[]> parameters) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        parameters.forEach((name, values) -> copy.put(name, Arrays.asList(values)));
        return copy;
    }

    /**
     * The resource's values of the search parameters granular scopes constrain: {@code category} and {@code code},
     * each coding as {@code system|code} and as its bare code (a token search for a bare code matches any system).
     */
    static Map<String, List<String>> searchValues(Resource resource) {
        if (resource instanceof Observation observation) {
            return Map.of("category", tokens(observation.getCategory()),
                    "code", tokens(List.of(observation.getCode())));
        }
        if (resource instanceof Condition condition) {
            return Map.of("category", tokens(condition.getCategory()),
                    "code", tokens(List.of(condition.getCode())));
        }
        return Map.of();
    }

    private static List<String> tokens(List<CodeableConcept> concepts) {
        List<String> tokens = new ArrayList<>();
        for (CodeableConcept concept : concepts) {
            for (Coding coding : concept.getCoding()) {
                if (coding.hasCode()) {
                    tokens.add(coding.getCode());
                    if (coding.hasSystem()) {
                        tokens.add(coding.getSystem() + "|" + coding.getCode());
                    }
                }
            }
        }
        return tokens;
    }
}
