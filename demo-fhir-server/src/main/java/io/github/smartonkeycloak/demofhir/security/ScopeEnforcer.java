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
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds requests to the SMART scopes of the access token ({@code scope} and {@code patient} of the introspection).
 * Before HAPI handles a request it refuses what no scope permits (403) and leaves an {@link AccessDecision} on the
 * request; the resource providers apply it to each resource: a search leaves out what the token may not see, and a
 * read of such a resource answers the same 404 as a read of a missing one, so that nobody learns which ids exist
 * outside their compartment. For the stored types (Consent, AuditEvent: HAPI's JPA server) {@link StoredResourceGuard}
 * applies it at HAPI's storage hooks, and a create or update is checked here against the resource sent. The
 * CapabilityStatement passes; page requests pass here and are held to the token that searched by
 * {@link TokenBoundPagingProvider}. Anything else (delete, patch, history, operations, conditional writes) is
 * refused.
 */
public final class ScopeEnforcer {

    private static final Logger LOG = LoggerFactory.getLogger(ScopeEnforcer.class);
    private static final String ONLY = "This server answers read and search requests, and create and update (by id) "
            + "of Consent and AuditEvent";

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
            case CREATE:
                // Only the stored types have create and update methods; HAPI answers 405 for the others.
                interaction = Interaction.CREATE;
                break;
            case UPDATE:
                interaction = Interaction.UPDATE;
                break;
            default:
                LOG.info("403 {}", operation.getCode());
                throw forbidden(ONLY);
        }
        if (request.getConditionalUrl(operation) != null) {
            LOG.info("403 conditional {}", operation.getCode());
            throw forbidden(ONLY);
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
        if (isWrite(interaction) && !(request.getResource() instanceof Resource sent && decision.allows(sent))) {
            // Only patient/ scopes get here: the resource sent is not about the patient in context.
            throw refused(interaction, type, "Patient-level scopes (patient/...) only allow " + verb(interaction)
                    + " of " + type + " resources about the patient in context");
        }
        decision.attachTo(request);
    }

    private static boolean isWrite(Interaction interaction) {
        return interaction == Interaction.CREATE || interaction == Interaction.UPDATE;
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
