package io.github.smartonkeycloak.launch.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.mock;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.AccessToken;

/** The introspected token's claims are reused only for the very token text that was decoded in the request. */
class PresentedTokenTest {

    private final Map<String, Object> attributes = new HashMap<>();
    private final KeycloakSession session = mock(KeycloakSession.class);

    @BeforeEach
    void aSessionWithAttributes() {
        willAnswer(call -> attributes.put(call.getArgument(0), call.getArgument(1))).given(session).setAttribute(anyString(), any());
        given(session.getAttribute(anyString(), any())).willAnswer(call -> ((Class<?>) call.getArgument(1)).cast(attributes.get(call.getArgument(0))));
    }

    @Test
    void theClaimsOfTheTokenDecodedInThisRequestAreReused() {
        AccessToken token = new AccessToken();
        token.setOtherClaims("patient", "amy-shaw");

        PresentedToken.remember(session, "header.payload.signature", token);

        assertThat(PresentedToken.claimsOf(session, "header.payload.signature")).hasValue(Map.of("patient", "amy-shaw"));
    }

    @Test
    void anotherTokenOrNoneDecodedGivesNothing() {
        assertThat(PresentedToken.claimsOf(session, "header.payload.signature")).isEmpty();
        AccessToken token = new AccessToken();
        token.setOtherClaims("patient", "amy-shaw");
        PresentedToken.remember(session, "header.payload.signature", token);

        assertThat(PresentedToken.claimsOf(session, "other.payload.signature")).isEmpty();
        assertThat(attributes).containsKey(PresentedToken.class.getName());
    }
}
