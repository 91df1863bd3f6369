package io.github.smartonkeycloak.demofhir.security;

import java.util.Locale;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import io.github.smartonkeycloak.core.scope.GrantedScopes;
import io.github.smartonkeycloak.core.scope.Interaction;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds reads and searches to the SMART scopes of the access token ({@code scope} and {@code patient} of the
 * introspection). Before HAPI handles a request it refuses what no scope permits (403) and leaves an
 * {@link AccessDecision} on the request; the resource providers apply it to each resource: a search leaves out what
 * the token may not see, and a read of such a resource answers the same 404 as a read of a missing one, so that
 * nobody learns which ids exist outside their compartment. The CapabilityStatement passes; page requests pass here
 * and are held to the token that searched by {@link TokenBoundPagingProvider}. Anything else is refused, since the
 * server only reads and searches.
 */
public final class ScopeEnforcer {

    private static final Logger LOG = LoggerFactory.getLogger(ScopeEnforcer.class);

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void decide(RequestDetails request, RestOperationTypeEnum operation) {
        Interaction interaction;
        switch (operation) {
            case METADATA:
            case GET_PAGE:
                return;
            case READ:
            case VREAD:
                interaction = Interaction.READ;
                break;
            case SEARCH_TYPE:
                interaction = Interaction.SEARCH;
                break;
            default:
                LOG.info("403 {}", operation.getCode());
                throw forbidden("This server only answers read and search requests");
        }
        String type = request.getResourceName();
        Introspection introspection = AuthenticatedRequest.introspection(request).orElseGet(Introspection::inactive);
        GrantedScopes scopes = GrantedScopes.parse(introspection.stringClaim("scope").orElse(null));
        String patient = introspection.stringClaim("patient").filter(id -> !id.isBlank()).orElse(null);
        AccessDecision decision = new AccessDecision(scopes, type, interaction,
                AccessDecision.searchParameters(request.getParameters()), patient, introspection.isServiceAccount());
        if (decision.refusedForSystemScopesOfAUser()) {
            throw refused(interaction, type, "System-level scopes (system/...) are for backend services "
                    + "(client_credentials); this access token belongs to a signed-in user");
        }
        if (decision.permitsNothing()) {
            throw refused(interaction, type,
                    "The access token's scopes do not allow " + verb(interaction) + " on " + type);
        }
        if (decision.needsPatientInContext()) {
            throw refused(interaction, type, "Patient-level scopes (patient/...) need a patient in context, "
                    + "and the access token has none");
        }
        decision.attachTo(request);
    }

    /** Logs the refusal without token or patient data: the interaction and resource type only. */
    private static ForbiddenOperationException refused(Interaction interaction, String type, String message) {
        LOG.info("403 {} {}", verb(interaction), type);
        return forbidden(message);
    }

    static ForbiddenOperationException forbidden(String message) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.FORBIDDEN)
                .setDiagnostics(message);
        return new ForbiddenOperationException(message, outcome);
    }

    private static String verb(Interaction interaction) {
        return interaction.name().toLowerCase(Locale.ROOT);
    }
}
