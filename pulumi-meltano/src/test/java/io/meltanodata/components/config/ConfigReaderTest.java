package io.meltanodata.components.config;

import io.meltanodata.components.UserInputException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConfigReaderTest {
    record Limits(int cpu, String memory) {
        Limits {
            if (cpu < 1) {
                throw new IllegalArgumentException("cpu must be at least 1, got " + cpu);
            }
        }
    }

    enum Mode { PER_AZ, SINGLE }

    private static ConfigReader reader(Map<String, String> values) {
        return new ConfigReader(MapConfigSource.of("Pulumi.dev.yaml", values), "meltanodata");
    }

    private static String error(Runnable r) {
        return assertThrows(UserInputException.class, r::run).getMessage();
    }

    @Test
    void missingRequiredKeyNamesTheKeyAndWhatIsExpected() {
        assertEquals("Pulumi.dev.yaml: config key 'meltanodata:site' is required; expected a site name",
                error(() -> reader(Map.of()).requireText("site", "a site name")));
    }

    @Test
    void integersAreRangeChecked() {
        ConfigReader r = reader(Map.of("meltanodata:azCount", "5", "meltanodata:other", "two"));
        assertEquals("Pulumi.dev.yaml: config key 'meltanodata:azCount' has value '5'; allowed: a whole number from 2 to 3",
                error(() -> r.integer("azCount", 2, 2, 3)));
        assertEquals("Pulumi.dev.yaml: config key 'meltanodata:other' has value 'two'; allowed: a whole number from 1 to 9",
                error(() -> r.integer("other", 1, 1, 9)));
        assertEquals(2, reader(Map.of()).integer("azCount", 2, 2, 3));
    }

    @Test
    void booleansAndChoicesAreStrict() {
        assertEquals("Pulumi.dev.yaml: config key 'meltanodata:archive' has value 'yes'; allowed: true or false",
                error(() -> reader(Map.of("meltanodata:archive", "yes")).bool("archive", true)));
        assertEquals(Mode.SINGLE, reader(Map.of("meltanodata:nat", "single"))
                .choice("nat", Mode.class, Mode.PER_AZ, m -> m == Mode.PER_AZ ? "perAz" : "single"));
        assertEquals("Pulumi.dev.yaml: config key 'meltanodata:nat' has value 'many'; allowed: one of perAz, single",
                error(() -> reader(Map.of("meltanodata:nat", "many"))
                        .choice("nat", Mode.class, Mode.PER_AZ, m -> m == Mode.PER_AZ ? "perAz" : "single")));
    }

    @Test
    void patternsAreCheckedAndControlCharactersEscapedInMessages() {
        Pattern dns = Pattern.compile("[a-z][a-z0-9-]{0,30}");
        assertEquals("Pulumi.dev.yaml: config key 'meltanodata:site' has value 'ac\\u000ame'; allowed: a DNS label",
                error(() -> reader(Map.of("meltanodata:site", "ac\nme")).matching("site", dns, "a DNS label", null)));
    }

    @Test
    void structuredValuesNameTheBadFieldAndUnknownFields() {
        assertEquals(new Limits(2, "4Gi"), reader(Map.of("meltanodata:limits", "{\"cpu\":2,\"memory\":\"4Gi\"}"))
                .optionalObject("limits", Limits.class, "{cpu, memory}").orElseThrow());
        assertEquals("Pulumi.dev.yaml: config key 'meltanodata:limits' has unknown field 'cpus'; allowed fields: cpu, memory",
                error(() -> reader(Map.of("meltanodata:limits", "{\"cpu\":2,\"cpus\":2}"))
                        .optionalObject("limits", Limits.class, "{cpu, memory}")));
        assertEquals("Pulumi.dev.yaml: config key 'meltanodata:limits.cpu' is missing or has the wrong type; expected a whole number",
                error(() -> reader(Map.of("meltanodata:limits", "{\"memory\":\"1Gi\"}"))
                        .optionalObject("limits", Limits.class, "{cpu, memory}")));
        assertEquals("Pulumi.dev.yaml: config key 'meltanodata:limits.cpu' is missing or has the wrong type; expected a whole number",
                error(() -> reader(Map.of("meltanodata:limits", "{\"cpu\":[1]}"))
                        .optionalObject("limits", Limits.class, "{cpu, memory}")));
        assertEquals("Pulumi.dev.yaml: config key 'meltanodata:limits': cpu must be at least 1, got 0",
                error(() -> reader(Map.of("meltanodata:limits", "{\"cpu\":0,\"memory\":\"1Gi\"}"))
                        .optionalObject("limits", Limits.class, "{cpu, memory}")));
    }

    @Test
    void listsOfText() {
        assertEquals(List.of("a@x.io", "b@x.io"),
                reader(Map.of("meltanodata:emails", "[\"a@x.io\",\"b@x.io\"]")).textList("emails"));
        assertEquals(List.of(), reader(Map.of()).textList("emails"));
        assertEquals("Pulumi.dev.yaml: config key 'meltanodata:emails' has value 'a@x.io'; allowed: a list of strings",
                error(() -> reader(Map.of("meltanodata:emails", "a@x.io")).textList("emails")));
    }

    @Test
    void unknownKeysInTheNamespaceAreRejectedOthersIgnored() {
        ConfigReader r = reader(Map.of("meltanodata:vpcCdir", "10.0.0.0/16", "aws:region", "eu-west-1"));
        assertEquals("Pulumi.dev.yaml: unknown config key 'meltanodata:vpcCdir'; known keys: meltanodata:site, meltanodata:vpcCidr",
                error(() -> r.checkKeys(Set.of("vpcCidr", "site"))));
    }

    @Test
    void aSecretKeyInTheNamespaceIsRejectedWithoutItsValueOthersAreIgnored() {
        ConfigReader r = new ConfigReader(new MapConfigSource("Pulumi.dev.yaml",
                Map.of("meltanodata:logRetentionDays", "14", "aws:secretKey", "s3cr3t"),
                Set.of("meltanodata:logRetentionDays", "aws:secretKey")), "meltanodata");
        assertEquals("Pulumi.dev.yaml: config key 'meltanodata:logRetentionDays' has value '[secret]'; allowed: a plaintext "
                + "value (pulumi config set --plaintext): no meltanodata key is a secret, and a secret's value would be "
                + "stored unencrypted in the resources' inputs", error(() -> r.checkKeys(Set.of("logRetentionDays"))));
    }

    @Test
    void secretValuesAreNeverEchoed() {
        ConfigReader r = new ConfigReader(new MapConfigSource("stack configuration",
                Map.of("meltanodata:token", "hunter2"), Set.of("meltanodata:token")), "meltanodata");
        String message = r.invalid("token", "hunter2", "a token").getMessage();
        assertFalse(message.contains("hunter2"), message);
    }

    @Test
    void stackFilesBecomeConfigAsPulumiWouldPassIt() {
        ConfigSource source = StackFile.parse("Pulumi.acme.yaml", """
                config:
                  aws:region: eu-west-1
                  meltanodata:azCount: 0010
                  meltanodata:groups:
                    admin: {members: [ana@acme.io]}
                  meltanodata:token:
                    secure: AAABAKx==
                  meltanodata:alertEmails:
                    - ops@acme.io
                    - secure: AAABAKy==
                """);
        assertEquals("eu-west-1", source.get("aws:region").orElseThrow());
        assertEquals("10", source.get("meltanodata:azCount").orElseThrow(), "YAML 1.2: 0010 is decimal 10");
        assertEquals("{\"admin\":{\"members\":[\"ana@acme.io\"]}}", source.get("meltanodata:groups").orElseThrow());
        assertEquals(StackFile.SECRET_PLACEHOLDER, source.get("meltanodata:token").orElseThrow());
        assertEquals(true, source.isSecret("meltanodata:token"));
        assertEquals(true, source.isSecret("meltanodata:alertEmails"), "a list with a secret element is secret");
        assertEquals(false, source.isSecret("meltanodata:groups"));
    }

    @Test
    void badStackFilesGiveFileAndLine() {
        assertEquals("Pulumi.bad.yaml:3: invalid YAML: found duplicate key aws:region",
                error(() -> StackFile.parse("Pulumi.bad.yaml", "config:\n  aws:region: a\n  aws:region: b\n")));
        assertEquals("Pulumi.bad.yaml: 'config' must be a mapping of keys to values",
                error(() -> StackFile.parse("Pulumi.bad.yaml", "config: [1, 2]\n")));
    }

    @Test
    void pulumiEnvironmentConfigIsReadWithSecrets() {
        ConfigSource s = PulumiEnvironmentConfig.parse("Pulumi.acme.yaml",
                "{\"meltanodata:site\":\"acme\",\"meltanodata:t\":\"x\"}", "[\"meltanodata:t\"]");
        assertEquals("Pulumi.acme.yaml", s.origin());
        assertEquals("acme", s.get("meltanodata:site").orElseThrow());
        assertEquals(true, s.isSecret("meltanodata:t"));
        assertEquals(Set.of("meltanodata:site", "meltanodata:t"), s.keys());
    }
}
