package io.meltanodata.components.config;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Raw stack configuration: fully qualified keys ({@code meltanodata:vpcCidr}, {@code aws:region})
 * to their values as Pulumi hands them to a program (scalars as text, structured values as
 * JSON).
 */
public interface ConfigSource {

    Optional<String> get(String key);

    /** Every key that is set, so that misspelt keys can be reported instead of ignored. */
    Set<String> keys();

    /** True when the key was set with {@code pulumi config set --secret}. */
    boolean isSecret(String key);

    /** Where the values come from, for error messages: the stack file name, {@code Pulumi.<stack>.yaml}. */
    String origin();

    /** The directory relative paths in the config are resolved against (the Pulumi project directory). */
    default Path directory() {
        return Path.of("");
    }
}
