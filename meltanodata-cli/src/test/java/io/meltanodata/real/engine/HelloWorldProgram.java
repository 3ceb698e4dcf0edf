package io.meltanodata.real.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The hello-world Pulumi Java program of the test resources' {@code hello-world/}, built into a
 * project directory as a jar whose manifest puts a layer's jar on its class path: the same Pulumi
 * Java SDK classes, loaded by the same JVM, run by the same CLI and language host as the layer.
 */
final class HelloWorldProgram {
    private HelloWorldProgram() {
    }

    /** Builds the project into {@code dir} against {@code sdkJar}; returns {@code dir}. */
    static Path build(Path dir, Path sdkJar) {
        try {
            Path classes = Files.createDirectories(dir.resolve("classes"));
            Path source = copy("HelloWorld.java", dir);
            copy("Pulumi.yaml", dir);
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            int exit = javac.run(null, null, null, "--release", "17", "-cp", sdkJar.toString(), "-d", classes.toString(),
                    source.toString());
            if (exit != 0) {
                throw new AssertionError("javac HelloWorld.java against " + sdkJar + " exited " + exit);
            }
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "HelloWorld");
            manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, dir.relativize(sdkJar).toString());
            try (OutputStream out = Files.newOutputStream(dir.resolve("hello-world.jar"));
                 JarOutputStream jar = new JarOutputStream(out, manifest)) {
                jar.putNextEntry(new JarEntry("HelloWorld.class"));
                Files.copy(classes.resolve("HelloWorld.class"), jar);
                jar.closeEntry();
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path copy(String resource, Path dir) throws IOException {
        try (InputStream in = HelloWorldProgram.class.getResourceAsStream("/hello-world/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("test resource hello-world/" + resource + " is missing");
            }
            Path target = dir.resolve(resource);
            Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return target;
        }
    }
}
