package io.meltanodata.cli;

/** The exit codes of every meltanodata command (documented in the README). */
public final class ExitCodes {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** The input (config, meltano.yml, rules, ref) is invalid; stderr has the one-line reason. */
    public static final int INVALID_INPUT = 1;
    /** The command line itself is wrong (unknown option, missing argument). */
    public static final int USAGE = 2;
    /** A check ran and found violations (e.g. {@code check}). */
    public static final int FINDINGS = 3;
    /** A Pulumi command run by {@code env} failed; stderr names the stack and quotes Pulumi's error. */
    public static final int DEPLOY_FAILED = 4;
    /** A bug: the stack trace is printed; please report it. */
    public static final int INTERNAL_ERROR = 70;

    private ExitCodes() {
    }
}
