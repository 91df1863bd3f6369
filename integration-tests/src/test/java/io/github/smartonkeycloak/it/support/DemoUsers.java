package io.github.smartonkeycloak.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.keycloak.util.JsonSerialization;

/** {@code realm-export/demo-users.json}, the machine-readable list of demo users (automation contract). */
public record DemoUsers(DemoUser patient, DemoUser practitioner) {

    public record DemoUser(String username, String password, String fhirUser, List<String> patientIds) {
    }

    public static DemoUsers load() {
        try (InputStream in = DemoUsers.class.getResourceAsStream(SmartRealm.DEMO_USERS)) {
            if (in == null) {
                throw new IllegalStateException(SmartRealm.DEMO_USERS + " is not on the test classpath");
            }
            JsonNode root = JsonSerialization.mapper.readTree(in);
            return new DemoUsers(user(root.path("patient")), user(root.path("practitioner")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DemoUser user(JsonNode node) {
        List<String> patientIds = new ArrayList<>();
        node.path("patientIds").forEach(id -> patientIds.add(id.asText()));
        return new DemoUser(node.path("username").asText(), node.path("password").asText(),
                node.path("fhirUser").asText(), List.copyOf(patientIds));
    }
}
