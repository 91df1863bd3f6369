package io.github.smartonkeycloak.launch.authenticator;

import java.util.List;

import io.github.smartonkeycloak.common.SmartProviderFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

/** The SMART launch step of the browser flow; place it REQUIRED after the login sub-flow. */
public final class SmartLaunchContextAuthenticatorFactory implements AuthenticatorFactory,
        SmartProviderFactory<Authenticator> {

    public static final String PROVIDER_ID = "smart-launch-context";

    private static final SmartLaunchContextAuthenticator SINGLETON = new SmartLaunchContextAuthenticator();
    private static final Requirement[] REQUIREMENTS = {Requirement.REQUIRED, Requirement.DISABLED};

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "SMART launch context";
    }

    @Override
    public String getReferenceCategory() {
        return "smart";
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public Requirement[] getRequirementChoices() {
        return REQUIREMENTS;
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public String getHelpText() {
        return "SMART on FHIR: records the launch context of the authorization (EHR launch) on the login event. "
                + "Put it REQUIRED after the sub-flow that signs the user in.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
