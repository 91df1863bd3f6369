package io.github.smartonkeycloak.core.scope;

/** The SMART v2 permissions, in the order the grammar requires ({@code c?r?u?d?s?}). */
public enum Permission {
    CREATE('c'),
    READ('r'),
    UPDATE('u'),
    DELETE('d'),
    SEARCH('s');

    private final char letter;

    Permission(char letter) {
        this.letter = letter;
    }

    public char letter() {
        return letter;
    }

    int bit() {
        return 1 << ordinal();
    }
}
