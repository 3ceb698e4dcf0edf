package io.meltanodata.projects.rules;

import io.meltanodata.components.naming.StackNames;
import io.meltanodata.components.git.GitRef;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.meltanodata.components.UserInputException;
import io.meltanodata.components.config.ConfigReader;
import io.meltanodata.components.config.Durations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** A project's ordered branch rules: the first rule whose pattern matches a ref decides. */
public record BranchRules(List<BranchRule> rules) {
    public static final String KEY = "branchRules";
    private static final Pattern RULE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    public BranchRules {
        rules = List.copyOf(rules);
    }

    /** The shape of one rule in config. */
    record RuleConfig(String name, String ref, String environment, Boolean activated, List<String> services,
                      String ttl, Boolean archiveOnDispose) {
    }

    /** Reads {@code meltanodata:branchRules}; every error names the rule and the field. */
    public static BranchRules read(ConfigReader config) {
        JavaType type = TypeFactory.defaultInstance().constructCollectionType(List.class, RuleConfig.class);
        @SuppressWarnings("unchecked")
        List<RuleConfig> raw = (List<RuleConfig>) config.optionalObject(KEY, type,
                "a list of {name, ref, environment, activated, services, ttl, archiveOnDispose}").orElse(List.of());
        String origin = config.source().origin() + ": config key '" + config.key(KEY) + "' ";
        List<BranchRule> rules = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            RuleConfig r = raw.get(i);
            String label = label(i, r == null ? null : r.name());
            if (r == null) {
                throw new UserInputException(origin + label + ": a rule is a mapping with ref and environment");
            }
            String name = r.name() == null ? "rule-" + (i + 1) : r.name();
            if (!RULE_NAME.matcher(name).matches()) {
                throw new UserInputException(origin + label + ": name '" + ConfigReader.printable(name)
                        + "' must be 1-40 lowercase letters, digits and '-'");
            }
            if (r.ref() == null || r.environment() == null) {
                throw new UserInputException(origin + label + ": 'ref' and 'environment' are required");
            }
            RefPattern pattern;
            try {
                pattern = RefPattern.parse(r.ref());
            } catch (IllegalArgumentException e) {
                throw new UserInputException(origin + label + ": ref pattern '" + ConfigReader.printable(r.ref())
                        + "' is invalid; expected " + e.getMessage());
            }
            List<String> services = r.services() == null ? List.of(BranchRule.ALL_SCHEDULES) : r.services();
            for (String s : services) {
                if (s == null || !(s.equals(BranchRule.ALL_SCHEDULES) || s.startsWith(BranchRule.SCHEDULE_PREFIX)
                        || s.startsWith(BranchRule.SERVICE_PREFIX))) {
                    throw new UserInputException(origin + label + ": service '" + ConfigReader.printable(String.valueOf(s))
                            + "' is not understood; allowed: schedules, schedule:<name>, service:<plugin>:<command>");
                }
            }
            Optional<Duration> ttl = Optional.ofNullable(r.ttl()).map(t -> ttl(origin + label, t));
            rules.add(new BranchRule(name, pattern, r.environment(), r.activated() == null || r.activated(), services, ttl,
                    r.archiveOnDispose() == null || r.archiveOnDispose()));
        }
        return new BranchRules(rules);
    }

    private static String label(int index, String name) {
        return "rule " + (index + 1) + (name == null ? "" : " ('" + ConfigReader.printable(name) + "')");
    }

    static Duration ttl(String where, String text) {
        return Durations.positive(where, text);
    }

    /** Checks the rules against what meltano.yml declares; each error names the rule. */
    public void validate(ProjectDeclarations project, String origin) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            BranchRule rule = rules.get(i);
            String label = origin + ": config key 'meltanodata:" + KEY + "' " + label(i, rule.name());
            if (!names.add(rule.name())) {
                throw new UserInputException(label + ": the name is used by an earlier rule");
            }
            if (!project.environments().contains(rule.environment())) {
                throw new UserInputException(label + ": environment '" + ConfigReader.printable(rule.environment())
                        + "' is not defined in meltano.yml; environments: " + new TreeSet<>(project.environments()));
            }
            for (String service : rule.services()) {
                if (service.startsWith(BranchRule.SCHEDULE_PREFIX)) {
                    String schedule = service.substring(BranchRule.SCHEDULE_PREFIX.length());
                    if (!project.schedules().contains(schedule)) {
                        throw new UserInputException(label + ": schedule '" + ConfigReader.printable(schedule)
                                + "' is not defined in meltano.yml; schedules: " + new TreeSet<>(project.schedules()));
                    }
                    if (project.brokenSchedules().containsKey(schedule)) {
                        throw new UserInputException(label + ": schedule '" + schedule + "' cannot run: "
                                + project.brokenSchedules().get(schedule));
                    }
                } else if (service.startsWith(BranchRule.SERVICE_PREFIX)) {
                    String command = service.substring(BranchRule.SERVICE_PREFIX.length());
                    if (!project.services().contains(command)) {
                        throw new UserInputException(label + ": service '" + ConfigReader.printable(command)
                                + "' is not a plugin command in meltano.yml; services: " + new TreeSet<>(project.services()));
                    }
                    if (project.unservableServices().containsKey(command)) {
                        throw new UserInputException(label + ": service '" + command + "' cannot run: "
                                + project.unservableServices().get(command));
                    }
                }
            }
            for (int j = 0; j < i; j++) {
                BranchRule earlier = rules.get(j);
                if (rule.ref().isCoveredBy(earlier.ref())) {
                    throw new UserInputException(label + ": unreachable: every ref matching '" + rule.ref().text()
                            + "' already matches rule " + (j + 1) + " ('" + earlier.name() + "', '" + earlier.ref().text() + "')");
                }
            }
        }
    }

    /** The decision for one ref: the first matching rule, or not activated. */
    public Resolution resolve(GitRef ref, ProjectDeclarations project, String site, String projectName) {
        for (BranchRule rule : rules) {
            if (rule.ref().matches(ref)) {
                TreeSet<String> schedules = new TreeSet<>();
                List<String> services = new ArrayList<>();
                for (String s : rule.services()) {
                    if (s.equals(BranchRule.ALL_SCHEDULES)) {
                        // every schedule that can run; naming a broken one is refused by validate
                        project.schedules().stream().filter(n -> !project.brokenSchedules().containsKey(n))
                                .forEach(schedules::add);
                    } else if (s.startsWith(BranchRule.SCHEDULE_PREFIX)) {
                        schedules.add(s.substring(BranchRule.SCHEDULE_PREFIX.length()));
                    } else {
                        services.add(s.substring(BranchRule.SERVICE_PREFIX.length()));
                    }
                }
                boolean on = rule.activated();
                return new Resolution(ref, Optional.of(rule.name()), Optional.of(rule.environment()), on,
                        on ? List.copyOf(schedules) : List.of(), on ? services : List.of(), on ? rule.ttl() : Optional.empty(),
                        on && rule.archiveOnDispose(),
                        on ? Optional.of(StackNames.environment(site, projectName, rule.environment(), ref)) : Optional.empty());
            }
        }
        return Resolution.notActivated(ref);
    }

    /** The patterns of the rules that activate an environment: the refs CI may deploy from. */
    public List<String> activatedPatterns() {
        return rules.stream().filter(BranchRule::activated).map(r -> r.ref().text()).toList();
    }
}
