package io.github.smartonkeycloak.core.scope;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A SMART resource scope, {@code <context>/<type>.<permissions>[?<constraints>]}. Two scopes are equal when they grant
 * the same access, whatever syntax they were written in: {@code patient/Observation.read} equals
 * {@code patient/Observation.rs}. {@link #text()} keeps what the app wrote, so answers can echo it verbatim.
 */
public final class ResourceScope implements SmartScope {

    public static final String ANY_TYPE = "*";

    private final ScopeContext context;
    private final String resourceType;
    private final Permissions permissions;
    private final Constraints constraints;
    private final ScopeSyntax syntax;
    // Rendered on first use for scopes the engine makes: negotiation builds many intersections it never shows. A race
    // renders the same string twice, which is harmless (as with String.hashCode).
    private String text;

    ResourceScope(ScopeContext context, String resourceType, Permissions permissions, Constraints constraints,
            ScopeSyntax syntax, String text) {
        this.context = context;
        this.resourceType = resourceType;
        this.permissions = permissions;
        this.constraints = constraints;
        this.syntax = syntax;
        this.text = text;
    }

    /**
     * A scope built by code rather than parsed, rendered in the preferred syntax where that syntax can express it
     * (v1 has no constraints and only read, write and *).
     */
    public static ResourceScope of(ScopeContext context, String resourceType, Permissions permissions,
            Constraints constraints, ScopeSyntax preferred) {
        ScopeSyntax syntax = preferred == ScopeSyntax.V1 && constraints.isEmpty() && permissions.v1().isPresent()
                ? ScopeSyntax.V1
                : ScopeSyntax.V2;
        return new ResourceScope(context, resourceType, permissions, constraints, syntax, null);
    }

    public ScopeContext context() {
        return context;
    }

    public String resourceType() {
        return resourceType;
    }

    public Permissions permissions() {
        return permissions;
    }

    public Constraints constraints() {
        return constraints;
    }

    public ScopeSyntax syntax() {
        return syntax;
    }

    @Override
    public String text() {
        String rendered = text;
        if (rendered == null) {
            rendered = render(syntax);
            text = rendered;
        }
        return rendered;
    }

    public boolean isAnyType() {
        return ANY_TYPE.equals(resourceType);
    }

    /** The same access written in the preferred syntax (see {@link #of}). */
    public ResourceScope writtenIn(ScopeSyntax preferred) {
        return of(context, resourceType, permissions, constraints, preferred);
    }

    /** The same access written in the given syntax; v1 is used only where v1 can say it (no constraints, read/write/*). */
    public String render(ScopeSyntax preferred) {
        StringBuilder out = new StringBuilder(32).append(context.prefix()).append('/').append(resourceType).append('.');
        Optional<String> v1 = preferred == ScopeSyntax.V1 && constraints.isEmpty() ? permissions.v1() : Optional.empty();
        out.append(v1.orElse(permissions.v2()));
        if (!constraints.isEmpty()) {
            out.append('?').append(constraints.render());
        }
        return out.toString();
    }

    /** Whether this scope allows everything {@code other} allows. */
    public boolean covers(ResourceScope other) {
        return context == other.context
                && (isAnyType() || resourceType.equals(other.resourceType))
                && permissions.containsAll(other.permissions)
                && constraints.isSubsetOf(other.constraints);
    }

    /**
     * What both scopes allow, if anything: the narrower resource type, the common permissions and the constraints of
     * both. The result is written in v2 syntax.
     */
    public Optional<ResourceScope> intersect(ResourceScope other) {
        if (context != other.context) {
            return Optional.empty();
        }
        String type;
        if (isAnyType()) {
            type = other.resourceType;
        } else if (other.isAnyType() || resourceType.equals(other.resourceType)) {
            type = resourceType;
        } else {
            return Optional.empty();
        }
        Permissions common = permissions.intersect(other.permissions);
        if (common.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(of(context, type, common, constraints.union(other.constraints), ScopeSyntax.V2));
    }

    /**
     * Whether this scope allows an interaction, for a resource server. For {@link Interaction#SEARCH} the map holds the
     * search parameters (each entry one occurrence, commas meaning "or"), and every constraint of this scope must be
     * pinned by the search. For the other interactions it holds the resource's own values per search parameter (for
     * example its categories as {@code system|code}), and the resource must carry every constrained value.
     */
    public boolean permits(ScopeContext requestContext, String requestType, Interaction interaction,
            Map<String, ? extends Collection<String>> parameters) {
        if (context != requestContext || !(isAnyType() || resourceType.equals(requestType))
                || !permissions.contains(interaction.permission())) {
            return false;
        }
        if (constraints.isEmpty()) {
            return true;
        }
        return interaction == Interaction.SEARCH ? constraints.allowSearch(parameters) : constraints.allowResource(parameters);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ResourceScope scope
                && context == scope.context
                && resourceType.equals(scope.resourceType)
                && permissions == scope.permissions
                && constraints.equals(scope.constraints);
    }

    @Override
    public int hashCode() {
        return Objects.hash(context, resourceType, permissions, constraints);
    }

    @Override
    public String toString() {
        return text();
    }
}
