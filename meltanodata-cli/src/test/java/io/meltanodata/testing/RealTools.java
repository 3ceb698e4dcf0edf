package io.meltanodata.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real components of the {@code -Preal} suites, built once by {@code scripts/real-tools.sh}
 * and cached outside the repository. A test asks for the tools it drives and gets the bin folder
 * holding them; the first call on a fresh machine builds them (minutes), later calls only check.
 */
public final class RealTools {

    private RealTools() {
    }

    /** The repository root: Failsafe passes it; from an IDE, the working directory's ancestors. */
    public static Path repositoryRoot() {
        String property = System.getProperty("meltanodata.root");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("scripts/real-tools.sh"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("scripts/real-tools.sh not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** Builds (if not cached) the named tools and returns the bin folder that links to them. */
    public static synchronized Path bin(String... tools) {
        List<String> command = new ArrayList<>(List.of("bash", repositoryRoot().resolve("scripts/real-tools.sh").toString()));
        command.addAll(List.of(tools));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException("scripts/real-tools.sh " + String.join(" ", tools) + " exited " + exit);
            }
            return Path.of(out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run scripts/real-tools.sh", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the real tools", e);
        }
    }

    /** A property of the repository's parent pom, such as the SDK versions the layers build with. */
    public static String pomProperty(String name) {
        Path pom = repositoryRoot().resolve("pom.xml");
        try {
            var document = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
            var properties = document.getDocumentElement().getElementsByTagName("properties").item(0);
            var nodes = ((org.w3c.dom.Element) properties).getElementsByTagName(name);
            if (nodes.getLength() == 0) {
                throw new IllegalStateException(pom + " has no property " + name);
            }
            return nodes.item(0).getTextContent().trim();
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException | IOException e) {
            throw new IllegalStateException("cannot read " + name + " from " + pom, e);
        }
    }
}
