package io.github.smartonkeycloak.launch.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Answers.RETURNS_DEEP_STUBS;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.util.stream.Stream;

import io.github.smartonkeycloak.core.launch.LaunchContext;
import io.github.smartonkeycloak.core.launch.LaunchContextJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.OAuthErrorException;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.token.TokenInterceptorException;
import org.keycloak.protocol.oidc.token.TokenPostProcessorContext;
import org.keycloak.protocol.oidc.utils.OAuth2Code;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.RefreshToken;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import org.mockito.junit.jupiter.MockitoSettings;
import org.mockito.quality.Strictness;

/**
 * The binding of a launch context to tokens: taken once from the client session at the code exchange, then carried
 * from refresh token to refresh token, with the user's authority over the patient checked again at every refresh.
 */
@ExtendWith(MockitoExtension.class)
@MockitoSettings(strictness = Strictness.LENIENT)
class LaunchContextBindingTest {

    private static final LaunchContext AMY = LaunchContext.EMPTY.withPatient("amy-shaw").withEncounter("enc-1");
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    @Mock(answer = RETURNS_DEEP_STUBS)
    KeycloakSession session;
    @Mock
    ClientSessionContext clientSessionCtx;
    @Mock
    AuthenticatedClientSessionModel clientSession;
    @Mock
    UserSessionModel userSession;
    @Mock
    RealmModel realm;
    @Mock
    UserModel user;
    @Mock
    ClientModel client;

    private AccessToken accessToken;
    private RefreshToken newRefreshToken;

    @BeforeEach
    void anAuthorizationOfAPatientUser() {
        given(clientSessionCtx.getClientSession()).willReturn(clientSession);
        given(clientSession.getUserSession()).willReturn(userSession);
        given(clientSession.getRealm()).willReturn(realm);
        given(clientSession.getClient()).willReturn(client);
        given(client.getId()).willReturn("client-uuid");
        given(userSession.getId()).willReturn("user-session-1");
        given(userSession.getRealm()).willReturn(realm);
        given(userSession.getUser()).willReturn(user);
        given(user.getFirstAttribute("fhirUser")).willReturn("Patient/amy-shaw");
        given(user.getAttributeStream("patientIds")).willAnswer(invocation -> Stream.empty());
        accessToken = new AccessToken();
        accessToken.setScope("openid launch/patient patient/Observation.rs");
        newRefreshToken = new RefreshToken(new AccessToken(), null, null);
    }

    @Test
    void theRefreshCarriesTheContextOfTheRefreshTokenIntoTheNewTokens() {
        process(refreshContext(refreshTokenWith(AMY)));

        assertThat(accessToken.getOtherClaims()).containsEntry("patient", "amy-shaw").containsEntry("encounter", "enc-1");
        assertThat(LaunchContextJson.read((String) newRefreshToken.getOtherClaims().get(LaunchContextBinding.REFRESH_TOKEN_CLAIM)))
                .isEqualTo(AMY);
        verify(clientSessionCtx).setAttribute(LaunchContextBinding.ATTRIBUTE, AMY);
    }

    @Test
    void theRefreshIgnoresTheClientSessionWhereALaterLaunchMayHaveLeftAnotherContext() {
        given(clientSession.getNote(LaunchNotes.noteName(CHALLENGE))).willReturn(LaunchContextJson.write(
                LaunchContext.EMPTY.withPatient("ben-shaw")));

        process(refreshContext(refreshTokenWith(AMY)));

        assertThat(accessToken.getOtherClaims()).containsEntry("patient", "amy-shaw");
        verify(clientSession, never()).removeNote(org.mockito.ArgumentMatchers.anyString());
    }

    @Test
    void aRefreshIsRefusedOnceTheUserMayNoLongerActForThePatient() {
        given(user.getFirstAttribute("fhirUser")).willReturn("Patient/someone-else");

        assertThatThrownBy(() -> process(refreshContext(refreshTokenWith(AMY))))
                .isInstanceOfSatisfying(TokenInterceptorException.class,
                        refused -> {
                            assertThat(refused.getError()).isEqualTo(OAuthErrorException.INVALID_GRANT);
                            assertThat(refused.getDescription()).contains("may no longer act for the patient");
                        });
        assertThat(newRefreshToken.getOtherClaims()).doesNotContainKey(LaunchContextBinding.REFRESH_TOKEN_CLAIM);
    }

    @Test
    void aProxyLinkedThroughTheAttributeKeepsRefreshing() {
        given(user.getFirstAttribute("fhirUser")).willReturn("Patient/guardian");
        given(user.getAttributeStream("patientIds")).willAnswer(invocation -> Stream.of("amy-shaw"));

        process(refreshContext(refreshTokenWith(AMY)));

        assertThat(accessToken.getOtherClaims()).containsEntry("patient", "amy-shaw");
    }

