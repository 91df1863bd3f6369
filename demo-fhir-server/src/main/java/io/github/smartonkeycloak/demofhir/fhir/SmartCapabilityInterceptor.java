package io.github.smartonkeycloak.demofhir.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import io.github.smartonkeycloak.demofhir.keycloak.RealmEndpoints;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestSecurityComponent;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.UriType;

/**
 * Declares SMART on FHIR security in HAPI's generated CapabilityStatement: the SMART-on-FHIR security service and
 * the realm's OAuth endpoints in the {@code oauth-uris} extension, as SMART App Launch 1.0 clients discover them.
 */
public final class SmartCapabilityInterceptor {

    public static final String SECURITY_SERVICE_SYSTEM =
            "http://terminology.hl7.org/CodeSystem/restful-security-service";
    public static final String SMART_ON_FHIR = "SMART-on-FHIR";
    public static final String OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";

    /** What the scopes reach here, including the demo's simplification of user/ scopes (review L2). */
    public static final String SCOPE_RULES = "Demo simplification: user/ scopes reach every matching resource, whoever "
            + "the user is (this server keeps no per-user access rules). patient/ scopes reach the compartment of the "
            + "token's patient; system/ scopes count only in a service account's token (client_credentials).";

    private final RealmEndpoints endpoints;

    public SmartCapabilityInterceptor(RealmEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void addSmartSecurity(IBaseConformance generated) {
        CapabilityStatement statement = (CapabilityStatement) generated;
        CapabilityStatementRestSecurityComponent security = statement.getRestFirstRep().getSecurity();
        security.setCors(true);
        security.addService()
                .addCoding(new Coding(SECURITY_SERVICE_SYSTEM, SMART_ON_FHIR, SMART_ON_FHIR))
                .setText("OAuth2 using SMART-on-FHIR profile (see http://docs.smarthealthit.org)");
        security.setDescription("Bearer tokens issued by the Keycloak realm " + endpoints.realmUrl()
                + ", checked by token introspection. " + SCOPE_RULES);
        Extension oauthUris = security.addExtension().setUrl(OAUTH_URIS);
        oauthUris.addExtension("authorize", new UriType(endpoints.authorization().toString()));
        oauthUris.addExtension("token", new UriType(endpoints.token().toString()));
        oauthUris.addExtension("introspect", new UriType(endpoints.introspection().toString()));
        oauthUris.addExtension("revoke", new UriType(endpoints.revocation().toString()));
        oauthUris.addExtension("manage", new UriType(endpoints.management().toString()));
    }
}
