package io.github.smartonkeycloak.core.consent.record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.github.smartonkeycloak.core.scope.ResourceScope;
import io.github.smartonkeycloak.core.scope.ScopeSets;
import io.github.smartonkeycloak.core.scope.SmartScopeParser;

/**
 * What the pack reads from one FHIR {@code Consent} (see {@link ConsentResource#parse}): enough to judge a grant, ids
 * and codes only.
 *
 * @param id the resource id, or null
 * @param status the FHIR status code as written ({@code active}, {@code inactive}, {@code entered-in-error} ...)
 * @param privacy whether {@code scope} is {@code patient-privacy} or absent; a Consent about treatment, research or an
 *        advance directive is not about app access and is ignored
 * @param patientId the bare id of {@code patient}, or null
 * @param performer the first {@code performer} reference, or null
 * @param provisionType the root provision's type, or null when missing or unknown (then it neither permits nor denies)
 * @param actors the root provision's actors: {@code system|value} for an identifier, else the literal reference
 * @param dateTime when the consent was given, or null
 * @param periodStart when the root provision begins, or null
 * @param periodEnd when the root provision ends (exclusive), or null
 * @param scopes the exact scope strings the record covers: those the pack wrote and the provisions still allow
 * @param offline whether the record covers offline access
 * @param nestedDeny whether a nested provision denies something (the pack never writes one: a hand-made exception)
 * @param lastUpdated {@code meta.lastUpdated}, or null
 */
public record ConsentRecord(String id, String status, boolean privacy, String patientId, String performer,
        ConsentProvisionType provisionType, List<String> actors, Instant dateTime, Instant periodStart,
        Instant periodEnd, List<String> scopes, boolean offline, boolean nestedDeny, Instant lastUpdated) {

    public static final String OFFLINE_ACCESS = "offline_access";

    public ConsentRecord {
        actors = List.copyOf(actors);
        scopes = List.copyOf(scopes);
    }

    public boolean isActive() {
        return ConsentCodes.ACTIVE.equals(status);
    }

    /** Entered in error: as if the record were not there. */
    public boolean isEnteredInError() {
        return ConsentCodes.ENTERED_IN_ERROR.equals(status);
    }

    /** Whether an actor of the root provision is the app, by its {@code client_id} under the realm's system. */
    public boolean namesApp(String appSystem, String clientId) {
        return actors.contains(appSystem + "|" + clientId);
    }

    /** Whether {@code now} is inside the provision's period (a missing bound is open). */
    public boolean isInForce(Instant now) {
        return (periodStart == null || !now.isBefore(periodStart)) && (periodEnd == null || now.isBefore(periodEnd));
    }

    public boolean isPermit() {
        return provisionType == ConsentProvisionType.PERMIT;
    }

    public boolean isDeny() {
        return provisionType == ConsentProvisionType.DENY;
    }

    /**
     * The first granted scope this record does not cover, if any. A resource scope is covered by a recorded resource
     * scope that allows at least as much ({@code patient/*.read} covers {@code patient/Observation.rs?category=...});
     * any other scope ({@code openid}, {@code launch/patient}, ...) by the same string; {@code offline_access} also
     * needs the record's offline flag. A scope that claims to be SMART but does not parse is never covered.
     */
    public Optional<String> firstUncovered(Collection<String> grantedScopes) {
        List<ResourceScope> recorded = new ArrayList<>();
        for (String scope : scopes) {
            SmartScopeParser.resourceScope(scope).ifPresent(recorded::add);
        }
        for (String granted : grantedScopes) {
            Optional<ResourceScope> resourceScope = SmartScopeParser.resourceScope(granted);
            boolean covered;
            if (resourceScope.isPresent()) {
                covered = ScopeSets.covers(recorded, resourceScope.get());
            } else if (SmartScopeParser.looksLikeSmart(granted) && !granted.startsWith("launch")) {
                covered = false;
            } else {
                covered = scopes.contains(granted) && (!granted.equals(OFFLINE_ACCESS) || offline);
            }
            if (!covered) {
                return Optional.of(granted);
            }
        }
        return Optional.empty();
    }

    public boolean covers(Collection<String> grantedScopes) {
        return firstUncovered(grantedScopes).isEmpty();
    }
}
