package io.meltanodata.projects.meltano;

import java.util.Optional;

/**
 * A schedule in one of Meltano's two shapes: a job schedule ({@code job} + {@code interval}) or a
 * legacy ELT schedule ({@code extractor}, {@code loader}, {@code transform} + {@code interval}).
 *
 * @param broken why it cannot run (it names plugins the project does not define); such a schedule
 *               is listed, and activating it is an error
 */
public record Schedule(String name, Interval interval, Optional<String> job, Optional<String> extractor,
                       Optional<String> loader, Optional<String> transform, Optional<String> broken, String file) {

    public boolean isJobSchedule() {
        return job.isPresent();
    }

    /** The command that runs it: {@code meltano schedule run <name>} works for both shapes. */
    public String command() {
        return "meltano schedule run " + name;
    }
}
