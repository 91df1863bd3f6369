package io.github.smartonkeycloak.core.scope;

/** What is wrong with a scope that does not follow the SMART 2.2 grammar. */
public enum ScopeProblem {
    EMPTY,
    INVALID_CHARACTER,
    NOT_SMART,
    UNKNOWN_CONTEXT,
    MISSING_RESOURCE_TYPE,
    INVALID_RESOURCE_TYPE,
    MISSING_PERMISSIONS,
    INVALID_PERMISSIONS,
    QUERY_NEEDS_V2,
    INVALID_QUERY,
    INVALID_ENCODING,
    INVALID_LAUNCH
}
