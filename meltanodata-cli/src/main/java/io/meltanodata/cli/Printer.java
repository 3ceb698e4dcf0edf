package io.meltanodata.cli;

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
        out.print(json ? Json.writePretty(document.get()) + "\n" : text.get());
        out.flush();
    }
}
