package io.github.smartonkeycloak.launch.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;

import java.util.Map;

import io.github.smartonkeycloak.core.fhir.FhirUnavailableException;
import org.apache.http.impl.client.CloseableHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.connections.httpclient.HttpClientProvider;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import org.mockito.junit.jupiter.MockitoSettings;
import org.mockito.quality.Strictness;

/** The factory of the {@code fhir} patient directory: one directory per request, for the realm of the request. */
@ExtendWith(MockitoExtension.class)
@MockitoSettings(strictness = Strictness.LENIENT)
class FhirPatientDirectoryFactoryTest {

    @Mock
    KeycloakSession session;
    @Mock
    KeycloakContext context;
    @Mock
    RealmModel realm;
    @Mock
    HttpClientProvider http;
    @Mock
    CloseableHttpClient httpClient;

    private final FhirPatientDirectoryFactory factory = new FhirPatientDirectoryFactory();

    @BeforeEach
    void aRequest() {
        given(session.getContext()).willReturn(context);
    }

    @AfterEach
    void close() {
        factory.close();
    }

    @Test
    void itIsTheFhirProviderAndReportsItsVersion() {
        assertThat(factory.getId()).isEqualTo("fhir").isEqualTo(FhirPatientDirectoryFactory.PROVIDER_ID);
        assertThat(factory.getOperationalInfo()).containsKey("Version");
    }

    @Test
    void aDirectoryServesTheRealmOfTheRequestAndIssuesNoTokenUntilItCalls() {
        factory.init(null);
        given(context.getRealm()).willReturn(realm);
        given(realm.getName()).willReturn("smart");
        given(realm.getAttributes()).willReturn(Map.of());
        given(session.getProvider(HttpClientProvider.class)).willReturn(http);
        given(http.getHttpClient()).willReturn(httpClient);

        PatientDirectoryProvider directory = factory.create(session);

        assertThat(directory).isInstanceOf(FhirClient.class);
        assertThatThrownBy(() -> directory.readPatient("amy-shaw")).isInstanceOf(FhirUnavailableException.class)
                .hasMessageContaining("no FHIR base URL");
        verifyNoInteractions(httpClient);
    }

    @Test
    void aRequestWithoutARealmGetsNoDirectory() {
        factory.init(null);
        given(context.getRealm()).willReturn(null);

        assertThatThrownBy(() -> factory.create(session)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no realm");
    }

    @Test
    void aDirectoryBeforeInitIsAProgrammingError() {
        given(context.getRealm()).willReturn(realm);
        given(realm.getAttributes()).willReturn(Map.of());
        given(session.getProvider(HttpClientProvider.class)).willReturn(http);

        assertThatThrownBy(() -> factory.create(session)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before init");
    }
}
