package io.github.smartonkeycloak.launch.check;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import io.github.smartonkeycloak.launch.FhirBaseUrls;
import io.github.smartonkeycloak.launch.LaunchContext;
import io.github.smartonkeycloak.launch.LaunchContextJson;
import io.github.smartonkeycloak.launch.LaunchNotes;
import io.github.smartonkeycloak.launch.LaunchRequest;
import io.github.smartonkeycloak.launch.SmartLaunchConfig;
import io.github.smartonkeycloak.launch.SmartLaunchEvents;
import io.github.smartonkeycloak.launch.api.LaunchResource;
import io.github.smartonkeycloak.launch.store.LaunchStore;
import io.github.smartonkeycloak.scope.SmartScopeParser;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.OAuthErrorException;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpointCheckProvider;
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpointChecker;
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpointChecker.AuthorizationCheckException;
import org.keycloak.protocol.oidc.endpoints.request.AuthorizationEndpointRequest;

/**
 * The SMART part of an authorization request, checked after Keycloak validated the redirect URI, so every refusal
 * reaches the app as {@code invalid_request} on its redirect URI with {@code state} and {@code iss}, and no code:
 * <ul>
 *   <li>{@code aud} (or {@code resource}) must name one of the realm's FHIR base URLs whenever the request is a
 *       SMART one (it has {@code aud}, {@code launch} or a SMART scope), and that URL must be https (plain http on
 *       loopback only);</li>
 *   <li>{@code launch} must be a registered, unexpired, unused launch for this client; it is consumed here, and its
 *       context is attached to this authorization only (see {@link LaunchNotes});</li>
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
        parameters.keySet().removeIf(name -> name.startsWith(LaunchNotes.PARAMETER_PREFIX));

        String launchId = parameters.get(LAUNCH_PARAM);
        String audience = Optional.ofNullable(parameters.get(AUD_PARAM)).orElse(request.getResource());
        boolean smartRequest = launchId != null || parameters.containsKey(AUD_PARAM) || hasSmartScope(request.getScope());
        if (!smartRequest) {
            return;
        }
        RealmModel realm = context.getRealm();
        SmartLaunchConfig config = SmartLaunchConfig.of(realm.getAttributes());
        checkAudience(context, config.fhirBaseUrls(), audience);
        if (launchId == null) {
            if (hasScope(request.getScope(), "launch")) {
                throw refuse(context, "the launch scope needs the launch parameter the EHR passed to the app");
            }
            return;
        }
        LaunchRequest launch = new LaunchStore(session).consume(realm, launchId, config.launchLifespanSeconds())
                .orElseThrow(() -> refuse(context, "launch is unknown, expired or already used"));
        if (!launch.clientId().equals(context.getClient().getClientId())) {
            throw refuse(context, "launch was registered for another app");
        }
        // An EHR shows its own patient banner unless it says otherwise; apps style themselves after the realm's style.
        LaunchContext launchContext = launch.context().withBannerIfAbsent(false).withStyleUrlIfAbsent(styleUrl(realm));
        parameters.put(LaunchNotes.parameterName(request.getCodeChallenge()), LaunchContextJson.write(launchContext));
        context.getEventBuilder()
                .detail(SmartLaunchEvents.LAUNCH, launchId.substring(0, 8))
                .detail(SmartLaunchEvents.PATIENT, launchContext.patient())
                .detail(SmartLaunchEvents.ENCOUNTER, launchContext.encounter());
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
                    context.getRealm().getName(), audience, SmartLaunchConfig.FHIR_BASE_URLS, FhirBaseUrls.HTTPS_REQUIRED);
            context.getEventBuilder().detail(SmartLaunchEvents.AUDIENCE, audience);
            throw refuse(context, "aud '" + audience + "' is refused: " + FhirBaseUrls.HTTPS_REQUIRED);
        }
    }

    private String styleUrl(RealmModel realm) {
        return LaunchResource.styleUrl(session.getContext().getUri(), realm);
    }

    private static AuthorizationCheckException refuse(AuthorizationEndpointChecker context, String description) {
        context.getEventBuilder().detail(SmartLaunchEvents.ERROR, description).error(Errors.INVALID_REQUEST);
        return new AuthorizationCheckException(Response.Status.BAD_REQUEST, OAuthErrorException.INVALID_REQUEST, description);
    }

    private static boolean hasSmartScope(String scope) {
        return scope != null && Arrays.stream(scope.split(" ")).anyMatch(SmartScopeParser::looksLikeSmart);
    }

    private static boolean hasScope(String scope, String wanted) {
        return scope != null && Arrays.asList(scope.split(" ")).contains(wanted);
    }

    @Override
    public void close() {
    }
}
