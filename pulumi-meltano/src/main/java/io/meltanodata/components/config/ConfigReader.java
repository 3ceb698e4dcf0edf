package io.meltanodata.components.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.meltanodata.components.UserInputException;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Typed, validated access to one layer's stack configuration. Every failure is a
 * {@link UserInputException} whose one line names the origin, the key, the value and what is
 * allowed; secret values are never echoed.
 */
public final class ConfigReader {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);

    private final ConfigSource source;
    private final String namespace;

    public ConfigReader(ConfigSource source, String namespace) {
        this.source = source;
        this.namespace = namespace;
    }

    public ConfigSource source() {
        return source;
    }

    /** {@code vpcCidr} becomes {@code meltanodata:vpcCidr}; a qualified key is kept as it is. */
    public String key(String name) {
        return name.contains(":") ? name : namespace + ":" + name;
    }

    public Optional<String> optionalText(String name) {
        return source.get(key(name)).filter(v -> !v.isBlank());
    }

    public String requireText(String name, String allowed) {
        return optionalText(name).orElseThrow(() -> new UserInputException(
                source.origin() + ": config key '" + key(name) + "' is required; expected " + allowed));
    }

    public String text(String name, String defaultValue) {
        return optionalText(name).orElse(defaultValue);
    }

    /** A text value that must match a pattern, e.g. a DNS-safe name. */
    public String matching(String name, Pattern pattern, String allowed, String defaultValue) {
        String value = defaultValue == null ? requireText(name, allowed) : text(name, defaultValue);
        if (!pattern.matcher(value).matches()) {
            throw invalid(name, value, allowed);
        }
        return value;
    }

    /** A required value matching a pattern, returned as the match so callers can read its groups. */
    public java.util.regex.MatchResult match(String name, Pattern pattern, String allowed) {
        String value = requireText(name, allowed);
        java.util.regex.Matcher matcher = pattern.matcher(value);
        if (!matcher.matches()) {
            throw invalid(name, value, allowed);
        }
        return matcher.toMatchResult();
    }

    public int integer(String name, int defaultValue, int min, int max) {
        Optional<String> raw = optionalText(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        String allowed = "a whole number from " + min + " to " + max;
        try {
            int value = Integer.parseInt(raw.get().trim());
            if (value < min || value > max) {
                throw invalid(name, raw.get(), allowed);
            }
            return value;
        } catch (NumberFormatException e) {
            throw invalid(name, raw.get(), allowed);
        }
    }

    public boolean bool(String name, boolean defaultValue) {
        Optional<String> raw = optionalText(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        return switch (raw.get().trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(name, raw.get(), "true or false");
        };
    }

    public <E extends Enum<E>> E choice(String name, Class<E> type, E defaultValue, Function<E, String> spelling) {
        Optional<String> raw = optionalText(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        for (E candidate : type.getEnumConstants()) {
            if (spelling.apply(candidate).equals(raw.get().trim())) {
                return candidate;
            }
        }
        String allowed = "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(spelling)
                .collect(Collectors.joining(", "));
        throw invalid(name, raw.get(), allowed);
    }

    /** A JSON / YAML list of strings; absent means empty. */
    public List<String> textList(String name) {
        return optionalObject(name, JSON.getTypeFactory().constructCollectionType(List.class, String.class),
                "a list of strings")
                .map(l -> ((List<?>) l).stream().map(String::valueOf).toList())
                .orElse(List.of());
    }

    /** A list of strings each matching a pattern and each given once; absent means empty. */
    public List<String> distinctTextList(String name, Pattern each, String allowed) {
        List<String> values = textList(name);
        Set<String> seen = new java.util.HashSet<>();
        for (String value : values) {
            if (!each.matcher(value).matches()) {
                throw invalid(name, value, allowed);
            }
            if (!seen.add(value)) {
                throw invalid(name, value, allowed + ", each once (it is listed twice)");
            }
        }
        return values;
    }

    /** A structured value read into a record; unknown fields and wrong types are errors naming the field. */
    public <T> Optional<T> optionalObject(String name, Class<T> type, String allowed) {
        return optionalObject(name, JSON.getTypeFactory().constructType(type), allowed).map(type::cast);
    }

    public Optional<Object> optionalObject(String name, JavaType type, String allowed) {
        Optional<String> raw = optionalText(name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(JSON.readValue(raw.get(), type));
        } catch (UnrecognizedPropertyException e) {
            throw new UserInputException(source.origin() + ": config key '" + key(name) + "' has unknown field '"
                    + e.getPropertyName() + "'; allowed fields: " + e.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", ")));
        } catch (MismatchedInputException e) {
            String path = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining());
            throw new UserInputException(source.origin() + ": config key '" + key(name) + path
                    + "' is missing or has the wrong type; expected " + (path.isEmpty() ? allowed : describe(e.getTargetType())));
        } catch (ValueInstantiationException e) {
            // a record's compact constructor refused the value: its message names the field and the rule
            throw new UserInputException(source.origin() + ": config key '" + key(name) + "': " + rootMessage(e));
        } catch (JsonProcessingException e) {
            throw invalid(name, raw.get(), allowed);
        }
    }

    /** What a field of a structured value must be, in the words of the config file. */
    private static String describe(Class<?> type) {
        if (type == null) {
            return "a value of another type";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "text";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a mapping";
    }

    /** The error for a value that parsed but is not allowed. */
    public UserInputException invalid(String name, String value, String allowed) {
        String shown = source.isSecret(key(name)) ? "[secret]" : printable(value);
        return new UserInputException(source.origin() + ": config key '" + key(name) + "' has value '" + shown
                + "'; allowed: " + allowed);
    }

    /**
     * Rejects keys in this layer's namespace that the layer does not read (usually typos), and
     * secret ones: no key of a layer holds a secret, and a layer passes its config into resource
     * inputs as they are, so a value set with {@code --secret} would end up unencrypted in Pulumi's
     * state. Failing says so instead of letting the encryption in the stack file mislead.
     */
    public void checkKeys(Set<String> knownNames) {
        Set<String> known = knownNames.stream().map(this::key).collect(Collectors.toCollection(TreeSet::new));
        for (String key : new TreeSet<>(source.keys())) {
            if (key.startsWith(namespace + ":") && !known.contains(key)) {
                throw new UserInputException(source.origin() + ": unknown config key '" + printable(key)
                        + "'; known keys: " + String.join(", ", known));
            }
        }
        for (String key : new TreeSet<>(source.keys())) {
            if (key.startsWith(namespace + ":") && source.isSecret(key)) {
                throw invalid(key, source.get(key).orElse(""), "a plaintext value (pulumi config set --plaintext): no " + namespace
                        + " key is a secret, and a secret's value would be stored unencrypted in the resources' inputs");
            }
        }
    }

    /**
     * Makes a user value safe to print on one line: control characters, line separators and
     * invisible format characters (bidirectional overrides, zero-width spaces, which can make a
     * name read as another) escaped; length capped.
     */
    public static String printable(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(120).forEach(cp -> {
            int type = Character.getType(cp);
            if (Character.isISOControl(cp) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return value.codePointCount(0, value.length()) > 120 ? out + "..." : out.toString();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
