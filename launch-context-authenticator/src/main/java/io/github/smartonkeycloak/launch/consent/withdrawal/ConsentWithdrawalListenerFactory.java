package io.github.smartonkeycloak.launch.consent.withdrawal;

import io.github.smartonkeycloak.common.SmartProviderFactory;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;

public final class ConsentWithdrawalListenerFactory
        implements EventListenerProviderFactory, SmartProviderFactory<EventListenerProvider> {

    public static final String PROVIDER_ID = "smart-consent-withdrawal";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new ConsentWithdrawalListener(session);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
