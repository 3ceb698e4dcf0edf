package io.meltanodata.lifecycle;

import com.pulumi.automation.AutomationException;

/** Pulls Pulumi's own one-line error out of an Automation API failure, which carries the CLI's whole output. */
final class PulumiErrors {
    private PulumiErrors() {
    }

    static String firstError(AutomationException e) {
        String message = String.valueOf(e.getMessage());
        return message.lines().filter(l -> l.contains("error:"))
                .map(l -> l.substring(l.indexOf("error:") + "error:".length()).strip()).findFirst()
                .orElse(message.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("no output"));
    }
}
