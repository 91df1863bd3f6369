package io.github.smartonkeycloak.demo.ehrlauncher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Arrays;
import java.util.List;

import jakarta.ws.rs.core.PathSegment;
import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSession;

/** The launcher answers at one URL, under the launch API, not at Keycloak's default mount of its provider id. */
class EhrLauncherProviderTest {

    @Test
    void servesTheLauncherUnderTheLaunchApi() {
        assertThat(resourceAt("realms", "smart", "smart-launch", "ehr")).isInstanceOf(EhrLauncherResource.class);
        assertThat(resourceAt("", "realms", "smart", "smart-launch", "ehr")).isInstanceOf(EhrLauncherResource.class);
        assertThat(resourceAt("auth", "realms", "smart", "smart-launch", "ehr")).isInstanceOf(EhrLauncherResource.class);
    }

    @Test
    void isNotFoundAtItsOwnProviderId() {
        assertThat(resourceAt("realms", "smart", EhrLauncherProviderFactory.PROVIDER_ID)).isNull();
        assertThat(resourceAt("realms", "smart")).isNull();
    }

    private static Object resourceAt(String... segments) {
        KeycloakSession session = mock(KeycloakSession.class, RETURNS_DEEP_STUBS);
        List<PathSegment> path = Arrays.stream(segments).map(EhrLauncherProviderTest::segment).toList();
        when(session.getContext().getUri().getPathSegments()).thenReturn(path);
        return new EhrLauncherProvider(session).getResource();
    }

    private static PathSegment segment(String value) {
        PathSegment segment = mock(PathSegment.class);
        when(segment.getPath()).thenReturn(value);
        return segment;
    }
}
