package io.meltanodata.projects.meltano;

import java.util.List;

/** A Meltano job: a name and its tasks (each a {@code meltano run} block string). */
public record Job(String name, List<String> tasks, String file) {
    public Job {
        tasks = List.copyOf(tasks);
    }
}
