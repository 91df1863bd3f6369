package io.github.smartonkeycloak.launch.ehr;

import java.util.Map;

import io.github.smartonkeycloak.audit.SmartAuditListener;
import io.github.smartonkeycloak.core.launch.InvalidLaunchRequestException;
import io.github.smartonkeycloak.core.launch.LaunchRequest;
import io.github.smartonkeycloak.core.launch.LaunchRequestParser;
import io.github.smartonkeycloak.core.settings.SmartRealmSettings;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.cors.Cors;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resources.RealmsResource;
import org.keycloak.util.JsonSerialization;

/**
 * {@code /realms/{realm}/smart-launch}: the EHR launch API ({@code POST launches}), the SMART style document
 * ({@code GET style}) and, when installed, the demo EHR launcher ({@code ehr}).
 */
public final class LaunchResource {

    /** The realm role an EHR client's service account needs to register launches; read from the token. */
    public static final String LAUNCH_ROLE = "smart-launch-creator";
    /**
     * The audience a token must name to register launches (the realm's client scope {@code smart-launch-api} adds it
     * to the EHR client's tokens), so that no token issued for an app or a FHIR server can mint launches.
     */
    public static final String AUDIENCE = "smart-launch-api";

    /** The provider id of the demo EHR launcher's {@link RealmResourceProvider}, in its own jar. */
    public static final String DEMO_LAUNCHER = "smart-demo-ehr-launcher";

    private static final Logger LOG = Logger.getLogger(LaunchResource.class);

    private final KeycloakSession session;

    LaunchResource(KeycloakSession session) {
        this.session = session;
    }

    @POST
    @Path("launches")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response register(String body) {
        RealmModel realm = session.getContext().getRealm();
        AuthResult caller = new AppAuthManager.BearerTokenAuthenticator(session).authenticate();
        if (caller == null) {
            return error(Response.Status.UNAUTHORIZED, "invalid_token", "a valid bearer token of this realm is required")
                    .header("WWW-Authenticate", "Bearer realm=\"" + realm.getName() + "\"").build();
        }
        AccessToken token = caller.token();
        if (token == null || !token.hasAudience(AUDIENCE)) {
            return error(Response.Status.FORBIDDEN, "access_denied", "the token was not issued for the launch API"
                    + " (its aud must name " + AUDIENCE + ")").build();
        }
        if (token.getRealmAccess() == null || !token.getRealmAccess().isUserInRole(LAUNCH_ROLE)) {
            return error(Response.Status.FORBIDDEN, "access_denied", "the token lacks the realm role " + LAUNCH_ROLE)
                    .build();
        }
        LaunchRequest request;
        try {
            request = LaunchRequestParser.parse(body);
        } catch (InvalidLaunchRequestException e) {
            return error(Response.Status.BAD_REQUEST, "invalid_request", e.getMessage()).build();
        }
        ClientModel app = realm.getClientByClientId(request.clientId());
        if (app == null || !app.isEnabled()) {
            return error(Response.Status.BAD_REQUEST, "invalid_request",
                    "client_id '" + request.clientId() + "' is not an enabled client of this realm").build();
        }
        SmartRealmSettings config = SmartRealmSettings.of(realm.getAttributes());
        if (request.user() != null) {
            UserModel user = findUser(realm, request.user());
            if (user == null || !user.isEnabled()) {
                return error(Response.Status.BAD_REQUEST, "invalid_request",
                        "user is not an enabled user of this realm (give a username or a user id)").build();
            }
            request = request.withUser(user.getId());
        }
        if (request.iss() == null) {
            request = request.withIss(config.fhirBaseUrls().primary());
        } else if (!config.fhirBaseUrls().matches(request.iss())) {
            return error(Response.Status.BAD_REQUEST, "invalid_request",
                    "iss '" + request.iss() + "' is not a FHIR base URL of this realm").build();
        }
        int lifespan = config.launchLifespanSeconds();
        String launch = new LaunchStore(session).register(realm, request, lifespan);
        LOG.debugf("Launch registered for client %s by %s", request.clientId(), caller.client() == null ? "?" : caller.client().getClientId());
        SmartAuditListener.launchCreated(session, realm, request, caller.client() == null ? null : caller.client().getClientId(), launch);
        return Response.status(Response.Status.CREATED).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("launch", launch, "expires_in", lifespan)).build();
    }

    /**
     * The demo EHR launcher, at this URL only when its jar (module {@code demo-ehr-launcher}) is installed: the demo,
     * the Docker demo image and the tests install it, a production install does not, and then this is a 404.
     */
    @Path("ehr")
    public Object ehrLauncher() {
        RealmResourceProvider launcher = session.getProvider(RealmResourceProvider.class, DEMO_LAUNCHER);
        if (launcher == null) {
            throw new NotFoundException();
        }
        return launcher.getResource();
    }

    @GET
    @Path("style")
    @Produces(MediaType.APPLICATION_JSON)
    public Response style() {
        String style = SmartRealmSettings.of(session.getContext().getRealm().getAttributes()).styleJson();
        if (!isJsonObject(style)) {
            LOG.warnf("Realm attribute %s is not a JSON object; serving the default style", SmartRealmSettings.STYLE);
            style = SmartRealmSettings.DEFAULT_STYLE;
        }
        return Cors.builder().allowAllOrigins().allowedMethods("GET")
                .add(Response.ok(style, MediaType.APPLICATION_JSON_TYPE));
    }

    /** Where the realm's style document is served: the {@code smart_style_url} of launches that set none. */
    public static String styleUrl(UriInfo uri, RealmModel realm) {
        return RealmsResource.realmBaseUrl(uri).path(LaunchResourceProviderFactory.PROVIDER_ID).path("style")
                .build(realm.getName()).toString();
    }

    private static boolean isJsonObject(String json) {
        try {
            return JsonSerialization.mapper.readTree(json).isObject();
        } catch (Exception e) {
            return false;
        }
    }

    private UserModel findUser(RealmModel realm, String idOrUsername) {
        UserModel byId = session.users().getUserById(realm, idOrUsername);
        return byId != null ? byId : session.users().getUserByUsername(realm, idOrUsername);
    }

    private static Response.ResponseBuilder error(Response.Status status, String error, String description) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", error, "error_description", description));
    }
}
