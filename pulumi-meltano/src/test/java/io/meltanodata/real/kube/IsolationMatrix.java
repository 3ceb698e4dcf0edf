package io.meltanodata.real.kube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of the tenant-isolation matrix: each a real request, what the suite expected and what
 * the API server answered. Written as Markdown; mismatches are listed first.
 */
final class IsolationMatrix {
    record Row(String principal, String verb, String resource, String namespace, String expected, Verdict actual) {
        boolean matches() {
            return expected.equals(actual.outcome());
        }
    }

    private final List<Row> rows = new ArrayList<>();

    synchronized Row add(Principal principal, ApiRequest request, String expected, Verdict actual) {
        Row row = new Row(principal.label(), request.verb(), request.what(), request.namespace(), expected, actual);
        rows.add(row);
        return row;
    }

    synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    List<Row> mismatches() {
        return rows().stream().filter(r -> !r.matches()).toList();
    }

    long count(boolean denied) {
        return rows().stream().filter(Row::matches).filter(r -> r.expected().startsWith("denied") == denied).count();
    }

    String summary() {
        return count(true) + " denied as expected, " + count(false) + " allowed as expected, " + mismatches().size() + " mismatches";
    }

    void write(Path file, List<String> preamble) {
        StringBuilder md = new StringBuilder("# Tenant isolation matrix\n\n");
        preamble.forEach(line -> md.append(line).append('\n'));
        md.append('\n').append(summary()).append(".\n\n");
        md.append("| principal | verb | resource | namespace | expected | actual | reason |\n|---|---|---|---|---|---|---|\n");
        List<Row> ordered = new ArrayList<>(mismatches());
        rows().stream().filter(Row::matches).forEach(ordered::add);
        for (Row r : ordered) {
            md.append("| ").append(cell(r.principal())).append(" | ").append(r.verb()).append(" | ").append(cell(r.resource()))
                    .append(" | ").append(r.namespace().isEmpty() ? "(cluster)" : r.namespace())
                    .append(" | ").append(r.expected()).append(" | ").append(r.matches() ? "" : "**MISMATCH** ")
                    .append(r.actual().outcome()).append(" | ").append(cell(r.actual().reason())).append(" |\n");
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, md.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String cell(String text) {
        String flat = text.replace('\n', ' ').replace("|", "\\|");
        return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
    }
}
