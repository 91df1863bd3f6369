package io.github.smartonkeycloak.launch.ehr;

import java.net.URI;

import jakarta.ws.rs.core.Response;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;

/** The pack's readable error page ({@code smart-error.ftl}): a message, an optional way back, no stack trace. */
final class SmartPages {

    static final String ERROR_TEMPLATE = "smart-error.ftl";

    private SmartPages() {
    }

    static Response error(KeycloakSession session, Response.Status status, String messageKey, URI retry) {
        Response page = session.getProvider(LoginFormsProvider.class)
                .setAttribute("smartMessage", messageKey)
                .setAttribute("retryUrl", retry == null ? null : retry.toString())
                .createForm(ERROR_TEMPLATE);
        return Response.status(status).entity(page.getEntity()).type(page.getMediaType()).build();
    }
}
