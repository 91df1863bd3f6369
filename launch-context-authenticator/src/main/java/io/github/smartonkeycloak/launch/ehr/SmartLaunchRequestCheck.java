package io.github.smartonkeycloak.launch.ehr;

import java.util.Map;
import java.util.Optional;

import io.github.smartonkeycloak.core.launch.FhirBaseUrls;
import io.github.smartonkeycloak.core.launch.LaunchRequest;
import io.github.smartonkeycloak.core.scope.ScopeRequest;
import io.github.smartonkeycloak.core.settings.SmartRealmSettings;
import io.github.smartonkeycloak.launch.audience.SmartFhirAudienceMapper;
import io.github.smartonkeycloak.launch.context.LaunchNotes;
import io.github.smartonkeycloak.launch.flow.SmartLaunchEvents;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.OAuthErrorException;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpointCheckProvider;
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpointChecker.AuthorizationCheckException;
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpointChecker;
import org.keycloak.protocol.oidc.endpoints.request.AuthorizationEndpointRequest;

/**
 * The SMART part of an authorization request, checked after Keycloak validated the redirect URI, so every refusal
 * reaches the app as {@code invalid_request} on its redirect URI with {@code state} and {@code iss}, and no code:
 * <ul>
 *   <li>{@code aud} (or {@code resource}) must name one of the realm's FHIR base URLs whenever the request is a
 *       SMART one (it has {@code aud}, {@code launch} or a SMART scope), and that URL must be https (plain http on
 *       loopback only);</li>
 *   <li>{@code launch} must be a registered, unexpired, unused launch for this client, the request must name the
 *       launch's {@code iss} as {@code aud} and use S256 PKCE; the launch is only looked up here and spent after
 *       login by {@code smart-launch-context}, which binds its context to this authorization;</li>
 *   <li>the {@code launch} scope needs a {@code launch} parameter.</li>
 * </ul>
 */
final class SmartLaunchRequestCheck implements AuthorizationEndpointCheckProvider {

    static final String LAUNCH_PARAM = "launch";
    static final String AUD_PARAM = "aud";

    private static final Logger LOG = Logger.getLogger(SmartLaunchRequestCheck.class);

    private final KeycloakSession session;

    SmartLaunchRequestCheck(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void check(AuthorizationEndpointChecker context) throws AuthorizationCheckException {
        AuthorizationEndpointRequest request = context.getAuthorizationEndpointRequest();
        Map<String, String> parameters = request.getAdditionalReqParams();
        // A context must come from a launch, never from the request itself.
        parameters.keySet().removeIf(name -> name.startsWith(LaunchNotes.PARAMETER_PREFIX)
                || name.equals(SmartFhirAudienceMapper.VALIDATED_AUD_PARAMETER));

        String launchId = parameters.get(LAUNCH_PARAM);
        String audience = Optional.ofNullable(parameters.get(AUD_PARAM)).orElse(request.getResource());
        boolean smartRequest = launchId != null || parameters.containsKey(AUD_PARAM) || ScopeRequest.of(request.getScope()).namesSmartScope();
        if (!smartRequest) {
            return;
        }
        RealmModel realm = context.getRealm();
        SmartRealmSettings config = SmartRealmSettings.of(realm.getAttributes());
        checkAudience(context, config.fhirBaseUrls(), audience);
        // The access token's aud will name this server only (SmartFhirAudienceMapper).
        parameters.put(SmartFhirAudienceMapper.VALIDATED_AUD_PARAMETER, audience);
        if (launchId == null) {
            if (ScopeRequest.of(request.getScope()).contains("launch")) {
                throw refuse(context, "the launch scope needs the launch parameter the EHR passed to the app");
            }
            return;
        }
        checkPkce(context, request);
        // Only looked up here: the launch is spent after login (smart-launch-context), once the user is known, so a
        // request refused here or by a later check does not burn it.
        LaunchRequest launch = new LaunchStore(session).find(realm, launchId)
                .orElseThrow(() -> refuse(context, "launch is unknown, expired or already used"));
        if (!launch.clientId().equals(context.getClient().getClientId())) {
            throw refuse(context, "launch was registered for another app");
        }
        if (launch.iss() != null && !FhirBaseUrls.parse(launch.iss()).matches(audience)) {
            context.getEventBuilder().detail(SmartLaunchEvents.AUDIENCE, audience);
            throw refuse(context, "aud must be the iss the EHR launched the app with");
        }
        context.getEventBuilder()
                .detail(SmartLaunchEvents.LAUNCH, launchId.substring(0, 8))
                .detail(SmartLaunchEvents.PATIENT, launch.context().patient())
                .detail(SmartLaunchEvents.ENCOUNTER, launch.context().encounter());
    }

    /**
     * A launch context waits under a name derived from the PKCE challenge ({@link LaunchNotes}); without one, two
     * launches in one browser session would share it. So an EHR launch needs S256 PKCE even if an admin dropped the
     * realm's PKCE policy.
     */
    private static void checkPkce(AuthorizationEndpointChecker context, AuthorizationEndpointRequest request)
            throws AuthorizationCheckException {
        String challenge = request.getCodeChallenge();
        if (challenge == null || challenge.isBlank() || !"S256".equals(request.getCodeChallengeMethod())) {
            throw refuse(context, "an EHR launch needs PKCE: code_challenge with code_challenge_method S256");
        }
    }

    private void checkAudience(AuthorizationEndpointChecker context, FhirBaseUrls fhirBaseUrls, String audience)
            throws AuthorizationCheckException {
        if (audience == null) {
            throw refuse(context, "aud is required: the base URL of the FHIR server the app will call");
        }
        if (!fhirBaseUrls.matches(audience)) {
            context.getEventBuilder().detail(SmartLaunchEvents.AUDIENCE, audience);
            throw refuse(context, "aud '" + audience + "' is not a FHIR server this realm issues tokens for");
        }
        if (!FhirBaseUrls.isSecure(audience)) {
            // The realm's setting is at fault, not the app: tell the admin, and the app why.
            LOG.warnf("Realm '%s': refusing SMART requests for FHIR base URL %s (realm attribute %s): %s",
                    context.getRealm().getName(), audience, SmartRealmSettings.FHIR_BASE_URLS, FhirBaseUrls.HTTPS_REQUIRED);
            context.getEventBuilder().detail(SmartLaunchEvents.AUDIENCE, audience);
            throw refuse(context, "aud '" + audience + "' is refused: " + FhirBaseUrls.HTTPS_REQUIRED);
        }
    }

    private static AuthorizationCheckException refuse(AuthorizationEndpointChecker context, String description) {
        context.getEventBuilder().detail(SmartLaunchEvents.ERROR, description).error(Errors.INVALID_REQUEST);
        return new AuthorizationCheckException(Response.Status.BAD_REQUEST, OAuthErrorException.INVALID_REQUEST, description);
    }

    @Override
    public void close() {
    }
}
