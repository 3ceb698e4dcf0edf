package io.meltanodata.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ConsoleWriterTest {

    @Test
    void smallAndLargeStringsComeOutInOrderAsUtf8() {
        String tree = "├── fabric dev\n";
        String large = "{\"stacks\": \"" + "é".repeat(ConsoleWriter.LARGE) + "\"}";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleWriter out = new ConsoleWriter(bytes);
        out.print(tree);
        out.print(large);
        out.println("└── done");
        out.print(large);
        out.flush();
        String expected = tree + large + "└── done" + System.lineSeparator() + large;
        assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), bytes.toByteArray());
        assertFalse(out.checkError());
    }
}
