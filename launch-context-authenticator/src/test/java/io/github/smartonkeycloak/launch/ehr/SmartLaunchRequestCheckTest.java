package io.github.smartonkeycloak.launch.ehr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import java.util.HashMap;
import java.util.Map;

import io.github.smartonkeycloak.core.launch.LaunchContext;
import io.github.smartonkeycloak.core.launch.LaunchRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpointChecker.AuthorizationCheckException;
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpointChecker;
import org.keycloak.protocol.oidc.endpoints.request.AuthorizationEndpointRequest;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import org.mockito.junit.jupiter.MockitoSettings;
import org.mockito.quality.Strictness;

/**
 * The SMART authorization check on Keycloak's checker with mocked models: {@code aud} for every SMART request, and
 * for an EHR launch a registered launch of this app, S256 PKCE and {@code aud} = the launch's {@code iss}. A refused
 * request is {@code invalid_request} with an error event; a launch is only looked up, never spent.
 */
@ExtendWith(MockitoExtension.class)
@MockitoSettings(strictness = Strictness.LENIENT)
class SmartLaunchRequestCheckTest {

    private static final String FHIR = "https://fhir.example.org/r4";
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    @Mock
    KeycloakSession session;
    @Mock
    RealmModel realm;
    @Mock
    ClientModel client;
    @Mock
    AuthorizationEndpointRequest request;

    private final EventBuilder event = mock(EventBuilder.class, RETURNS_SELF);
    private final SingleUseObjects objects = new SingleUseObjects();
    private final Map<String, String> parameters = new HashMap<>();
    private AuthorizationEndpointChecker checker;

    @BeforeEach
    void aSmartRealmAndAnApp() {
        given(session.singleUseObjects()).willReturn(objects);
        given(realm.getId()).willReturn("realm-1");
        given(realm.getName()).willReturn("smart");
        given(realm.getAttributes()).willReturn(Map.of("smart.fhirBaseUrls", FHIR));
        given(client.getClientId()).willReturn("growth-chart");
        given(request.getAdditionalReqParams()).willReturn(parameters);
        checker = new AuthorizationEndpointChecker().session(session).realm(realm).client(client).request(request).event(event);
    }

    @Test
    void aRequestWithoutAnythingSmartPassesUntouched() throws Exception {
        given(request.getScope()).willReturn("openid profile");

        check().run();

        verifyNoInteractions(event);
        assertThat(parameters).isEmpty();
    }

    @Test
    void aContextOrValidatedAudienceSentByTheAppItselfIsDropped() throws Exception {
        given(request.getScope()).willReturn("openid");
        parameters.put("smart_launch_context", "{\"patient\":\"someone-else\"}");
        parameters.put("smart_launch_context_abc", "{\"patient\":\"someone-else\"}");
        parameters.put("smart_aud", FHIR);

        check().run();

        assertThat(parameters).isEmpty();
    }

    @Test
    void aSmartScopeWithoutAudIsRefused() {
        given(request.getScope()).willReturn("openid patient/*.rs");

        assertRefused("aud is required");
    }

    @Test
    void anAudThatIsNotTheRealmsFhirServerIsRefusedAndNamedInTheEvent() {
        given(request.getScope()).willReturn("openid patient/*.rs");
        parameters.put("aud", "https://attacker.example/fhir");

        assertRefused("is not a FHIR server this realm issues tokens for");
        verify(event).detail("smart_aud", "https://attacker.example/fhir");
    }

    @Test
    void aPlainHttpFhirServerOffLoopbackIsRefused() {
        given(realm.getAttributes()).willReturn(Map.of("smart.fhirBaseUrls", "http://fhir.example.org/r4"));
        given(request.getScope()).willReturn("openid patient/*.rs");
        parameters.put("aud", "http://fhir.example.org/r4");

        assertRefused("is refused");
    }

    @Test
    void theResourceParameterStandsInForAud() throws Exception {
        given(request.getScope()).willReturn("openid patient/*.rs");
        given(request.getResource()).willReturn(FHIR);

        check().run();

        assertThat(parameters).containsEntry("smart_aud", FHIR);
        verify(event, never()).error(org.mockito.ArgumentMatchers.anyString());
    }

    @Test
    void theLaunchScopeNeedsALaunch() {
        given(request.getScope()).willReturn("openid launch patient/*.rs");
        parameters.put("aud", FHIR);

        assertRefused("the launch scope needs the launch parameter");
    }

    @Test
    void aRegisteredLaunchOfThisAppWithPkcePassesAndIsNotSpent() throws Exception {
        String launch = register("growth-chart", FHIR);
        anEhrLaunchRequest(launch);

        check().run();

        verify(event).detail("smart_launch", launch.substring(0, 8));
        verify(event).detail("smart_patient", "amy-shaw");
        assertThat(new LaunchStore(session).consume(realm, launch, 300)).as("still unused after the check").isPresent();
    }

    @Test
    void anUnknownOrSpentLaunchIsRefused() {
        String launch = register("growth-chart", FHIR);
        new LaunchStore(session).consume(realm, launch, 300);
        anEhrLaunchRequest(launch);

        assertRefused("launch is unknown, expired or already used");
    }

    @Test
    void anExpiredLaunchIsRefused() {
        String launch = register("growth-chart", FHIR);
        objects.advanceSeconds(300);
        anEhrLaunchRequest(launch);

        assertRefused("launch is unknown, expired or already used");
    }

    @Test
    void aLaunchOfAnotherAppIsRefused() {
        String launch = register("another-app", FHIR);
        anEhrLaunchRequest(launch);

        assertRefused("launch was registered for another app");
    }

    @Test
    void aLaunchWithoutS256PkceIsRefused() {
        String launch = register("growth-chart", FHIR);
        anEhrLaunchRequest(launch);
        given(request.getCodeChallengeMethod()).willReturn("plain");

        assertRefused("an EHR launch needs PKCE");
    }

    @Test
    void aLaunchAgainstAnotherFhirServerOfTheRealmIsRefused() {
        given(realm.getAttributes()).willReturn(Map.of("smart.fhirBaseUrls", FHIR + " https://other.example.org/fhir"));
        String launch = register("growth-chart", "https://other.example.org/fhir");
        anEhrLaunchRequest(launch);

        assertRefused("aud must be the iss the EHR launched the app with");
    }

    private String register(String clientId, String iss) {
        LaunchRequest launch = new LaunchRequest(clientId, LaunchContext.EMPTY.withPatient("amy-shaw"), "user-1", iss);
        return new LaunchStore(session).register(realm, launch, 300);
    }

    private void anEhrLaunchRequest(String launch) {
        given(request.getScope()).willReturn("openid launch patient/*.rs");
        given(request.getCodeChallenge()).willReturn(CHALLENGE);
        given(request.getCodeChallengeMethod()).willReturn("S256");
        parameters.put("aud", FHIR);
        parameters.put("launch", launch);
    }

    private void assertRefused(String description) {
        assertThatThrownBy(() -> check().run())
                .isInstanceOfSatisfying(AuthorizationCheckException.class, refused -> {
                    assertThat(refused.getError()).isEqualTo("invalid_request");
                    assertThat(refused.getErrorDescription()).contains(description);
                });
        verify(event).error("invalid_request");
        verify(event).detail(org.mockito.ArgumentMatchers.eq("smart_error"),
                org.mockito.ArgumentMatchers.contains(description));
    }

    private ThrowingRunnable check() {
        return () -> new SmartLaunchRequestCheck(session).check(checker);
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws AuthorizationCheckException;
    }
}
