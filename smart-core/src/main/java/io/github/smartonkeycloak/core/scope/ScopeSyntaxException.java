package io.github.smartonkeycloak.core.scope;

/**
 * A scope that does not follow the SMART grammar. The message says what is wrong and where, in words fit for an
 * OAuth {@code error_description}: {@code patient/Observation.xyz: permissions 'xyz' ... (at character 21)}.
 */
public final class ScopeSyntaxException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String scope;
    private final ScopeProblem problem;
    private final int position;

    ScopeSyntaxException(String scope, ScopeProblem problem, int position, String detail) {
        super(scope + ": " + detail + " (at character " + (position + 1) + ")", null);
        this.scope = scope;
        this.problem = problem;
        this.position = position;
    }

    public String scope() {
        return scope;
    }

    public ScopeProblem problem() {
        return problem;
    }

    /** Zero-based index in {@link #scope()} where the problem starts. */
    public int position() {
        return position;
    }

    /** A parser error is normal input, not a bug: no stack trace. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
