package io.github.smartonkeycloak.core.consent.record;

import static io.github.smartonkeycloak.core.consent.record.ConsentCodes.ACCESS;
import static io.github.smartonkeycloak.core.consent.record.ConsentCodes.CONSENT_ACTION;
import static io.github.smartonkeycloak.core.consent.record.ConsentCodes.CORRECT;
import static io.github.smartonkeycloak.core.consent.record.ConsentCodes.GRANTED_SCOPE;
import static io.github.smartonkeycloak.core.consent.record.ConsentCodes.RESOURCE_TYPES;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.smartonkeycloak.core.scope.Constraint;
import io.github.smartonkeycloak.core.scope.Permission;
import io.github.smartonkeycloak.core.scope.Permissions;
import io.github.smartonkeycloak.core.scope.ResourceScope;
import io.github.smartonkeycloak.core.scope.ScopeRequest;

/**
 * Granted resource scopes as nested Consent provisions, one per resource type ({@code *} has no {@code class}), and
 * back. The FHIR elements say what a Consent reader can understand (type, action, category); the exact scope strings
 * ride along in an extension on the provision they belong to, because only they say the SMART context, {@code r}
 * versus {@code s} and the conjunction of constraints.
 */
final class ScopeProvisions {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> CODED_CONSTRAINTS = Set.of("category", "code");

    private ScopeProvisions() {
    }

    /** The nested provisions for the granted scopes, in the order the types first appear. */
    static List<ObjectNode> write(List<String> grantedScopes) {
        Map<String, List<ResourceScope>> byType = new LinkedHashMap<>();
        for (ResourceScope scope : ScopeRequest.of(String.join(" ", grantedScopes)).resourceScopes()) {
            byType.computeIfAbsent(scope.resourceType(), type -> new ArrayList<>()).add(scope);
        }
        List<ObjectNode> provisions = new ArrayList<>();
        byType.forEach((type, scopes) -> provisions.add(provision(type, scopes)));
        return provisions;
    }

    private static ObjectNode provision(String type, List<ResourceScope> scopes) {
        ObjectNode provision = NODES.objectNode();
        ArrayNode extensions = provision.putArray("extension");
        Set<String> actions = new LinkedHashSet<>();
        Set<String> codes = new LinkedHashSet<>();
        boolean everyScopeCoded = true;
        for (ResourceScope scope : scopes) {
            extensions.addObject().put("url", GRANTED_SCOPE).put("valueString", scope.text());
            actions.addAll(actions(scope.permissions()));
            List<String> scopeCodes = codes(scope);
            everyScopeCoded &= !scopeCodes.isEmpty();
            codes.addAll(scopeCodes);
        }
        provision.put("type", ConsentProvisionType.PERMIT.code());
        ArrayNode action = provision.putArray("action");
        actions.forEach(code -> action.addObject().putArray("coding").addObject().put("system", CONSENT_ACTION).put("code", code));
        if (!type.equals(ResourceScope.ANY_TYPE)) {
            provision.putArray("class").addObject().put("system", RESOURCE_TYPES).put("code", type);
        }
        // A provision's codes narrow it; one unconstrained scope of the type means every code.
        if (everyScopeCoded) {
            ArrayNode code = provision.putArray("code");
            codes.forEach(systemAndCode -> code.addObject().putArray("coding").add(coding(systemAndCode)));
        }
        return provision;
    }

    /** SMART permissions as consent actions: reading and searching are {@code access}, changes are {@code correct}. */
    static Set<String> actions(Permissions permissions) {
        Set<String> actions = new LinkedHashSet<>(2);
        if (permissions.contains(Permission.READ) || permissions.contains(Permission.SEARCH)) {
            actions.add(ACCESS);
        }
        if (permissions.contains(Permission.CREATE) || permissions.contains(Permission.UPDATE)
                || permissions.contains(Permission.DELETE)) {
            actions.add(CORRECT);
        }
        return actions;
    }

    /** The {@code system|code} values of the scope's category and code constraints. */
    private static List<String> codes(ResourceScope scope) {
        return scope.constraints().asList().stream()
                .filter(constraint -> CODED_CONSTRAINTS.contains(constraint.name()))
                .map(Constraint::value)
                .toList();
    }

    private static ObjectNode coding(String systemAndCode) {
        ObjectNode coding = NODES.objectNode();
        int bar = systemAndCode.indexOf('|');
        if (bar >= 0) {
            if (bar > 0) {
                coding.put("system", systemAndCode.substring(0, bar));
            }
            coding.put("code", systemAndCode.substring(bar + 1));
        } else {
            coding.put("code", systemAndCode);
        }
        return coding;
    }

    /** The exact scope strings a provision carries. */
    static List<String> grantedScopes(JsonNode provision) {
        List<String> scopes = new ArrayList<>();
        for (JsonNode extension : provision.path("extension")) {
            if (GRANTED_SCOPE.equals(extension.path("url").asText()) && extension.path("valueString").isTextual()) {
                scopes.add(extension.path("valueString").asText());
            }
        }
        return scopes;
    }

    /**
     * Whether the provision's FHIR elements allow everything the scope asks: its type is a {@code class} (or there is
     * none), its actions are among {@code action} (or there is none), and, if the provision has codes, the scope is
     * limited to one of them. A scope string that the provision around it no longer allows (someone narrowed the
     * record) counts for nothing.
     */
    static boolean allows(JsonNode provision, ResourceScope scope) {
        return allowsType(provision.path("class"), scope) && allowsActions(provision.path("action"), scope)
                && allowsCodes(provision.path("code"), scope);
    }

    private static boolean allowsType(JsonNode classes, ResourceScope scope) {
        if (classes.isEmpty()) {
            return true;
        }
        for (JsonNode coding : classes) {
            if (coding.path("code").asText().equals(scope.resourceType())) {
                return true;
            }
        }
        return false;
    }

    private static boolean allowsActions(JsonNode actions, ResourceScope scope) {
        if (actions.isEmpty()) {
            return true;
        }
        Set<String> present = new LinkedHashSet<>();
        for (JsonNode action : actions) {
            for (JsonNode coding : action.path("coding")) {
                if (CONSENT_ACTION.equals(coding.path("system").asText())) {
                    present.add(coding.path("code").asText());
                }
            }
        }
        return present.containsAll(actions(scope.permissions()));
    }

    private static boolean allowsCodes(JsonNode codes, ResourceScope scope) {
        if (codes.isEmpty()) {
            return true;
        }
        Set<String> present = new LinkedHashSet<>();
        for (JsonNode code : codes) {
            for (JsonNode coding : code.path("coding")) {
                String system = coding.path("system").asText("");
                present.add(system.isEmpty() ? coding.path("code").asText() : system + "|" + coding.path("code").asText());
            }
        }
        // A constraint value without a system ("|code" or "code") is written as a coding with only a code.
        return codes(scope).stream().map(value -> value.startsWith("|") ? value.substring(1) : value)
                .anyMatch(present::contains);
    }
}
