package io.github.smartonkeycloak.client.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.OAuthErrorException;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.UserSessionProvider;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.representations.RefreshToken;

class SmartTokenFamilyTest {

    private final KeycloakSession session = mock(KeycloakSession.class);
    private final UserSessionProvider sessions = mock(UserSessionProvider.class);
    private final RealmModel realm = mock(RealmModel.class);
    private final ClientModel client = mock(ClientModel.class);
    private final UserModel user = mock(UserModel.class);
    private final AuthenticatedClientSessionModel clientSession = mock(AuthenticatedClientSessionModel.class);
    private final TokenManager tokenManager = mock(TokenManager.class);
    private final EventBuilder event = mock(EventBuilder.class, RETURNS_SELF);
    private final RefreshToken oldToken = mock(RefreshToken.class);

    @BeforeEach
    void keycloakValidatesTheToken() throws OAuthErrorException {
        given(session.getContext()).willReturn(mock(KeycloakContext.class));
        given(session.sessions()).willReturn(sessions);
        given(client.getRealm()).willReturn(realm);
        ClientSessionContext context = mock(ClientSessionContext.class);
        given(context.getClientSession()).willReturn(clientSession);
        TokenManager.TokenValidation validation = new TokenManager.TokenValidation(user, mock(UserSessionModel.class), context);
        given(tokenManager.validateToken(any(), any(), any(), any(), any(), any(), any())).willReturn(validation);
    }

    private TokenManager.TokenValidation refresh() throws OAuthErrorException {
        return new SmartTokenFamily(session).validateToken(session, null, null, realm, oldToken, null, "openid", client,
                tokenManager, event);
    }

    @Test
    void aReusedTokenRevokesTheUsersGrantToTheAppAndSaysSoInTheEvent() throws OAuthErrorException {
        given(realm.isRevokeRefreshToken()).willReturn(true);
        OAuthErrorException stale = new OAuthErrorException(OAuthErrorException.INVALID_GRANT, "Stale token");
        willThrow(stale).given(tokenManager).validateTokenReuse(session, realm, oldToken, clientSession, false);

        assertThatThrownBy(this::refresh).isSameAs(stale);

        verify(sessions).getOfflineUserSessionsStream(realm, user);
        verify(sessions).getUserSessionsStream(realm, user);
        verify(event).detail(SmartTokenFamily.EVENT_DETAIL, SmartTokenFamily.REVOKED);
        verify(event).user(user);
    }

    @Test
    void theNewestTokenRefreshesAndNothingIsRevokedOrCounted() throws OAuthErrorException {
        given(realm.isRevokeRefreshToken()).willReturn(true);

        assertThat(refresh().user).isSameAs(user);

        verify(tokenManager).validateTokenReuse(session, realm, oldToken, clientSession, false);
        verify(sessions, never()).getOfflineUserSessionsStream(any(), any());
        verify(event, never()).detail(any(String.class), any(String.class));
    }

    @Test
    void withoutRotationKeycloaksRefreshIsUnchanged() throws OAuthErrorException {
        given(realm.isRevokeRefreshToken()).willReturn(false);

        assertThat(refresh().user).isSameAs(user);

        verify(tokenManager, never()).validateTokenReuse(any(), any(), any(), any(), anyBoolean());
        verify(sessions, never()).getOfflineUserSessionsStream(any(), any());
    }
}
