package io.github.smartonkeycloak.launch.flow;

import java.util.List;

import io.github.smartonkeycloak.common.SmartProviderFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * What the SMART steps of the browser flow have in common: one stateless authenticator each, REQUIRED (or
 * DISABLED) after the user is signed in, nothing for users to set up, and settings only where the step has any.
 */
public abstract class SmartStepFactory implements AuthenticatorFactory, SmartProviderFactory<Authenticator> {

    private static final Requirement[] REQUIREMENTS = {Requirement.REQUIRED, Requirement.DISABLED};

    private final String id;
    private final String displayType;
    private final SmartStep step;
    private final List<ProviderConfigProperty> settings;

    protected SmartStepFactory(String id, String displayType, SmartStep step, List<ProviderConfigProperty> settings) {
        this.id = id;
        this.displayType = displayType;
        this.step = step;
        this.settings = List.copyOf(settings);
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return step;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public String getDisplayType() {
        return displayType;
    }

    @Override
    public String getReferenceCategory() {
        return "smart";
    }

    @Override
    public boolean isConfigurable() {
        return !settings.isEmpty();
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return settings;
    }

    @Override
    public Requirement[] getRequirementChoices() {
        return REQUIREMENTS.clone();
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }
}
