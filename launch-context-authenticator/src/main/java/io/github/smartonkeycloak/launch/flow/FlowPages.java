package io.github.smartonkeycloak.launch.flow;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

import io.github.smartonkeycloak.core.launch.LaunchContext;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.LoginProtocol;

/**
 * Pages of the SMART login steps: the step's own template, and the readable error page ({@code smart-error.ftl})
 * with "try again" and "cancel" for when the FHIR server cannot help. Pages that waited for the FHIR server say how
 * long in a {@code Server-Timing} header ({@code fhir;dur=<ms>}), so operators and benchmarks can tell the pack's
 * own time from the FHIR server's.
 */
public final class FlowPages {

    public static final String ERROR_TEMPLATE = "smart-error.ftl";
    /** The form field of the pack's pages that names the button pressed. */
    public static final String ACTION = "smart-action";
    public static final String RETRY = "retry";
    public static final String CANCEL = "cancel";

    private FlowPages() {
    }

    /** A form of the pack's own, with the app's display name as {@code appName}. */
    public static LoginFormsProvider form(AuthenticationFlowContext context) {
        ClientModel client = context.getAuthenticationSession().getClient();
        String name = client.getName() == null || client.getName().isBlank() ? client.getClientId() : client.getName();
        return context.form().setAttribute("appName", name);
    }

    public static Response withFhirTime(Response page, Duration fhirTime) {
        if (fhirTime.isZero()) {
            return page;
        }
        return Response.fromResponse(page)
                .header("Server-Timing", String.format(Locale.ROOT, "fhir;dur=%.1f", fhirTime.toNanos() / 1_000_000.0))
                .build();
    }

    /** The error page; {@code retry} adds a "try again" button that runs the step again. */
    public static Response error(AuthenticationFlowContext context, Response.Status status, String messageKey,
            boolean retry) {
        Response page = form(context)
                .setAttribute("smartMessage", messageKey)
                .setAttribute("flowActions", Boolean.TRUE)
                .setAttribute("retryable", retry)
                .createForm(ERROR_TEMPLATE);
        return Response.fromResponse(page).status(status).build();
    }

    /** The error page outside a login flow (e.g. a page of the pack's own); {@code retry} links back, if given. */
    public static Response error(KeycloakSession session, Response.Status status, String messageKey, URI retry) {
        Response page = session.getProvider(LoginFormsProvider.class)
                .setAttribute("smartMessage", messageKey)
                .setAttribute("retryUrl", retry == null ? null : retry.toString())
                .createForm(ERROR_TEMPLATE);
        return Response.fromResponse(page).status(status).build();
    }

    public static boolean pressed(AuthenticationFlowContext context, String action) {
        return action.equals(context.getHttpRequest().getDecodedFormParameters().getFirst(ACTION));
    }

    /** Ends the authorization with {@code access_denied} (and this description) at the app's redirect URI. */
    public static void deny(AuthenticationFlowContext context, LoginProtocol.Error error, String eventError,
            String description) {
        // The event of this request knows neither the user nor the patient chosen on an earlier page; the audit
        // trail records who was refused, and for which patient.
        if (context.getUser() != null) {
            context.getEvent().user(context.getUser());
        }
        LaunchContext launch = new PendingAuthorization(context.getSession(), context.getAuthenticationSession()).launchContext();
        if (launch != null && launch.patient() != null) {
            context.getEvent().detail(SmartLaunchEvents.PATIENT, launch.patient());
        }
        context.getEvent().detail(SmartLaunchEvents.ERROR, description).error(eventError);
        LoginProtocol protocol = context.getSession().getProvider(LoginProtocol.class,
                context.getAuthenticationSession().getProtocol());
        protocol.setRealm(context.getRealm())
                .setHttpHeaders(context.getHttpRequest().getHttpHeaders())
                .setUriInfo(context.getUriInfo())
                .setEventBuilder(context.getEvent());
        context.forceChallenge(protocol.sendError(context.getAuthenticationSession(), error, description));
    }
}
