package io.github.smartonkeycloak.launch.ehr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import java.util.Optional;

import io.github.smartonkeycloak.core.launch.LaunchContext;
import io.github.smartonkeycloak.core.launch.LaunchRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import org.mockito.junit.jupiter.MockitoSettings;
import org.mockito.quality.Strictness;

/** Registered launches: found while unused, spent once, refused when replayed, expired or malformed. */
@ExtendWith(MockitoExtension.class)
@MockitoSettings(strictness = Strictness.LENIENT)
class LaunchStoreTest {

    private static final int LIFESPAN = 300;
    private static final LaunchRequest LAUNCH = new LaunchRequest("growth-chart",
            LaunchContext.EMPTY.withPatient("amy-shaw").withEncounter("enc-1"), "clinician-user-id", "https://fhir.example.org/r4");

    @Mock
    KeycloakSession session;
    @Mock
    RealmModel realm;

    private final SingleUseObjects objects = new SingleUseObjects();
    private LaunchStore store;

    @BeforeEach
    void aRealmWithKeycloaksSingleUseStore() {
        given(session.singleUseObjects()).willReturn(objects);
        given(realm.getId()).willReturn("realm-1");
        store = new LaunchStore(session);
    }

    @Test
    void aRegisteredLaunchIsA256BitIdThatFindsItsRequest() {
        String id = store.register(realm, LAUNCH, LIFESPAN);

        assertThat(id).matches("[A-Za-z0-9_-]{43}");
        assertThat(store.register(realm, LAUNCH, LIFESPAN)).isNotEqualTo(id);
        assertThat(store.find(realm, id)).contains(LAUNCH);
        assertThat(store.find(realm, id)).as("looking up does not spend it").contains(LAUNCH);
    }

    @Test
    void aLaunchUsedTwiceIsRefusedTheSecondTime() {
        String id = store.register(realm, LAUNCH, LIFESPAN);

        assertThat(store.consume(realm, id, LIFESPAN)).contains(LAUNCH);

        assertThat(store.consume(realm, id, LIFESPAN)).isEmpty();
        assertThat(store.find(realm, id)).isEmpty();
    }

    @Test
    void aReplayIsRefusedEvenOnceTheLaunchItselfIsGone() {
        String id = store.register(realm, LAUNCH, LIFESPAN);
        store.consume(realm, id, LIFESPAN);
        objects.advanceSeconds(LIFESPAN - 1);

        assertThat(store.consume(realm, id, LIFESPAN)).isEmpty();
    }

    @Test
    void anExpiredLaunchIsNeitherFoundNorConsumed() {
        String id = store.register(realm, LAUNCH, LIFESPAN);
        objects.advanceSeconds(LIFESPAN);

        assertThat(store.find(realm, id)).isEmpty();
        assertThat(store.consume(realm, id, LIFESPAN)).isEmpty();
    }

    @Test
    void aLaunchIsUsableUntilItsLifespanEnds() {
        String id = store.register(realm, LAUNCH, LIFESPAN);
        objects.advanceSeconds(LIFESPAN - 1);

        assertThat(store.consume(realm, id, LIFESPAN)).contains(LAUNCH);
    }

    @Test
    void aLaunchOfAnotherRealmIsUnknownHere() {
        String id = store.register(realm, LAUNCH, LIFESPAN);
        RealmModel other = mock(RealmModel.class);
        given(other.getId()).willReturn("realm-2");

        assertThat(store.find(other, id)).isEmpty();
        assertThat(store.consume(other, id, LIFESPAN)).isEmpty();
        assertThat(store.consume(realm, id, LIFESPAN)).as("the other realm's attempt did not spend it").contains(LAUNCH);
    }

    @Test
    void aLaunchWithoutUserOrIssKeepsThemAbsent() {
        LaunchRequest anonymous = new LaunchRequest("growth-chart", LaunchContext.EMPTY.withPatient("amy-shaw"), null, null);

        String id = store.register(realm, anonymous, LIFESPAN);

        assertThat(store.consume(realm, id, LIFESPAN)).contains(anonymous);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "short", "0123456789012345678901234567890123456789012+", "../../etc/passwd"})
    void aMalformedIdNeverReachesTheStore(String id) {
        SingleUseObjectProvider untouched = mock(SingleUseObjectProvider.class);
        given(session.singleUseObjects()).willReturn(untouched);
        LaunchStore guarded = new LaunchStore(session);

        assertThat(guarded.find(realm, id)).isEqualTo(Optional.empty());
        assertThat(guarded.consume(realm, id, LIFESPAN)).isEmpty();
        verifyNoInteractions(untouched);
    }
}
