package io.meltanodata.components.config;

import io.meltanodata.components.UserInputException;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Every YAML file the product reads (stack files, meltano.yml and its includes) is loaded here:
 * YAML 1.2 core schema (as Meltano and Pulumi read it: {@code 0010} is 10), duplicate keys
 * refused, and limits against hostile input (size, aliases, nesting). Errors name the file and
 * line.
 */
public final class Yaml {
    public static final int MAX_BYTES = 1 << 20;
    public static final int MAX_ALIASES = 50;
    public static final int MAX_NESTING = 100;

    private Yaml() {
    }

    public static Object read(Path file, String origin) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new UserInputException(origin + ": no such file");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new UserInputException(origin + ": file is larger than 1 MiB (" + Files.size(file) + " bytes)");
            }
            return parse(origin, Files.readString(file));
        } catch (java.nio.charset.MalformedInputException e) {
            throw new UserInputException(origin + ": not UTF-8 text");
        } catch (IOException e) {
            throw new UserInputException(origin + ": cannot read (" + e.getMessage() + ")");
        }
    }

    public static Object parse(String origin, String text) {
        if (text.length() > MAX_BYTES) {
            throw new UserInputException(origin + ": file is larger than 1 MiB");
        }
        rejectDeepNesting(origin, text);
        LoadSettings settings = LoadSettings.builder()
                .setLabel(origin)
                .setSchema(new CoreSchema())
                .setAllowDuplicateKeys(false)
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setCodePointLimit(MAX_BYTES)
                .build();
        try {
            return new Load(settings).loadFromString(text);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            throw new UserInputException(origin + ":" + line + ": invalid YAML: " + e.getProblem());
        } catch (YamlEngineException e) {
            throw new UserInputException(origin + ": invalid YAML: " + firstLine(e.getMessage()));
        } catch (StackOverflowError e) {
            throw new UserInputException(origin + ": invalid YAML: nested deeper than " + MAX_NESTING + " levels");
        }
    }

    /** Flow collections ({@code [[[[...}) and indentation both count towards depth. */
    private static void rejectDeepNesting(String origin, String text) {
        int depth = 0;
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                int indent = 0;
                while (i + 1 + indent < text.length() && text.charAt(i + 1 + indent) == ' ') {
                    indent++;
                }
                if (indent / 2 > MAX_NESTING) {
                    throw new UserInputException(origin + ":" + (line) + ": invalid YAML: nested deeper than "
                            + MAX_NESTING + " levels");
                }
            } else if (c == '[' || c == '{') {
                if (++depth > MAX_NESTING) {
                    throw new UserInputException(origin + ":" + line + ": invalid YAML: nested deeper than "
                            + MAX_NESTING + " levels");
                }
            } else if ((c == ']' || c == '}') && depth > 0) {
                depth--;
            }
        }
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : message.lines().findFirst().orElse(message);
    }
}
