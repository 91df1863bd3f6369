package io.github.smartonkeycloak.launch.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.util.List;
import java.util.stream.Stream;

import io.github.smartonkeycloak.core.consent.ConsentMemory.Decision;
import io.github.smartonkeycloak.core.scope.SmartScopeParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.common.Profile;
import org.keycloak.common.profile.CommaSeparatedListProfileConfigResolver;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserConsentModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;
import org.keycloak.models.cache.UserCache;
import org.keycloak.rar.AuthorizationDetails;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import org.mockito.junit.jupiter.MockitoSettings;
import org.mockito.quality.Strictness;

/**
 * SMART consent kept in Keycloak's user consent: decisions as parameters of the realm's decisions scope, read past
 * Keycloak's user cache under the write lock, earlier grants kept, old decisions replaced, and nothing written (and no
 * client scope created) in a realm without the decisions scope.
 */
@ExtendWith(MockitoExtension.class)
@MockitoSettings(strictness = Strictness.LENIENT)
class ConsentStoreTest {

    private static final String OBSERVATIONS = "patient/Observation.rs";
    private static final String CONDITIONS = "patient/Condition.rs";

    @Mock
    KeycloakSession session;
    @Mock
    RealmModel realm;
    @Mock
    UserModel user;
    @Mock
    ClientModel client;
    @Mock
    UserProvider users;
    @Mock
    UserCache userCache;
    /** Keycloak's store below the user cache, where reads under the write lock go. */
    @Mock
    UserProvider storedUsers;

    private final ClientScopeModel decisions = scope("decisions-id", ConsentStore.DECISIONS_SCOPE, true);
    private final ClientScopeModel openid = scope("openid-id", "openid", false);
    private final ClientScopeModel patientScopes = scope("patient-id", "patient/*.rs", true);
    private ConsentStore store;

    /** Parameters of client scopes are Keycloak's experimental feature, which the pack requires. */
    @BeforeAll
    static void withParameterizedScopes() {
        Profile.configure(new CommaSeparatedListProfileConfigResolver("parameterized-scopes", ""));
    }

    @AfterAll
    static void resetFeatures() {
        Profile.reset();
    }

    @BeforeEach
    void aUserAndAnAppInARealmSetUpForConsent() {
        given(session.users()).willReturn(users);
        given(session.getProvider(UserCache.class)).willReturn(userCache);
        given(session.getProvider(UserProvider.class)).willReturn(storedUsers);
        given(user.getId()).willReturn("user-1");
        given(client.getId()).willReturn("client-uuid");
        given(realm.getClientScopesStream()).willAnswer(invocation -> Stream.of(openid, decisions, patientScopes));
        store = new ConsentStore(session, realm, user, client);
    }

    @Test
    void withoutAConsentNothingIsRememberedOrCovered() {
        assertThat(store.isSetUp()).isTrue();
        assertThat(store.memory().decisionOn(SmartScopeParser.parseResourceScope(OBSERVATIONS))).isEqualTo(Decision.UNDECIDED);
        assertThat(store.covers(List.of(entry(openid, null)))).isFalse();
    }

    @Test
    void theDecisionsAreTheParametersOfTheDecisionsScope() {
        UserConsentModel consent = new UserConsentModel(client);
        consent.addGrantedClientScope(decisions, "allowed " + OBSERVATIONS);
        consent.addGrantedClientScope(decisions, "declined " + CONDITIONS);
        given(users.getConsentByClient(realm, "user-1", "client-uuid")).willReturn(consent);

        assertThat(store.memory().decisionOn(SmartScopeParser.parseResourceScope(OBSERVATIONS))).isEqualTo(Decision.ALLOWED);
        assertThat(store.memory().decisionOn(SmartScopeParser.parseResourceScope(CONDITIONS))).isEqualTo(Decision.DECLINED);
    }

    @Test
    void aConsentCoversWhatItGrantsAndWhatNeedsNoConsent() {
        UserConsentModel consent = new UserConsentModel(client);
        consent.addGrantedClientScope(openid);
        consent.addGrantedClientScope(patientScopes, OBSERVATIONS);
        given(users.getConsentByClient(realm, "user-1", "client-uuid")).willReturn(consent);
        ClientScopeModel alwaysConsented = scope("email-id", "email", false);
        given(alwaysConsented.isAlwaysConsent()).willReturn(true);

        assertThat(store.covers(List.of(entry(openid, null), entry(patientScopes, OBSERVATIONS), entry(alwaysConsented, null))))
                .isTrue();
        assertThat(store.covers(List.of(entry(patientScopes, CONDITIONS)))).isFalse();
    }

    @Test
    void theFirstConsentIsAddedWithTheGrantsAndTheDecisionsAfterReadingPastTheUserCache() {
        store.save(List.of(entry(openid, null), entry(patientScopes, OBSERVATIONS)), List.of("allowed " + OBSERVATIONS));

        UserConsentModel added = captured(true);
        assertThat(added.isClientScopeGranted(openid)).isTrue();
        assertThat(added.getParameters(patientScopes)).containsExactly(OBSERVATIONS);
        assertThat(added.getParameters(decisions)).containsExactly("allowed " + OBSERVATIONS);
        verify(storedUsers).getConsentByClient(realm, "user-1", "client-uuid");
        verify(userCache, never()).evict(any(), any());
    }

