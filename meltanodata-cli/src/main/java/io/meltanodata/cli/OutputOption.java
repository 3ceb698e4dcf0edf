package io.meltanodata.cli;

import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Consumer;

/** The {@code -o FILE} option of the commands that print a result: where the result goes. */
final class OutputOption {
    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write to FILE instead of stdout. A regular file is replaced atomically (an existing one keeps "
                    + "its permissions); a device or FIFO (/dev/null, /dev/stdout) is written to; a symbolic link is followed.")
    Path file;

    /** Where the result goes: stdout, or FILE once it is checked (before the command does its work). */
    Consumer<String> sink(PrintWriter stdout) {
        if (file == null) {
            return content -> {
                stdout.print(content);
                stdout.flush();
            };
        }
        return OutputFile.of("-o", file)::write;
    }
}
