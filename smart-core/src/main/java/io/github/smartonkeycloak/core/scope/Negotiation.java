package io.github.smartonkeycloak.core.scope;

import java.util.List;

/**
 * The outcome of negotiating requested resource scopes against the client's ceilings.
 *
 * @param grants what is granted, in request order, without duplicates
 * @param dropped requested scopes that got nothing (not permitted, or a resource type the server does not support)
 */
public record Negotiation(List<Grant> grants, List<ResourceScope> dropped) {
}
