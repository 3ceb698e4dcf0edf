package io.meltanodata.real.engine;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code pulumi config set} commands that give a new stack the config of a committed
 * {@code Pulumi.<stack>.yaml}, as the README tells a user to set it: top-level values with
 * {@code pulumi config set KEY VALUE}, lists and maps leaf by leaf with {@code --path}, and the
 * keys a test names with {@code --secret}. With {@code --path} the CLI stores "true"/"false" and
 * integers as booleans and numbers, so a string that looks like one keeps its type with
 * {@code --type string}; every other value is {@code --plaintext} unless the test names it secret
 * (the CLI refuses values that look like secrets without one of the two).
 */
public final class ConfigCommands {
    private static final Pattern LOOKS_TYPED = Pattern.compile("true|false|-?[0-9]+");

    private ConfigCommands() {
    }

    public static List<List<String>> of(Path stackFile, Set<String> secretKeys) {
        Map<String, Object> config = config(stackFile);
        List<List<String>> commands = new ArrayList<>();
        config.forEach((key, value) -> {
            if (value instanceof Map<?, ?> || value instanceof List<?>) {
                leaves(quotedPath(key), value, secretKeys.contains(key), commands);
            } else {
                List<String> command = new ArrayList<>(List.of("config", "set"));
                command.add(secretKeys.contains(key) ? "--secret" : "--plaintext");
                command.addAll(List.of(key, "--", String.valueOf(value)));
                commands.add(command);
            }
        });
        return commands;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> config(Path stackFile) {
        try {
            Object document = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(stackFile));
            Object config = ((Map<String, Object>) document).get("config");
            return config == null ? Map.of() : (Map<String, Object>) config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void leaves(String path, Object value, boolean secret, List<List<String>> commands) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> leaves(path + "[\"" + k + "\"]", v, secret, commands));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                leaves(path + "[" + i + "]", list.get(i), secret, commands);
            }
        } else {
            List<String> command = new ArrayList<>(List.of("config", "set", "--path"));
            if (secret) {
                command.add("--secret");
            } else if (value instanceof String text && LOOKS_TYPED.matcher(text).matches()) {
                command.addAll(List.of("--type", "string"));
            } else {
                // Names such as TAP_GITHUB_AUTH_TOKEN look like secrets to the CLI: say they are not.
                command.add("--plaintext");
            }
            command.addAll(List.of(path, "--", String.valueOf(value)));
            commands.add(command);
        }
    }

    /** {@code meltanodata:groups} as a path root: the namespace's colon is fine, dots are not. */
    private static String quotedPath(String key) {
        return key.contains(".") ? "[\"" + key + "\"]" : key;
    }
}
