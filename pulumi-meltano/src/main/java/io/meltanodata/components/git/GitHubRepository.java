package io.meltanodata.components.git;

import io.meltanodata.components.UserInputException;
import io.meltanodata.components.config.ConfigReader;

import java.util.regex.Pattern;

/** A GitHub repository as {@code owner/name}, spelled as GitHub allows, the way OIDC tokens name it. */
public final class GitHubRepository {
    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}");

    private GitHubRepository() {
    }

    /** Validates {@code owner/repo}; a bad value fails with one line naming the key. */
    public static String validate(String origin, String key, String value) {
        if (!REPOSITORY.matcher(value).matches() || value.endsWith("/.") || value.endsWith("/..")) {
            throw new UserInputException(origin + ": config key '" + key + "' has value '" + ConfigReader.printable(value)
                    + "'; allowed: a GitHub repository as owner/name (letters, digits, '-', '.', '_')");
        }
        return value;
    }
}
