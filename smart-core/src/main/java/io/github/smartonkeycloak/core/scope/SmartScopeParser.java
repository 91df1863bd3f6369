package io.github.smartonkeycloak.core.scope;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses one scope of the SMART App Launch 2.2 grammar: resource scopes ({@code patient|user|system}, a resource type
 * or {@code *}, v1 {@code read|write|*} or v2 {@code c?r?u?d?s?}, optional query constraints), launch scopes, the
 * OpenID/SMART standard scopes, and extension scopes (full URIs, {@code __} names). Anything else throws a
 * {@link ScopeSyntaxException} that says what is wrong and where. Hand-written, without regular expressions: it runs
 * for every scope of every request.
 */
public final class SmartScopeParser {

    private static final int MAX_TYPE_LENGTH = 64;

    private SmartScopeParser() {
    }

    public static SmartScope parse(String scope) {
        if (scope == null || scope.isEmpty()) {
            throw new ScopeSyntaxException(String.valueOf(scope), ScopeProblem.EMPTY, 0, "the scope is empty");
        }
        checkCharacters(scope);
        if (scope.startsWith("__")) {
            return new ExtensionScope(scope);
        }
        // The length check spares long scopes the hashing of a set lookup.
        if (scope.length() <= StandardScope.MAX_NAME_LENGTH && StandardScope.NAMES.contains(scope)) {
            return new StandardScope(scope);
        }
        if (scope.equals("launch")) {
            return new LaunchScope(scope, null, null);
        }
        if (scope.startsWith("launch/")) {
            return parseLaunch(scope);
        }
        int slash = scope.indexOf('/');
        if (slash > 0) {
            ScopeContext context = ScopeContext.ofPrefix(scope, slash);
            if (context != null) {
                return parseResource(scope, context, slash + 1);
            }
        }
        if (isAbsoluteUri(scope)) {
            return new ExtensionScope(scope);
        }
        if (slash > 0) {
            throw new ScopeSyntaxException(scope, ScopeProblem.UNKNOWN_CONTEXT, 0,
                    "'" + scope.substring(0, slash) + "' is not a SMART context (patient, user or system)");
        }
        throw new ScopeSyntaxException(scope, ScopeProblem.NOT_SMART, 0,
                "not a SMART scope (expected patient/, user/, system/, launch, openid, fhirUser, profile, online_access, "
                        + "offline_access, a full URI or a name starting with __)");
    }

    /** Parses a resource scope; anything else is an error. */
    public static ResourceScope parseResourceScope(String scope) {
        SmartScope parsed = parse(scope);
        if (parsed instanceof ResourceScope resourceScope) {
            return resourceScope;
        }
        throw new ScopeSyntaxException(scope, ScopeProblem.NOT_SMART, 0, "not a SMART resource scope");
    }

    /** The resource scope a string stands for, if it is a well-formed one; no exception for anything else. */
    public static Optional<ResourceScope> resourceScope(String scope) {
        if (scope == null || !looksLikeSmart(scope)) {
            return Optional.empty();
        }
        try {
            return parse(scope) instanceof ResourceScope resourceScope ? Optional.of(resourceScope) : Optional.empty();
        } catch (ScopeSyntaxException e) {
            return Optional.empty();
        }
    }

    /** Whether a scope claims to be a SMART resource or launch scope, so a malformed one is an error, not a name. */
    public static boolean looksLikeSmart(String scope) {
        int slash = scope.indexOf('/');
        return scope.equals("launch")
                || slash > 0 && (ScopeContext.ofPrefix(scope, slash) != null || scope.startsWith("launch/"));
    }

