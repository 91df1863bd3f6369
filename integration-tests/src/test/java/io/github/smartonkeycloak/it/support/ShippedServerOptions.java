package io.github.smartonkeycloak.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The server options the pack ships in {@code realm-export/keycloak.conf}, so the tests run Keycloak exactly as an
 * admin following the install guide would.
 */
public final class ShippedServerOptions {

    public static final String RESOURCE = "/realm-export/keycloak.conf";

    private ShippedServerOptions() {
    }

    public static Map<String, String> load() {
        try (InputStream in = ShippedServerOptions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            Map<String, String> options = new LinkedHashMap<>();
            properties.stringPropertyNames().stream().sorted()
                    .forEach(name -> options.put(name, properties.getProperty(name).trim()));
            return options;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