    @Test
    void underTheLockTheStoredConsentCountsNotTheCachedOne() {
        UserConsentModel cached = new UserConsentModel(client);
        cached.addGrantedClientScope(patientScopes, CONDITIONS);
        given(users.getConsentByClient(realm, "user-1", "client-uuid")).willReturn(cached);
        UserConsentModel stored = new UserConsentModel(client); // written by another tab since the cache was filled
        stored.addGrantedClientScope(openid);
        stored.addGrantedClientScope(patientScopes, OBSERVATIONS);
        given(storedUsers.getConsentByClient(realm, "user-1", "client-uuid")).willReturn(stored);

        assertThat(store.covers(List.of(entry(patientScopes, CONDITIONS)))).isTrue(); // before the lock: the cache
        store.lock();
        store.save(List.of(entry(patientScopes, OBSERVATIONS)), List.of("allowed " + OBSERVATIONS));

        UserConsentModel updated = captured(false);
        assertThat(updated.isClientScopeGranted(openid)).isTrue();
        assertThat(updated.getParameters(patientScopes)).containsExactly(OBSERVATIONS);
        verify(userCache, never()).evict(any(), any());
    }

    @Test
    void aLaterConsentKeepsEarlierGrantsAndReplacesTheDecisions() {
        UserConsentModel earlier = new UserConsentModel(client);
        earlier.addGrantedClientScope(openid);
        earlier.addGrantedClientScope(patientScopes, CONDITIONS);
        earlier.addGrantedClientScope(decisions, "allowed " + CONDITIONS);
        given(storedUsers.getConsentByClient(realm, "user-1", "client-uuid")).willReturn(earlier);

        store.save(List.of(entry(patientScopes, OBSERVATIONS)), List.of("declined " + CONDITIONS, "allowed " + OBSERVATIONS));

        UserConsentModel updated = captured(false);
        assertThat(updated.isClientScopeGranted(openid)).isTrue();
        assertThat(updated.getParameters(patientScopes)).containsExactlyInAnyOrder(CONDITIONS, OBSERVATIONS);
        assertThat(updated.getParameters(decisions)).containsExactly("declined " + CONDITIONS, "allowed " + OBSERVATIONS);
    }

    @Test
    void duplicateConsentsLeftByAnOldRaceAreReadAgainUnderTheLock() {
        UserConsentModel consent = new UserConsentModel(client);
        consent.addGrantedClientScope(decisions, "allowed " + OBSERVATIONS);
        given(users.getConsentByClient(realm, "user-1", "client-uuid"))
                .willThrow(new ModelException("More results found"));
        given(storedUsers.getConsentByClient(realm, "user-1", "client-uuid")).willReturn(consent);

        assertThat(store.memory().decisionOn(SmartScopeParser.parseResourceScope(OBSERVATIONS))).isEqualTo(Decision.ALLOWED);
        verify(storedUsers).getConsentByClient(realm, "user-1", "client-uuid");
    }

    @Test
    void aRealmWithoutTheDecisionsScopeIsNotSetUpAndNothingIsWrittenOrCreated() {
        given(realm.getClientScopesStream()).willAnswer(invocation -> Stream.of(openid, patientScopes));
        ConsentStore unprepared = new ConsentStore(session, realm, user, client);

        assertThat(unprepared.isSetUp()).isFalse();
        assertThat(unprepared.memory().decisionOn(SmartScopeParser.parseResourceScope(OBSERVATIONS))).isEqualTo(Decision.UNDECIDED);
        assertThatThrownBy(() -> unprepared.save(List.of(entry(openid, null)), List.of("allowed " + OBSERVATIONS)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(ConsentStore.DECISIONS_SCOPE);
        verify(realm, never()).addClientScope(anyString());
        verify(realm, never()).addClientScope(anyString(), anyString());
        verify(users, never()).addConsent(any(), anyString(), any());
        verify(users, never()).updateConsent(any(), anyString(), any());
    }

    private UserConsentModel captured(boolean added) {
        ArgumentCaptor<UserConsentModel> consent = ArgumentCaptor.forClass(UserConsentModel.class);
        if (added) {
            verify(users).addConsent(eq(realm), eq("user-1"), consent.capture());
            verify(users, never()).updateConsent(any(), anyString(), any());
        } else {
            verify(users).updateConsent(eq(realm), eq("user-1"), consent.capture());
            verify(users, never()).addConsent(any(), anyString(), any());
        }
        return consent.getValue();
    }

    private static ClientScopeModel scope(String id, String name, boolean parameterized) {
        ClientScopeModel scope = mock(ClientScopeModel.class);
        given(scope.getId()).willReturn(id);
        given(scope.getName()).willReturn(name);
        given(scope.isParameterizedScope()).willReturn(parameterized);
        return scope;
    }

    private static AuthorizationDetails entry(ClientScopeModel scope, String parameter) {
        AuthorizationDetails entry = mock(AuthorizationDetails.class);
        given(entry.getClientScope()).willReturn(scope);
        given(entry.getParameterizedScopeParam()).willReturn(parameter);
        return entry;
    }
}
