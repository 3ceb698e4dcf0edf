package io.meltanodata.lifecycle;

/** A Pulumi command of the lifecycle failed; the message names the stack and quotes Pulumi's error. */
public final class LifecycleException extends RuntimeException {
    public LifecycleException(String message, Throwable cause) {
        super(message, cause);
    }
}
