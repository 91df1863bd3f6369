package io.github.smartonkeycloak.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakTransaction;
import org.keycloak.models.KeycloakTransactionManager;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RealmProvider;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import org.mockito.junit.jupiter.MockitoSettings;
import org.mockito.quality.Strictness;

/**
 * The listener on mocked Keycloak models: it reads the realm's {@code smart.auditSink}, maps the event on the
 * request thread and queues the AuditEvents only when the request's transaction commits.
 */
@ExtendWith(MockitoExtension.class)
@MockitoSettings(strictness = Strictness.LENIENT)
class SmartAuditListenerTest {

    @Mock
    KeycloakSession session;
    @Mock
    KeycloakTransactionManager transactions;
    @Mock
    RealmProvider realms;
    @Mock
    UserProvider users;
    @Mock
    RealmModel realm;
    @Mock
    UserModel user;
    @Mock
    KeycloakContext context;

    private final Map<String, String> attributes = new HashMap<>();
    private final SmartAuditListenerFactory factory = new SmartAuditListenerFactory();
    private KeycloakTransaction staged;
    private SmartAuditListener listener;

    @BeforeEach
    void aRealmWithAUser() {
        factory.init(null);
        given(session.getTransactionManager()).willReturn(transactions);
        given(session.realms()).willReturn(realms);
        given(session.users()).willReturn(users);
        given(session.getContext()).willReturn(context);
        given(realms.getRealm("realm-id")).willReturn(realm);
        given(realm.getId()).willReturn("realm-id");
        given(realm.getName()).willReturn("smart");
        given(realm.getAttributes()).willReturn(attributes);
        given(realm.getEventsListenersStream()).willAnswer(invocation -> Stream.of("jboss-logging", "smart-audit"));
        given(users.getUserById(realm, "user-1")).willReturn(user);
        given(user.getFirstAttribute("fhirUser")).willReturn("Practitioner/dr-jones");

        listener = (SmartAuditListener) factory.create(session);
        ArgumentCaptor<KeycloakTransaction> captor = ArgumentCaptor.forClass(KeycloakTransaction.class);
        verify(transactions).enlistAfterCompletion(captor.capture());
        staged = captor.getValue();
        staged.begin();
    }

    @AfterEach
    void stop() {
        factory.close();
    }

    @Test
    void byDefaultEventsGoToTheLogWhenTheRequestCommits() throws Exception {
        listener.onEvent(login());
        assertThat(factory.queue().accepted()).as("nothing before the commit").isZero();

        staged.commit();

        assertThat(factory.queue().accepted()).isEqualTo(1);
        awaitWritten(1);
        assertThat(factory.getOperationalInfo()).containsEntry("Audit events written", "1")
                .containsEntry("Audit events dropped", "0").containsEntry("Audit events failed", "0")
                .containsKey("Version");
    }

    @Test
    void aRolledBackRequestAuditsNothing() {
        listener.onEvent(login());

        staged.rollback();

        assertThat(factory.queue().accepted()).isZero();
    }

    @Test
    void offMeansNothingIsQueued() {
        attributes.put("smart.auditSink", "off");

        listener.onEvent(login());
        staged.commit();

        assertThat(factory.queue().accepted()).isZero();
        assertThat(factory.queue().failed()).isZero();
    }

    @Test
    void theFhirSinkWithoutAUsableFhirUrlCountsAFailureAndTheLoginGoesOn() {
        attributes.put("smart.auditSink", "fhir");
        attributes.put("smart.fhirBaseUrls", "http://fhir.example.org/r4");

        listener.onEvent(login());
        staged.commit();

        assertThat(factory.queue().accepted()).isZero();
        assertThat(factory.queue().failed()).isEqualTo(1);
    }

    @Test
    void aMappingErrorIsCountedNotThrown() {
        given(users.getUserById(any(), any())).willThrow(new IllegalStateException("database gone"));

        listener.onEvent(login());
        staged.commit();

        assertThat(factory.queue().failed()).isEqualTo(1);
    }

    @Test
    void eventsOfOtherTypesAreNotQueued() {
        Event event = login();
        event.setType(EventType.UPDATE_PASSWORD);

        listener.onEvent(event);
        staged.commit();

        assertThat(factory.queue().accepted()).isZero();
    }

    @Test
    void theServiceTokenIsReusedBriefly() {
        int[] issued = {0};
        String first = factory.serviceToken("realm client", () -> "token-" + ++issued[0]);
        String second = factory.serviceToken("realm client", () -> "token-" + ++issued[0]);
        String otherRealm = factory.serviceToken("other client", () -> "token-" + ++issued[0]);

        assertThat(first).isEqualTo(second).isEqualTo("token-1");
        assertThat(otherRealm).isEqualTo("token-2");
        assertThat(SmartAuditListenerFactory.TOKEN_REUSE).isLessThan(Duration.ofSeconds(60));
    }

    private void awaitWritten(long count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (factory.queue().written() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(factory.queue().written()).isEqualTo(count);
    }

    private static Event login() {
        Event event = new Event();
        event.setType(EventType.LOGIN);
        event.setTime(1_000L);
        event.setRealmId("realm-id");
        event.setClientId("app");
        event.setUserId("user-1");
        event.setDetails(new HashMap<>(Map.of("smart_patient", "amy-shaw")));
        return event;
    }
}
