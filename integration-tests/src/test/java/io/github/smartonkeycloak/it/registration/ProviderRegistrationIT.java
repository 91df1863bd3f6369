package io.github.smartonkeycloak.it.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;

import io.github.smartonkeycloak.it.support.SmartServerConfig;
import io.github.smartonkeycloak.scope.check.SmartScopeRequestCheckFactory;
import io.github.smartonkeycloak.scope.negotiation.SmartScopeRequestParserFactory;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;
import org.keycloak.representations.info.ProviderRepresentation;
import org.keycloak.representations.info.ServerInfoRepresentation;
import org.keycloak.representations.info.SpiInfoRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/**
 * The project registers providers one way only, hand-written {@code META-INF/services} files; a wrong line there
 * makes Keycloak skip a provider silently. This loads every entry and checks that the real server runs it.
 */
@KeycloakIntegrationTest(config = SmartServerConfig.class)
class ProviderRegistrationIT {

    @InjectAdminClient
    Keycloak admin;

    /** Keycloak providers the pack replaces on purpose, under Keycloak's own id (see docs/adr). */
    private static final Set<String> REPLACED_KEYCLOAK_PROVIDERS = Set.of("client-scope");

    private final ServiceEntries services = ServiceEntries.ofProviderModules();

    @Test
    void theProviderJarsRegisterServices() {
        assertThat(services.entries()).extracting(ServiceEntries.Entry::module).contains("smart-scopes-provider");
    }

    @Test
    void everyServiceEntryNamesALoadableImplementationOfItsService() throws Exception {
        for (ServiceEntries.Entry entry : services.entries()) {
            Class<?> service = Class.forName(entry.service());
            Class<?> implementation = Class.forName(entry.implementation());

            assertThat(service).as(entry.toString()).isAssignableFrom(implementation);
            Object instance = implementation.getDeclaredConstructor().newInstance();
            // Ids share a namespace with Keycloak's own providers only in Keycloak's SPIs; in the pack's own SPIs
            // (named smart-*) a provider id such as "fhir" cannot clash.
            if (instance instanceof ProviderFactory<?> factory && entry.service().startsWith("org.keycloak.")
                    && !REPLACED_KEYCLOAK_PROVIDERS.contains(factory.getId())) {
                assertThat(factory.getId()).as(entry.toString()).startsWith("smart-");
            }
            if (instance instanceof Spi spi) {
                assertThat(spi.getName()).as(entry.toString()).startsWith("smart-");
            }
        }
    }

    /**
     * Every SMART scope decision rests on Keycloak consulting the pack's parser, which it does only with the
     * experimental {@code parameterized-scopes} feature on and while the pack's parser is the {@code client-scope}
     * one; the pack's start-up self-test must agree. Fails the day Keycloak drops or renames either.
     */
    @Test
    void keycloakConsultsThePacksScopeParserAndTheSelfTestSaysSo() {
        ServerInfoRepresentation info = admin.serverInfo().getInfo();

        assertThat(info.getFeatures()).anySatisfy(feature -> {
            assertThat(feature.getName()).isEqualTo("PARAMETERIZED_SCOPES");
            assertThat(feature.isEnabled()).isTrue();
        });
        ProviderRepresentation parser = info.getProviders().get("authorization-request-parser").getProviders()
                .get(SmartScopeRequestParserFactory.PROVIDER_ID);
        assertThat(parser.getOrder()).isEqualTo(new SmartScopeRequestParserFactory().order());
        assertThat(parser.getOperationalInfo()).as("Keycloak's own parser reports nothing").containsKey("Version");
        assertThat(info.getProviders().get("auth-endpoint-check").getProviders().get(SmartScopeRequestCheckFactory.PROVIDER_ID)
                .getOperationalInfo()).containsEntry(SmartScopeRequestCheckFactory.SCOPE_ENGINE, SmartScopeRequestCheckFactory.ACTIVE);
    }

    @Test
    void keycloakRunsEveryRegisteredProviderAndSpi() throws Exception {
        Map<String, SpiInfoRepresentation> serverProviders = admin.serverInfo().getInfo().getProviders();
        Set<String> runningProviderIds = serverProviders.values().stream()
                .flatMap(spi -> spi.getProviders().keySet().stream())
                .collect(Collectors.toSet());

        for (ServiceEntries.Entry entry : services.entries()) {
            Object instance = Class.forName(entry.implementation()).getDeclaredConstructor().newInstance();
            if (instance instanceof Spi spi) {
                assertThat(serverProviders).as(entry.toString()).containsKey(spi.getName());
            } else if (instance instanceof ProviderFactory<?> factory) {
                assertThat(runningProviderIds).as(entry.toString()).contains(factory.getId());
            }
        }
    }

    /**
     * The admin console's "Provider info" page tells an admin which build of the pack runs: every provider the pack
     * registers, in whatever SPI, reports the version of the pack's pom there.
     */
    @Test
    void everyProviderOfThePackReportsThePacksVersion() throws Exception {
        Map<String, SpiInfoRepresentation> serverProviders = admin.serverInfo().getInfo().getProviders();
        Map<String, String> spiNames = spiNamesByFactoryInterface();
        String version = packVersion();

        int factories = 0;
        for (ServiceEntries.Entry entry : services.entries()) {
            if (Class.forName(entry.implementation()).getDeclaredConstructor().newInstance() instanceof ProviderFactory<?> factory) {
                String spi = spiNames.get(entry.service());
                assertThat(spi).as(entry + ": the SPI of " + entry.service()).isNotNull();
                ProviderRepresentation provider = serverProviders.get(spi).getProviders().get(factory.getId());
                assertThat(provider).as(entry.toString()).isNotNull();
                assertThat(provider.getOperationalInfo()).as(entry.toString()).containsEntry("Version", version);
                factories++;
            }
        }
        assertThat(factories).as("provider factories checked").isPositive();
    }

    /** Each SPI's factory interface and name, from the Spi registrations on the test classpath (Keycloak's and ours). */
    private static Map<String, String> spiNamesByFactoryInterface() {
        Map<String, String> names = new HashMap<>();
        ServiceLoader.load(Spi.class).stream().forEach(registration -> {
            try {
                Spi spi = registration.get();
                names.put(spi.getProviderFactoryClass().getName(), spi.getName());
            } catch (ServiceConfigurationError | LinkageError e) {
                // An SPI of a Keycloak module the test classpath only partly has; the pack registers nothing there.
            }
        });
        return names;
    }

    /** The version in the parent pom, which the provider jars' manifests carry. */
    private static String packVersion() throws Exception {
        Path pom = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize().resolveSibling("pom.xml");
        String version = XPathFactory.newInstance().newXPath().evaluate("/project/version",
                DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile())).trim();
        assertThat(version).as(pom.toString()).isNotEmpty();
        return version;
    }
}
