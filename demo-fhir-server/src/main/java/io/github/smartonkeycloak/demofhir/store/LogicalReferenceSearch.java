package io.github.smartonkeycloak.demofhir.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.SearchParameter;

/**
 * Search by logical reference ({@code Consent?actor:identifier=system|value}), which HAPI's JPA server does not
 * offer (hapifhir/hapi-fhir#1822, #2916): for each such parameter the store defines a token search parameter on the
 * reference's identifier ({@code actor-identifier}), and this interceptor turns the standard {@code :identifier}
 * modifier into it before HAPI reads the request.
 */
final class LogicalReferenceSearch {

    /** Resource type, reference search parameter, FHIRPath of that reference's identifier. */
    private static final List<String[]> PARAMETERS = List.of(
            new String[] {"Consent", "actor", "Consent.provision.actor.reference.identifier"},
            new String[] {"AuditEvent", "agent", "AuditEvent.agent.who.identifier"},
            new String[] {"AuditEvent", "entity", "AuditEvent.entity.what.identifier"});
    private static final String MODIFIER = ":identifier";

    /** The token search parameters, as HAPI stores them. */
    static List<SearchParameter> searchParameters() {
        return PARAMETERS.stream().map(definition -> {
            String code = definition[1] + "-identifier";
            SearchParameter parameter = new SearchParameter();
            parameter.setId(definition[0] + "-" + code);
            parameter.setStatus(Enumerations.PublicationStatus.ACTIVE);
            parameter.setName(code);
            parameter.setCode(code);
            parameter.addBase(definition[0]);
            parameter.setType(Enumerations.SearchParamType.TOKEN);
            parameter.setExpression(definition[2]);
            parameter.setDescription("The identifier of a logical reference in " + definition[1]
                    + "; what " + definition[1] + MODIFIER + " searches on this server");
            return parameter;
        }).toList();
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public boolean rewriteIdentifierModifier(RequestDetails request) {
        if (request.getRestOperationType() != RestOperationTypeEnum.SEARCH_TYPE) {
            return true;
        }
        Map<String, String[]> parameters = new LinkedHashMap<>();
        request.getParameters().forEach((name, values) -> parameters.merge(rename(request.getResourceName(), name),
                values, LogicalReferenceSearch::concat));
        request.setParameters(parameters);
        return true;
    }

    private static String rename(String resourceType, String name) {
        for (String[] definition : PARAMETERS) {
            if (definition[0].equals(resourceType) && name.equals(definition[1] + MODIFIER)) {
                return definition[1] + "-identifier";
            }
        }
        return name;
    }

    private static String[] concat(String[] first, String[] second) {
        String[] both = new String[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