    // RFC 6749 scope-token: %x21 / %x23-5B / %x5D-7E
    private static void checkCharacters(String scope) {
        for (int i = 0; i < scope.length(); i++) {
            char c = scope.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                throw new ScopeSyntaxException(scope, ScopeProblem.INVALID_CHARACTER, i,
                        "character " + describe(c) + " is not allowed in a scope (RFC 6749 scope-token)");
            }
        }
    }

    private static String describe(char c) {
        return c > 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    private static boolean isAbsoluteUri(String scope) {
        int colon = scope.indexOf(':');
        if (colon < 1 || colon == scope.length() - 1 || !isLetter(scope.charAt(0))) {
            return false;
        }
        for (int i = 1; i < colon; i++) {
            char c = scope.charAt(i);
            if (!(isLetter(c) || isDigit(c) || c == '+' || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    private static ResourceScope parseResource(String scope, ScopeContext context, int typeStart) {
        int length = scope.length();
        int query = scope.indexOf('?', typeStart);
        int typeEnd = query < 0 ? length : query;
        int dot = scope.indexOf('.', typeStart);
        if (dot < 0 || dot > typeEnd) {
            throw new ScopeSyntaxException(scope, ScopeProblem.MISSING_PERMISSIONS, typeEnd,
                    "expected '.' and permissions after the resource type");
        }
        String type = scope.substring(typeStart, dot);
        checkResourceType(scope, type, typeStart, ScopeProblem.MISSING_RESOURCE_TYPE);
        int permissionsStart = dot + 1;
        if (permissionsStart == typeEnd) {
            throw new ScopeSyntaxException(scope, ScopeProblem.MISSING_PERMISSIONS, permissionsStart,
                    "expected permissions (read, write, * or c?r?u?d?s?) after '.'");
        }
        Permissions permissions = v1Permissions(scope, permissionsStart, typeEnd);
        ScopeSyntax syntax = ScopeSyntax.V1;
        if (permissions == null) {
            permissions = v2Permissions(scope, permissionsStart, typeEnd);
            syntax = ScopeSyntax.V2;
        }
        Constraints constraints = Constraints.NONE;
        if (query >= 0) {
            if (syntax == ScopeSyntax.V1) {
                throw new ScopeSyntaxException(scope, ScopeProblem.QUERY_NEEDS_V2, query,
                        "query constraints need v2 permissions (for example .rs), not '"
                                + scope.substring(permissionsStart, typeEnd) + "'");
            }
            constraints = Constraints.of(parseQuery(scope, query + 1));
        }
        return new ResourceScope(context, type, permissions, constraints, syntax, scope);
    }

    private static void checkResourceType(String scope, String type, int start, ScopeProblem missing) {
        if (type.isEmpty()) {
            throw new ScopeSyntaxException(scope, missing, start, "expected a resource type or '*'");
        }
        if (type.equals(ResourceScope.ANY_TYPE)) {
            return;
        }
        if (type.length() > MAX_TYPE_LENGTH || !isUpper(type.charAt(0))) {
            throw new ScopeSyntaxException(scope, ScopeProblem.INVALID_RESOURCE_TYPE, start,
                    "'" + type + "' is not a resource type (a FHIR type name starts with an upper-case letter)");
        }
        for (int i = 1; i < type.length(); i++) {
            if (!isLetter(type.charAt(i))) {
                throw new ScopeSyntaxException(scope, ScopeProblem.INVALID_RESOURCE_TYPE, start + i,
                        "'" + type + "' is not a resource type (letters only)");
            }
        }
    }

    // Read in place rather than from a substring: no allocation and no string hashing for every scope.
    private static Permissions v1Permissions(String scope, int start, int end) {
        return switch (end - start) {
            case 1 -> scope.charAt(start) == '*' ? Permissions.ALL : null;
            case 4 -> scope.startsWith("read", start) ? Permissions.V1_READ : null;
            case 5 -> scope.startsWith("write", start) ? Permissions.V1_WRITE : null;
            default -> null;
        };
    }

    private static Permissions v2Permissions(String scope, int start, int end) {
        int bits = 0;
        int lastOrdinal = -1;
        for (int i = start; i < end; i++) {
            int ordinal = v2Ordinal(scope.charAt(i));
            if (ordinal <= lastOrdinal) {
                throw new ScopeSyntaxException(scope, ScopeProblem.INVALID_PERMISSIONS, i,
                        "permissions '" + scope.substring(start, end) + "' are neither v1 (read, write, *) nor v2 (c, r, "
                                + "u, d, s in that order, each at most once)");
            }
            lastOrdinal = ordinal;
            bits |= 1 << ordinal;
        }
        return Permissions.ofBits(bits);
    }

    /** The position of a v2 letter in {@code cruds}, or -1. */
    private static int v2Ordinal(char letter) {
        return switch (letter) {
            case 'c' -> 0;
            case 'r' -> 1;
            case 'u' -> 2;
            case 'd' -> 3;
            case 's' -> 4;
            default -> -1;
        };
    }

    private static List<Constraint> parseQuery(String scope, int start) {
        if (start == scope.length()) {
            throw new ScopeSyntaxException(scope, ScopeProblem.INVALID_QUERY, start, "expected name=value after '?'");
        }
        List<Constraint> constraints = new ArrayList<>(2);
        int position = start;
        while (position <= scope.length()) {
            int end = scope.indexOf('&', position);
            if (end < 0) {
                end = scope.length();
            }
            int eq = scope.indexOf('=', position);
            if (eq < 0 || eq > end) {
                throw new ScopeSyntaxException(scope, ScopeProblem.INVALID_QUERY, position, "expected name=value");
            }
            if (eq == position) {
                throw new ScopeSyntaxException(scope, ScopeProblem.INVALID_QUERY, position, "a query parameter needs a name");
            }
            for (int i = position; i < eq; i++) {
                char c = scope.charAt(i);
                if (!(isLetter(c) || isDigit(c) || c == '_' || c == '-' || c == '.' || c == ':')) {
                    throw new ScopeSyntaxException(scope, ScopeProblem.INVALID_QUERY, i,
                            "character " + describe(c) + " is not allowed in a search parameter name");
                }
            }
            if (eq + 1 == end) {
                throw new ScopeSyntaxException(scope, ScopeProblem.INVALID_QUERY, eq + 1,
                        "parameter '" + scope.substring(position, eq) + "' needs a value");
            }
            constraints.add(Constraint.of(scope.substring(position, eq), decode(scope, eq + 1, end)));
            position = end + 1;
        }
        return constraints;
    }

    private static String decode(String scope, int start, int end) {
        int percent = scope.indexOf('%', start);
        if (percent < 0 || percent >= end) {
            return scope.substring(start, end);
        }
        // A plain array: ByteArrayOutputStream synchronizes on every byte. The scope is ASCII (checkCharacters).
        byte[] bytes = new byte[end - start];
        int length = 0;
        for (int i = start; i < end; i++) {
            char c = scope.charAt(i);
            if (c != '%') {
                bytes[length++] = (byte) c;
                continue;
            }
            int high = i + 1 < end ? Character.digit(scope.charAt(i + 1), 16) : -1;
            int low = i + 2 < end ? Character.digit(scope.charAt(i + 2), 16) : -1;
            if (high < 0 || low < 0) {
                throw new ScopeSyntaxException(scope, ScopeProblem.INVALID_ENCODING, i,
                        "'%' must be followed by two hexadecimal digits");
            }
            bytes[length++] = (byte) (high << 4 | low);
            i += 2;
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    private static LaunchScope parseLaunch(String scope) {
        int typeStart = "launch/".length();
        int query = scope.indexOf('?', typeStart);
        int typeEnd = query < 0 ? scope.length() : query;
        String type = scope.substring(typeStart, typeEnd);
        if (!type.equals("patient") && !type.equals("encounter")) {
            checkLaunchType(scope, type, typeStart);
        }
        String role = null;
        if (query >= 0) {
            List<Constraint> parameters = parseQuery(scope, query + 1);
            if (parameters.size() != 1 || !parameters.get(0).name().equals("role")) {
                throw new ScopeSyntaxException(scope, ScopeProblem.INVALID_LAUNCH, query + 1,
                        "a launch scope takes exactly one parameter, role");
            }
            role = parameters.get(0).value();
        }
        return new LaunchScope(scope, type, role);
    }

    /**
     * A launch context type: a resource type, written as SMART 2.2 writes it ({@code launch/questionnaire},
     * {@code launch/relatedperson?role=friend}) or as its FHIR name ({@code launch/DiagnosticReport}).
     */
    private static void checkLaunchType(String scope, String type, int start) {
        if (type.isEmpty()) {
            throw new ScopeSyntaxException(scope, ScopeProblem.INVALID_LAUNCH, start,
                    "expected patient, encounter or a resource type after 'launch/'");
        }
        if (type.equals(ResourceScope.ANY_TYPE)) {
            throw new ScopeSyntaxException(scope, ScopeProblem.INVALID_LAUNCH, start,
                    "a launch scope names one resource type, not '*'");
        }
        if (type.length() > MAX_TYPE_LENGTH) {
            throw new ScopeSyntaxException(scope, ScopeProblem.INVALID_RESOURCE_TYPE, start, "'" + type + "' is not a resource type");
        }
        for (int i = 0; i < type.length(); i++) {
            if (!isLetter(type.charAt(i))) {
                throw new ScopeSyntaxException(scope, ScopeProblem.INVALID_RESOURCE_TYPE, start + i,
                        "'" + type + "' is not a resource type (letters only)");
            }
        }
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
