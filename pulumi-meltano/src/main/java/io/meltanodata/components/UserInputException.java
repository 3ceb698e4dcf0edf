package io.meltanodata.components;

import com.pulumi.exceptions.RunException;

/**
 * A mistake in what the user gave us (stack config, meltano.yml, branch rules), as opposed to a
 * bug. Its message is the whole story: it names the file or key, the bad value and what is
 * allowed, and it is shown to the user as one line, never with a stack trace. It is a Pulumi
 * {@link RunException} because that is what a Pulumi program run prints as its message alone,
 * also when it is thrown from inside an {@code apply} (a check against a parent stack).
 */
public class UserInputException extends RunException {

    public UserInputException(String message) {
        super(message);
    }

    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
