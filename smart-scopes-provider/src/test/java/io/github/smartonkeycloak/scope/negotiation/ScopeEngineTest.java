package io.github.smartonkeycloak.scope.negotiation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.keycloak.protocol.oidc.rar.parsers.ClientScopeAuthorizationRequestParserProviderFactory;

/** The start-up self-test: what an admin is told when Keycloak would not consult the pack's parser. */
class ScopeEngineTest {

    @Test
    void activeWithTheFeatureOnAndThePacksParserChosen() {
        assertThat(ScopeEngine.problem(true, SmartScopeRequestParserFactory.class)).isEmpty();
    }

    @Test
    void theFeatureOffIsAProblemThatSaysWhatToSet() {
        assertThat(ScopeEngine.problem(false, SmartScopeRequestParserFactory.class))
                .hasValueSatisfying(problem -> assertThat(problem).contains("features=parameterized-scopes"));
    }

    @Test
    void anotherClientScopeParserIsAProblemThatNamesIt() {
        assertThat(ScopeEngine.problem(true, ClientScopeAuthorizationRequestParserProviderFactory.class))
                .hasValueSatisfying(problem -> assertThat(problem)
                        .contains(ClientScopeAuthorizationRequestParserProviderFactory.class.getName(), "client-scope"));
        assertThat(ScopeEngine.problem(true, null)).hasValueSatisfying(problem -> assertThat(problem).contains("missing"));
    }
}
