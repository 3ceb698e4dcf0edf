package io.meltanodata.components;

/**
 * A mistake in what the user gave us (stack config, meltano.yml, branch rules), as opposed to a
 * bug. Its message is the whole story: it names the file or key, the bad value and what is
 * allowed, and it is shown to the user as one line, never with a stack trace.
 */
public class UserInputException extends RuntimeException {

    public UserInputException(String message) {
        super(message, null, false, false);
    }

    public UserInputException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
