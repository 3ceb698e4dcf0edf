package io.meltanodata.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The tool's standard output or error, in UTF-8 whatever the locale: JDK 17 would use the platform
 * charset, which under a POSIX locale turns the tree view's box-drawing characters, and any non-ASCII
 * value an error quotes, into {@code ?}. A string of {@value #LARGE} chars or more (a fleet's preview
 * is one string of tens of MB) is written as its bytes in one call instead of through the writer's
 * char buffer and encoder, which for a 20-site fleet's 17 MB took the main thread a quarter of a
 * second after the rendering was done. What was written before it is flushed first, so the order holds.
 */
final class ConsoleWriter extends PrintWriter {
    static final int LARGE = 1 << 16;

    private final OutputStream stream;

    ConsoleWriter(OutputStream stream) {
        super(new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8)), true);
        this.stream = stream;
    }

    @Override
    public void write(String text) {
        if (text.length() < LARGE) {
            super.write(text);
            return;
        }
        synchronized (lock) {
            flush();
            try {
                stream.write(text.getBytes(StandardCharsets.UTF_8));
                stream.flush();
            } catch (IOException e) {
                setError();
            }
        }
    }
}
