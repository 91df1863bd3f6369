package io.github.smartonkeycloak.launch.capability;

import java.util.Set;
import java.util.TreeSet;

import io.github.smartonkeycloak.capability.SmartCapability;
import io.github.smartonkeycloak.capability.SmartCapabilityProvider;
import io.github.smartonkeycloak.core.fhir.FhirUser;
import io.github.smartonkeycloak.core.settings.SmartRealmSettings;
import io.github.smartonkeycloak.launch.context.SmartLaunchContextMapper;
import io.github.smartonkeycloak.launch.standalone.encounter.EncounterPickerAuthenticatorFactory;
import io.github.smartonkeycloak.launch.standalone.patient.PatientPickerAuthenticatorFactory;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;

/**
 * Launch capabilities, as far as the realm is set up for them: EHR launch needs the realm's FHIR base URLs (for
 * {@code aud} and {@code iss}); the launch context needs the context mapper on a default client scope; standalone
 * launch needs the patient picker (and, for encounters, the encounter picker) in the realm's browser flow; SMART's
 * OpenID Connect profile needs a {@code fhirUser} claim in the id token.
 */
final class LaunchCapabilityProvider implements SmartCapabilityProvider {

    @Override
    public Set<String> capabilities(RealmModel realm) {
        Set<String> capabilities = new TreeSet<>();
        // Both GET and POST authorization requests carry launch and aud to the same checks.
        capabilities.add(SmartCapability.AUTHORIZE_POST);
        if (hasFhirUserInIdToken(realm)) {
            capabilities.add(SmartCapability.SSO_OPENID_CONNECT);
        }
        boolean ehrLaunch = !SmartRealmSettings.of(realm.getAttributes()).fhirBaseUrls().isEmpty();
        if (ehrLaunch && hasContextMapper(realm)) {
            capabilities.add(SmartCapability.LAUNCH_EHR);
            capabilities.add(SmartCapability.CONTEXT_EHR_PATIENT);
            capabilities.add(SmartCapability.CONTEXT_EHR_ENCOUNTER);
            capabilities.add(SmartCapability.CONTEXT_BANNER);
            capabilities.add(SmartCapability.CONTEXT_STYLE);
        }
        Set<String> steps = BrowserFlowSteps.of(realm);
        if (ehrLaunch && hasContextMapper(realm) && steps.contains(PatientPickerAuthenticatorFactory.PROVIDER_ID)) {
            capabilities.add(SmartCapability.LAUNCH_STANDALONE);
            capabilities.add(SmartCapability.CONTEXT_STANDALONE_PATIENT);
            if (steps.contains(EncounterPickerAuthenticatorFactory.PROVIDER_ID)) {
                capabilities.add(SmartCapability.CONTEXT_STANDALONE_ENCOUNTER);
            }
        }
        return capabilities;
    }

    private static boolean hasContextMapper(RealmModel realm) {
        return realm.getDefaultClientScopesStream(true)
                .flatMap(ClientScopeModel::getProtocolMappersStream)
                .anyMatch(mapper -> SmartLaunchContextMapper.PROVIDER_ID.equals(mapper.getProtocolMapper())
                        && OIDCAttributeMapperHelper.includeInAccessTokenResponse(mapper));
    }

    private static boolean hasFhirUserInIdToken(RealmModel realm) {
        return realm.getClientScopesStream()
                .filter(scope -> FhirUser.NAME.equals(scope.getName()))
                .flatMap(ClientScopeModel::getProtocolMappersStream)
                .anyMatch(LaunchCapabilityProvider::isFhirUserIdTokenClaim);
    }

    private static boolean isFhirUserIdTokenClaim(ProtocolMapperModel mapper) {
        return FhirUser.NAME.equals(mapper.getConfig().get(OIDCAttributeMapperHelper.TOKEN_CLAIM_NAME))
                && OIDCAttributeMapperHelper.includeInIDToken(mapper);
    }
}
