package io.github.smartonkeycloak.it.capability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.github.smartonkeycloak.it.support.Http;
import io.github.smartonkeycloak.it.support.Proves;
import io.github.smartonkeycloak.it.support.SmartRealm;
import io.github.smartonkeycloak.it.support.SmartServerConfig;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * The discovery document lists only what works: every advertised capability has a test marked {@link Proves}
 * somewhere in this suite, and every proven capability is advertised.
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class AdvertisedCapabilitiesIT {

    @InjectRealm(fromJson = SmartRealm.JSON, config = SmartRealm.FreshId.class, lifecycle = LifeCycle.GLOBAL)
    ManagedRealm realm;

    @Test
    void advertisesExactlyTheCapabilitiesThatTestsProve() {
        Set<String> advertised = new TreeSet<>();
        Http.plain().get(realm.getBaseUrl() + "/.well-known/smart-configuration").json().path("capabilities")
                .forEach(capability -> advertised.add(capability.asText()));

        assertThat(advertised).isEqualTo(provenCapabilities());
    }

    private static Set<String> provenCapabilities() {
        Set<String> proven = new TreeSet<>();
        try {
            Path testClasses = Path.of(AdvertisedCapabilitiesIT.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            try (Stream<Path> files = Files.walk(testClasses)) {
                files.filter(file -> file.toString().endsWith("IT.class"))
                        .map(file -> testClasses.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", ""))
                        .map(AdvertisedCapabilitiesIT::load)
                        .flatMap(test -> Arrays.stream(test.getDeclaredMethods()))
                        .map(method -> method.getAnnotation(Proves.class))
                        .filter(annotation -> annotation != null)
                        .forEach(annotation -> proven.addAll(Arrays.asList(annotation.value())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        assertThat(proven).as("no @Proves tests found").isNotEmpty();
        return proven;
    }

    private static Class<?> load(String className) {
        try {
            return Class.forName(className);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
