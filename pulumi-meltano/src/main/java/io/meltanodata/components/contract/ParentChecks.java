package io.meltanodata.components.contract;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import io.meltanodata.components.UserInputException;
import io.meltanodata.components.config.ConfigReader;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What a stack's config claims about its parent stack (the fabric a site runs on, the
 * environments a project's meltano.yml defines), checked against the parent's outputs. A layer's
 * root component depends on {@link #passed}, so a failed check ends the run with the check's
 * one-line error before any resource of the layer is registered; only the read of the parent
 * stack has happened.
 */
public final class ParentChecks {
    private final String origin;
    private final List<Output<Optional<String>>> problems = new ArrayList<>();

    private ParentChecks(String origin) {
        this.origin = origin;
    }

    /** Checks reported against the stack's config file, {@code Pulumi.<stack>.yaml}. */
    public static ParentChecks of(Context ctx) {
        return new ParentChecks("Pulumi." + ctx.stackName() + ".yaml");
    }

    /**
     * The configured value must equal the parent's.
     *
     * @param parent what the parent's value is, for the message ("the fabric site stack x runs on")
     */
    public ParentChecks same(String key, String configured, Output<String> actual, String parent) {
        problems.add(actual.applyValue(value -> configured.equals(value) ? Optional.empty()
                : Optional.of(invalid(key, configured, "'" + ConfigReader.printable(value) + "', " + parent))));
        return this;
    }

    /**
     * Every configured value must be one the parent offers.
     *
     * @param what what the parent's values are, for the message ("an environment of the project's meltano.yml")
     */
    public ParentChecks within(String key, Collection<String> configured, Output<List<String>> offered, String what) {
        problems.add(offered.applyValue(values -> configured.stream().filter(c -> !values.contains(c)).findFirst()
                .map(c -> invalid(key, c, what + " (" + String.join(", ", values.stream().map(ConfigReader::printable)
                        .toList()) + ")"))));
        return this;
    }

    /**
     * No configured value may be one the parent offers but marks unusable.
     *
     * @param unusable the parent's unusable values, each with the reason
     * @param what     what such a value is, for the message ("a schedule that cannot run")
     */
    public ParentChecks noneOf(String key, Collection<String> configured, Output<java.util.Map<String, String>> unusable,
                               String what) {
        problems.add(unusable.applyValue(reasons -> configured.stream().filter(reasons::containsKey).findFirst()
                .map(c -> origin + ": config key '" + key + "' has value '" + ConfigReader.printable(c) + "', " + what
                        + ": " + reasons.get(c))));
        return this;
    }

    /**
     * Resolves to {@code [parentStack]} when every check passed and fails with the first
     * problem otherwise: the {@code dependsOn} of the layer's root component.
     */
    public Output<List<Resource>> passed(Resource parentStack) {
        return Output.all(problems).applyValue(found -> {
            found.stream().flatMap(Optional::stream).findFirst().ifPresent(problem -> {
                throw new UserInputException(problem);
            });
            return List.of(parentStack);
        });
    }

    private String invalid(String key, String value, String allowed) {
        return origin + ": config key '" + key + "' has value '" + ConfigReader.printable(value) + "'; allowed: " + allowed;
    }
}
