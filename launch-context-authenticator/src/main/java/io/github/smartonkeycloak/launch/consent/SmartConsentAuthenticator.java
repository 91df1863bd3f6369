package io.github.smartonkeycloak.launch.consent;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.smartonkeycloak.common.EarlierGrants;
import io.github.smartonkeycloak.core.consent.ConsentChoice;
import io.github.smartonkeycloak.core.consent.ConsentMemory;
import io.github.smartonkeycloak.core.consent.ConsentOption;
import io.github.smartonkeycloak.core.consent.ConsentOptions;
import io.github.smartonkeycloak.core.scope.SmartScopeParser;
import io.github.smartonkeycloak.core.settings.SmartClientSettings;
import io.github.smartonkeycloak.launch.flow.FlowPages;
import io.github.smartonkeycloak.launch.flow.PendingAuthorization;
import io.github.smartonkeycloak.launch.flow.SmartLaunchEvents;
import io.github.smartonkeycloak.launch.flow.SmartStep;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.OAuth2Constants;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.common.util.Time;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.events.Errors;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.protocol.LoginProtocol;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.util.TokenUtil;

/**
 * SMART consent, per scope. For apps that require consent and ask for SMART scopes, the user sees each resource
 * scope the authorization would grant as a checkbox (checked), category sub-scopes for whole Condition,
 * Observation and DocumentReference types (unchecked), the other access in words, and Allow or Deny. What is left
 * unchecked is removed from the request's {@code scope}, from which Keycloak builds the code, every token and every
 * refresh. The decision is stored with Keycloak's consent (see {@link ConsentStore}) and applied again without a page
 * while it settles every scope asked, unless the request says {@code prompt=consent} or the client says
 * {@code smart.consentPrompt=always}. Keycloak's own consent page is then skipped: everything it would show
 * is recorded as consented.
 */
final class SmartConsentAuthenticator extends SmartStep {

    static final String TEMPLATE = "smart-consent.ftl";
    /** Client attribute: {@code always} asks on every authorization (e.g. for Inferno's clients). */
    static final String APPROVE = "approve";
    static final String DENY = "deny";
    /** The error page's text when the realm cannot keep consent decisions. */
    static final String NOT_SET_UP_MESSAGE = "smart-consent-not-set-up";

