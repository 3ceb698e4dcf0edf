package io.meltanodata.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.meltanodata.components.Json;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.function.Supplier;

/** Prints a command's result as indented JSON or as text. */
final class Printer {

    private Printer() {
    }

    static void print(CommandSpec spec, boolean json, Supplier<Object> document, Supplier<String> text) {
        PrintWriter out = spec.commandLine().getOut();
        try {
            out.print(json ? Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(document.get()) + "\n"
                    : text.get());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("results are plain JSON data", e);
        }
        out.flush();
    }
}
