package io.github.smartonkeycloak.core.scope;

/** Which SMART scope syntax a scope was written in; answers keep the app's syntax. */
public enum ScopeSyntax {
    /** SMART 1: {@code read}, {@code write}, {@code *}. */
    V1,
    /** SMART 2: {@code c?r?u?d?s?} and optional query constraints. */
    V2
}