    @Test
    void aRefreshWithoutAContextGrantsNoPatientScope() {
        assertThatThrownBy(() -> process(refreshContext(refreshTokenWith(null))))
                .isInstanceOfSatisfying(TokenInterceptorException.class,
                        refused -> assertThat(refused.getError()).isEqualTo(OAuthErrorException.INVALID_SCOPE));
    }

    @Test
    void aRefreshWithoutAContextOrPatientScopesPassesUntouched() {
        accessToken.setScope("openid user/Patient.rs");

        process(refreshContext(refreshTokenWith(null)));

        assertThat(accessToken.getOtherClaims()).doesNotContainKey("patient");
        assertThat(newRefreshToken.getOtherClaims()).doesNotContainKey(LaunchContextBinding.REFRESH_TOKEN_CLAIM);
    }

    @Test
    void theCodeExchangeTakesTheContextNotedForItsPkceChallengeOnceAndFromTheOfflineCopyToo() {
        String note = LaunchNotes.noteName(CHALLENGE);
        given(clientSession.getNote(note)).willReturn(LaunchContextJson.write(AMY));
        AuthenticatedClientSessionModel offlineCopy = offlineCopyWith(note);
        given(clientSessionCtx.isOfflineTokenRequested()).willReturn(true);

        process(new TokenPostProcessorContext(code(CHALLENGE), null, newRefreshToken, accessToken, clientSessionCtx));

        assertThat(accessToken.getOtherClaims()).containsEntry("patient", "amy-shaw");
        assertThat(newRefreshToken.getOtherClaims()).containsKey(LaunchContextBinding.REFRESH_TOKEN_CLAIM);
        verify(clientSession).removeNote(note);
        verify(offlineCopy).removeNote(note);
    }

    @Test
    void anOnlineCodeExchangeLooksForNoOfflineCopy() {
        String note = LaunchNotes.noteName(CHALLENGE);
        given(clientSession.getNote(note)).willReturn(LaunchContextJson.write(AMY));
        AuthenticatedClientSessionModel offlineCopy = offlineCopyWith(note);

        process(new TokenPostProcessorContext(code(CHALLENGE), null, newRefreshToken, accessToken, clientSessionCtx));

        assertThat(accessToken.getOtherClaims()).containsEntry("patient", "amy-shaw");
        verify(clientSession).removeNote(note);
        verify(offlineCopy, org.mockito.Mockito.never()).removeNote(note);
    }

    @Test
    void aCodeOfAnotherAuthorizationFindsNoContext() {
        given(clientSession.getNote(LaunchNotes.noteName(CHALLENGE))).willReturn(LaunchContextJson.write(AMY));
        accessToken.setScope("openid");

        process(new TokenPostProcessorContext(code("another-challenge-of-another-authorization"), null, newRefreshToken,
                accessToken, clientSessionCtx));

        assertThat(accessToken.getOtherClaims()).doesNotContainKey("patient");
        verify(clientSession, never()).removeNote(org.mockito.ArgumentMatchers.anyString());
    }

    private void process(TokenPostProcessorContext context) {
        new LaunchContextBinding(session).process(context);
    }

    private TokenPostProcessorContext refreshContext(RefreshToken presented) {
        return new TokenPostProcessorContext(null, presented, newRefreshToken, accessToken, clientSessionCtx);
    }

    private static RefreshToken refreshTokenWith(LaunchContext launch) {
        RefreshToken token = new RefreshToken(new AccessToken(), null, null);
        if (launch != null) {
            token.getOtherClaims().put(LaunchContextBinding.REFRESH_TOKEN_CLAIM, LaunchContextJson.write(launch));
        }
        return token;
    }

    private static OAuth2Code code(String challenge) {
        OAuth2Code code = mock(OAuth2Code.class);
        given(code.getCodeChallenge()).willReturn(challenge);
        return code;
    }

    private AuthenticatedClientSessionModel offlineCopyWith(String note) {
        UserSessionModel offline = mock(UserSessionModel.class);
        AuthenticatedClientSessionModel offlineClient = mock(AuthenticatedClientSessionModel.class);
        given(session.sessions().getOfflineUserSession(realm, "user-session-1")).willReturn(offline);
        given(offline.getAuthenticatedClientSessionByClient("client-uuid")).willReturn(offlineClient);
        given(offlineClient.getNote(note)).willReturn("{}");
        return offlineClient;
    }
}
