package io.meltanodata.projects.rules;

import io.meltanodata.components.git.GitRef;
import io.meltanodata.components.UserInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RefPatternTest {

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource({
            "main, main, true",
            "main, refs/heads/main, true",
            "refs/heads/main, main, true",
            "main, main2, false",
            "main, refs/tags/main, false",
            "feature/*, feature/login, true",
            "feature/*, refs/heads/feature/login, true",
            "feature/*, feature/a/b, false",
            "feature/*, feature/x-y_z, true",
            "feature/*, features/x, false",
            "feature/**, feature/a/b/c, true",
            "feature/**, feature/a, true",
            "feature/**, feature, false",
            "**, anything/at/all, true",
            "**, main, true",
            "*, main, true",
            "*, feature/x, false",
            "release-*, release-1.2, true",
            "release-*, release/1.2, false",
            "*-hotfix, urgent-hotfix, true",
            "*-hotfix, a/b-hotfix, false",
            "team/*/feature/**, team/data/feature/x/y, true",
            "team/*/feature/**, team/data/ops/feature/x, false",
            "refs/tags/v*, refs/tags/v1.2.0, true",
            "refs/tags/v*, v1.2.0, false",
            "refs/tags/v*, refs/heads/v1.2.0, false",
            "refs/tags/**, refs/tags/releases/2026/q4, true",
            "v*, refs/tags/v1, false",
            "fix/*, fix/ünïcode-é, true",
            "fix/ünïcode-*, fix/ünïcode-é, true",
            "Main, main, false",
            "feature/*.x, feature/a.x, true",
            "feature/*.x, feature/aax, false",
            "dependabot/**, dependabot/npm_and_yarn/lodash-4.17.21, true"})
    void matchesRefs(String pattern, String ref, boolean matches) {
        assertEquals(matches, RefPattern.parse(pattern).matches(GitRef.parse(ref)));
    }

    @ParameterizedTest(name = "{0} covers {1} = {2}")
    @CsvSource({
            "**, main, true",
            "**, feature/**, true",
            "feature/**, feature/*, true",
            "feature/*, feature/**, false",
            "feature/*, feature/x, true",
            "feature/*, feature/x/y, false",
            "*, main, true",
            "*, feature/x, false",
            "main, main, true",
            "main, *, false",
            "*-hotfix, a-*-hotfix, true",
            "refs/tags/*, *, false",
            "refs/tags/**, refs/tags/v*, true"})
    void coverageIsSound(String earlier, String later, boolean covered) {
        assertEquals(covered, RefPattern.parse(later).isCoveredBy(RefPattern.parse(earlier)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"feature/***", "a..b", "a b", "a:b", "a?b", "a[b", "a\\b", "/main", "main/", "main.lock",
            "refs/remotes/origin/main", "feature/.hidden", "main."})
    void invalidPatternsAreRefused(String pattern) {
        assertThrows(IllegalArgumentException.class, () -> RefPattern.parse(pattern));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a..b", "has space", "x~1", "x^", "a:b", "a?", "a*", "a[", "a\\b", "@", "x@{1}", "x.lock",
            "/x", "x/", "a//b", ".hidden", "a/.b", "refs/remotes/origin/x", "bell\u0007"})
    void gitRejectsTheseRefs(String ref) {
        assertThrows(UserInputException.class, () -> GitRef.parse(ref));
    }

    @ParameterizedTest
    @CsvSource({"main, BRANCH, main", "refs/heads/feature/x, BRANCH, feature/x", "refs/tags/v1.0, TAG, v1.0",
            "fix/ünïcode, BRANCH, fix/ünïcode"})
    void refsAreParsed(String text, GitRef.Kind kind, String name) {
        assertEquals(new GitRef(kind, name), GitRef.parse(text));
    }
}