    private static final Logger LOG = Logger.getLogger(SmartConsentAuthenticator.class);

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        PendingAuthorization authorization = authorization(context);
        ClientModel client = authorization.client();
        if (!client.isConsentRequired() || !authorization.isSmartRequest()) {
            passed(context);
            return;
        }
        ConsentStore store = store(context);
        if (!store.isSetUp()) {
            notSetUp(context);
            return;
        }
        if (!ConsentRecording.preferenceAllows(context, authorization)) {
            return;
        }
        ConsentOptions options = ConsentOptions.forGrants(authorization.grantedResourceScopes(context.getUser()));
        if (!asksEveryTime(context.getAuthenticationSession(), client)) {
            Optional<ConsentChoice> remembered = options.remembered(store.memory());
            if (remembered.isPresent() && store.covers(authorization.consentScreenEntries())) {
                if (ConsentRecording.keepsRecords(context)) {
                    store.lock(); // two tabs reusing one decision must not both create its first record
                }
                apply(context, authorization, remembered.get(), "remembered");
                if (ConsentRecording.record(context, authorization)) {
                    passed(context);
                }
                return;
            }
        }
        context.challenge(page(context, authorization, options, defaultChecked(options), null, Response.Status.OK));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        if (ConsentRecording.answeredStopped(context)) {
            return;
        }
        if (FlowPages.pressed(context, DENY)) {
            FlowPages.deny(context, LoginProtocol.Error.CONSENT_DENIED, Errors.CONSENT_DENIED, "the user denied access");
            return;
        }
        if (!store(context).isSetUp()) {
            if (FlowPages.pressed(context, FlowPages.CANCEL)) {
                FlowPages.deny(context, LoginProtocol.Error.CANCELLED_BY_USER, Errors.INVALID_CONFIG, ConsentStore.NOT_SET_UP);
            } else {
                notSetUp(context);
            }
            return;
        }
        PendingAuthorization authorization = authorization(context);
        ConsentOptions options = ConsentOptions.forGrants(authorization.grantedResourceScopes(context.getUser()));
        if (!FlowPages.pressed(context, APPROVE)) {
            context.challenge(page(context, authorization, options, defaultChecked(options), null, Response.Status.OK));
            return;
        }
        List<String> checked = Optional.ofNullable(context.getHttpRequest().getDecodedFormParameters().get("scope"))
                .orElse(List.of());
        ConsentChoice choice;
        try {
            choice = options.choose(checked);
        } catch (IllegalArgumentException e) {
            context.getEvent().detail(SmartLaunchEvents.ERROR, "consent form named a scope that was not offered");
            context.failureChallenge(AuthenticationFlowError.ACCESS_DENIED, page(context, authorization, options,
                    defaultChecked(options), "smart-consent-invalid-choice", Response.Status.BAD_REQUEST));
            return;
        }
        ConsentStore store = store(context);
        // One decision of this user at a time, across nodes, until this request commits: the record and
        // Keycloak's consent are written under the same lock (see ConsentStore.save).
        store.lock();
        ConsentMemory before = store.memory();
        apply(context, authorization, choice, "asked");
        if (!ConsentRecording.record(context, authorization)) {
            return;
        }
        store.save(authorization.consentScreenEntries(), before.updatedWith(options, choice));
        if (withdrawsEarlierAccess(before, choice)) {
            // Tokens issued under the earlier decision still carry the scope now declined: end them, as "Remove
            // access" in the account console does; the app gets new tokens from this authorization.
            EarlierGrants.revoke(context.getSession(), context.getRealm(), context.getUser(),
                    context.getAuthenticationSession().getClient());
            context.getEvent().detail(SmartLaunchEvents.EARLIER_TOKENS, "revoked");
        }
        withoutPromptConsent(context.getAuthenticationSession());
        passed(context);
    }

    /**
     * The grant passed the consent step: asked, remembered, or not needed. Its time goes with the grant (a client note
     * copied to the client session), so the withdrawal poll ends it only for Consent changes made before it.
     */
    private static void passed(AuthenticationFlowContext context) {
        context.getAuthenticationSession().setClientNote(EarlierGrants.CONSENT_CHECKED_AT_NOTE,
                String.valueOf(Time.currentTimeMillis()));
        context.success();
    }

    /**
     * Fails closed: without the decisions scope no decision can be kept, and creating realm configuration during a
     * login is not the pack's to do. The user reads why; the admin finds the event and the log line.
     */
    private static void notSetUp(AuthenticationFlowContext context) {
        LOG.warnf("Realm '%s': SMART consent refused an authorization: %s (see docs/configuration.md)",
                context.getRealm().getName(), ConsentStore.NOT_SET_UP);
        context.getEvent().detail(SmartLaunchEvents.ERROR, ConsentStore.NOT_SET_UP).error(Errors.INVALID_CONFIG);
        context.challenge(FlowPages.error(context, Response.Status.INTERNAL_SERVER_ERROR, NOT_SET_UP_MESSAGE, false));
    }

    private static boolean withdrawsEarlierAccess(ConsentMemory before, ConsentChoice choice) {
        return choice.declined().stream()
                .map(SmartScopeParser::resourceScope)
                .flatMap(Optional::stream)
                .anyMatch(scope -> before.decisionOn(scope) == ConsentMemory.Decision.ALLOWED);
    }

    /** Narrows the request to what was allowed; Keycloak's consent check and grant follow the request. */
    private static void apply(AuthenticationFlowContext context, PendingAuthorization authorization, ConsentChoice choice,
            String how) {
        authorization.scopeParameter(authorization.requestedScopes().withResourceScopes(choice.allowed()));
        context.getEvent()
                .detail(SmartLaunchEvents.CONSENT, how)
                .detail(SmartLaunchEvents.SCOPES_ALLOWED, String.join(" ", choice.allowed()))
                .detail(SmartLaunchEvents.SCOPES_DECLINED, String.join(" ", choice.declined()));
    }

    private static Response page(AuthenticationFlowContext context, PendingAuthorization authorization,
            ConsentOptions options, Set<String> checked, String error, Response.Status status) {
        LoginFormsProvider form = FlowPages.form(context)
                .setAttribute("options", ConsentPageModel.options(options, checked))
                .setAttribute("otherAccess", ConsentPageModel.otherAccess(authorization.consentScreenEntries()))
                .setAttribute("offlineAccess", authorization.requests(OAuth2Constants.OFFLINE_ACCESS));
        if (error != null) {
            form.setError(error);
        }
        return Response.fromResponse(form.createForm(TEMPLATE)).status(status).build();
    }

    private static Set<String> defaultChecked(ConsentOptions options) {
        return options.all().stream().filter(ConsentOption::checkedByDefault).map(ConsentOption::text)
                .collect(Collectors.toSet());
    }

    private static boolean asksEveryTime(AuthenticationSessionModel authSession, ClientModel client) {
        return TokenUtil.hasPrompt(authSession.getClientNote(OIDCLoginProtocol.PROMPT_PARAM), OIDCLoginProtocol.PROMPT_VALUE_CONSENT)
                || SmartClientSettings.of(client.getAttributes()).alwaysAskConsent();
    }

    /** The user just consented; Keycloak would otherwise ask again with its own page for {@code prompt=consent}. */
    private static void withoutPromptConsent(AuthenticationSessionModel authSession) {
        String prompt = authSession.getClientNote(OIDCLoginProtocol.PROMPT_PARAM);
        if (prompt == null) {
            return;
        }
        // prompt is space separated like scope (OIDC Core 3.1.2.1), but it is not a scope.
        String remaining = Arrays.stream(prompt.split(" "))
                .filter(value -> !value.isEmpty() && !OIDCLoginProtocol.PROMPT_VALUE_CONSENT.equals(value))
                .collect(Collectors.joining(" "));
        if (remaining.isEmpty()) {
            authSession.removeClientNote(OIDCLoginProtocol.PROMPT_PARAM);
        } else {
            authSession.setClientNote(OIDCLoginProtocol.PROMPT_PARAM, remaining);
        }
    }

    private static PendingAuthorization authorization(AuthenticationFlowContext context) {
        return new PendingAuthorization(context.getSession(), context.getAuthenticationSession());
    }

    private static ConsentStore store(AuthenticationFlowContext context) {
        return new ConsentStore(context.getSession(), context.getRealm(), context.getUser(),
                context.getAuthenticationSession().getClient());
    }
}
