package io.github.smartonkeycloak.demofhir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.channels.ServerSocketChannel;
import java.util.EnumSet;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import io.github.smartonkeycloak.demofhir.data.Population;
import io.github.smartonkeycloak.demofhir.data.PopulationGenerator;
import io.github.smartonkeycloak.demofhir.fhir.DemoRestfulServer;
import io.github.smartonkeycloak.demofhir.keycloak.KeycloakHttp;
import io.github.smartonkeycloak.demofhir.keycloak.RealmEndpoints;
import io.github.smartonkeycloak.demofhir.security.BearerTokenFilter;
import io.github.smartonkeycloak.demofhir.security.KeycloakTokenIntrospector;
import io.github.smartonkeycloak.demofhir.security.TokenIntrospector;
import io.github.smartonkeycloak.demofhir.store.JpaResourceStore;
import io.github.smartonkeycloak.demofhir.web.CorsFilter;
import io.github.smartonkeycloak.demofhir.web.DemoAppServlet;
import io.github.smartonkeycloak.demofhir.web.RequestLogFilter;
import io.github.smartonkeycloak.demofhir.web.RequestTimes;
import io.github.smartonkeycloak.demofhir.web.SmartConfigurationServlet;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The demo FHIR server running in embedded Jetty; {@link #close()} stops it. */
public final class DemoFhirServer implements AutoCloseable {

    public static final String FHIR_PATH = "/fhir";
    public static final String SMART_CONFIGURATION_PATH = FHIR_PATH + "/.well-known/smart-configuration";
    /** The demo SMART app; outside {@link #FHIR_PATH}, so no bearer token is needed to load it. */
    public static final String APP_PATH = "/app";

    private static final Logger LOG = LoggerFactory.getLogger(DemoFhirServer.class);

    private final Server jetty;
    private final ServerConnector connector;
    /** Null when the config leaves the stored types out. */
    private final JpaResourceStore store;
    private final RequestTimes requestTimes;

    private DemoFhirServer(Server jetty, ServerConnector connector, JpaResourceStore store, RequestTimes requestTimes) {
        this.jetty = jetty;
        this.connector = connector;
        this.store = store;
        this.requestTimes = requestTimes;
    }

    /** Generates the population, starts the store and Jetty, and returns once it accepts requests. */
    public static DemoFhirServer start(DemoFhirServerConfig config) {
        long started = System.nanoTime();
        JpaResourceStore store = config.store() ? startStore() : null;
        try {
            return start(config, store, started);
        } catch (RuntimeException e) {
            if (store != null) {
                store.close();
            }
            throw e;
        }
    }

    private static JpaResourceStore startStore() {
        long started = System.nanoTime();
        JpaResourceStore store = JpaResourceStore.start();
        LOG.info("Store for {} started ({} ms)", String.join(", ", JpaResourceStore.TYPES),
                (System.nanoTime() - started) / 1_000_000);
        return store;
    }

    private static DemoFhirServer start(DemoFhirServerConfig config, JpaResourceStore store, long started) {
        long generating = System.nanoTime();
        Population population = PopulationGenerator.generate(config.patientCount(), config.seed(), config.clinicalData());
        LOG.info("Generated {} patients, {} resources in all (seed {}, {} ms)", population.patients().size(),
                population.resourceCount(), config.seed(), (System.nanoTime() - generating) / 1_000_000);

        FhirContext fhirContext = FhirContext.forR4Cached();
        RealmEndpoints realm = new RealmEndpoints(config.keycloakRealmUrl());
        HttpClient keycloakHttp = KeycloakHttp.newClient();
        TokenIntrospector introspector = new KeycloakTokenIntrospector(keycloakHttp, realm.introspection(),
                config.clientId(), config.clientSecret());

        Server jetty = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost(config.host());
        connector.setPort(config.port());
        jetty.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/");
        // Outermost first: log every answer, then CORS (preflights end there), then authentication.
        RequestTimes requestTimes = new RequestTimes();
        addFilter(context, new RequestLogFilter(requestTimes), "/*");
        addFilter(context, new CorsFilter(), "/*");
        addFilter(context, new BearerTokenFilter(introspector, fhirContext), FHIR_PATH + "/*");

        ServletHolder fhir = new ServletHolder("fhir", new DemoRestfulServer(fhirContext, population, realm,
                store == null ? List.of() : store.resourceProviders(),
                store == null ? List.of() : store.interceptors()));
        fhir.setInitOrder(1); // initialise HAPI during start, not on the first request
        context.addServlet(fhir, FHIR_PATH + "/*");
        // An exact mapping wins over HAPI's /fhir/*.
        context.addServlet(new ServletHolder("smart-configuration",
                new SmartConfigurationServlet(keycloakHttp, realm.smartConfiguration())), SMART_CONFIGURATION_PATH);
        context.addServlet(new ServletHolder("demo-app", new DemoAppServlet(config.keycloakRealmUrl())),
                APP_PATH + "/*");
        jetty.setHandler(context);

        try {
            jetty.start();
        } catch (Exception e) {
            stopQuietly(jetty);
            throw new IllegalStateException("Could not start the demo FHIR server on " + config.host() + " port "
                    + config.port(), e);
        }
        DemoFhirServer server = new DemoFhirServer(jetty, connector, store, requestTimes);
        LOG.info("Listening on {} port {}, Keycloak realm {} ({} ms)", config.host(), server.port(),
                config.keycloakRealmUrl(), (System.nanoTime() - started) / 1_000_000);
        LOG.info("Demo SMART app at {}", server.appUrl());
        return server;
    }

    /** The port actually listened on (an ephemeral one resolved). */
    public int port() {
        return connector.getLocalPort();
    }

    /** The address and port the server socket is bound to. */
    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) ((ServerSocketChannel) connector.getTransport()).getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Requests answered so far and their time, per method and resource type (for benchmarks). */
    public RequestTimes requestTimes() {
        return requestTimes;
    }

    public String baseUrl() {
        return "http://localhost:" + port() + FHIR_PATH;
    }

    /** The demo SMART app's start page. */
    public String appUrl() {
        return "http://localhost:" + port() + APP_PATH + "/";
    }

    @Override
    public void close() {
        stopQuietly(jetty);
        if (store != null) {
            store.close();
        }
    }

    private static void addFilter(ServletContextHandler context, Filter filter, String pathSpec) {
        context.addFilter(new FilterHolder(filter), pathSpec, EnumSet.of(DispatcherType.REQUEST));
    }

    private static void stopQuietly(Server jetty) {
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("Stopping Jetty failed", e);
        }
    }
}
