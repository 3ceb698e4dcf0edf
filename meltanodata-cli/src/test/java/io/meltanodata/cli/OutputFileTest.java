package io.meltanodata.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.meltanodata.cli.InspectCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What {@code -o FILE} and {@code --plot FILE} do to each kind of target (issue 28): replace a
 * regular file atomically, write to a device, FIFO or socket, follow a symbolic link, refuse a
 * directory or a missing parent. The devices are made with mknod in a temporary folder, never the
 * machine's own /dev: CI runs these tests as root.
 */
class OutputFileTest {
    private static final String FABRIC = CostCommandTest.FABRIC;
    private static final int TYPE = 0170000;
    private static final int REGULAR = 0100000;
    private static final int CHARACTER_DEVICE = 0020000;
    private static final int FIFO = 0010000;
    private static final int SOCKET = 0140000;

    private static String expected;

    @BeforeAll
    static void renderToStdout() {
        InspectCommandTest.Run run = run("preview", FABRIC, "--format", "json");
        assertEquals(0, run.exit(), run.err());
        expected = run.out();
    }

    private static InspectCommandTest.Run preview(Path output) {
        return run("preview", FABRIC, "--format", "json", "-o", output.toString());
    }

    @Test
    void aNewFileIsWrittenWithTheUmasksModeAndNoTemporaryFileIsLeft(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("preview.json");

        InspectCommandTest.Run run = preview(file);

        assertEquals(0, run.exit(), run.err());
        assertEquals(expected, Files.readString(file));
        assertEquals(0666 & ~umask(), mode(file), "a new file's mode comes from the umask, not 600: nothing written is secret");
        assertEquals(List.of(file), list(dir));
    }

    @Test
    void anExistingFileIsReplacedAtomicallyAndKeepsMode640(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("preview.json"), "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        Object before = Files.readAttributes(file, BasicFileAttributes.class).fileKey();

        InspectCommandTest.Run run = preview(file);

        assertEquals(0, run.exit(), run.err());
        assertEquals(expected, Files.readString(file));
        assertEquals(0640, mode(file));
        assertNotEquals(before, Files.readAttributes(file, BasicFileAttributes.class).fileKey(),
                "replaced by a rename (a new inode), never truncated and rewritten in place");
        assertEquals(List.of(file), list(dir));
    }

    @Test
    void anExistingFileKeepsItsOwnerAndGroupWhenRootReplacesIt(@TempDir Path dir) throws IOException {
        requireRoot("giving a file to another user");
        Path file = Files.writeString(dir.resolve("preview.json"), "old");
        UserPrincipalLookupService users = file.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(file, users.lookupPrincipalByName("4321"));
        Files.getFileAttributeView(file, PosixFileAttributeView.class)
                .setGroup(users.lookupPrincipalByGroupName("4321"));

        InspectCommandTest.Run run = preview(file);

        assertEquals(0, run.exit(), run.err());
        assertEquals(expected, Files.readString(file));
        assertEquals(List.of(4321, 4321), List.of(Files.getAttribute(file, "unix:uid"), Files.getAttribute(file, "unix:gid")));
    }

    @Test
    void aCharacterDeviceIsWrittenToNotReplaced(@TempDir Path dir) throws IOException {
        Path nul = mknod(dir.resolve("null"), 1, 3);
        Object device = Files.getAttribute(nul, "unix:rdev");

        InspectCommandTest.Run run = preview(nul);

        assertEquals(0, run.exit(), run.err());
        assertEquals(CHARACTER_DEVICE, type(nul));
        assertEquals(device, Files.getAttribute(nul, "unix:rdev"));
        assertEquals(List.of(nul), list(dir));
    }

    @Test
    void aFullDeviceGetsTheWriteAndItsErrorIsOneLine(@TempDir Path dir) throws IOException {
        Path full = mknod(dir.resolve("full"), 1, 7);

        InspectCommandTest.Run run = preview(full);

        assertEquals(ExitCodes.INVALID_INPUT, run.exit());
        assertEquals("error: " + full + ": cannot write (No space left on device)\n", run.err(),
                "only a write to the device itself fails with ENOSPC");
        assertEquals(CHARACTER_DEVICE, type(full));
        assertEquals(List.of(full), list(dir));
    }

    @Test
    void aFifoIsWrittenToWhileAnotherProcessReadsIt(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("fifo");
        exec("mkfifo", fifo.toString());
        Process cat = new ProcessBuilder("cat", fifo.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(cat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });

            InspectCommandTest.Run run = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> preview(fifo),
                    "opening the FIFO waits for its reader; cat is reading it");

            assertEquals(0, run.exit(), run.err());
            assertTrue(cat.waitFor(10, TimeUnit.SECONDS), "cat still waits for a writer: the FIFO was replaced, not written to");
            assertEquals(expected, read.get(10, TimeUnit.SECONDS));
            assertEquals(FIFO, type(fifo));
        } finally {
            cat.destroyForcibly();
        }
    }

    @Test
    void aSocketIsNotReplacedAndTheRefusalIsOneLine(@TempDir Path dir) throws IOException {
        Path socket = dir.resolve("socket");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));

            InspectCommandTest.Run run = preview(socket);

            // Unix opens no socket as a file (ENXIO), for any tool; what matters is that it stays a socket.
            assertEquals(ExitCodes.INVALID_INPUT, run.exit());
            assertEquals("error: " + socket + ": cannot write (No such device or address)\n", run.err());
            assertEquals(SOCKET, type(socket));
        }
    }

    @Test
    void aLinkToAFileIsFollowedAndStaysALink(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("real.json"), "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), Path.of("real.json"));

        InspectCommandTest.Run run = preview(link);

        assertEquals(0, run.exit(), run.err());
        assertEquals(Path.of("real.json"), Files.readSymbolicLink(link));
        assertEquals(expected, Files.readString(file));
        assertEquals(0640, mode(file));
        assertEquals(List.of(link, file), list(dir));
    }

    @Test
    void aLinkToADeviceIsFollowedAndBothStay(@TempDir Path dir) throws IOException {
        Path nul = mknod(dir.resolve("null"), 1, 3);
        Path link = Files.createSymbolicLink(dir.resolve("out"), nul);

        InspectCommandTest.Run run = preview(link);

        assertEquals(0, run.exit(), run.err());
        assertEquals(nul, Files.readSymbolicLink(link));
        assertEquals(CHARACTER_DEVICE, type(nul));
        assertEquals(List.of(nul, link), list(dir));
    }

    /** {@code /dev/stdout} is a link to {@code /proc/self/fd/1}; one made in a temporary folder stands in for it. */
    @Test
    void devStdoutWritesToTheProcesssStdout(@TempDir Path dir) throws Exception {
        Path stdout = Files.createSymbolicLink(dir.resolve("stdout"), Path.of("/proc/self/fd/1"));
        Process cli = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), MeltanoDataCli.class.getName(),
                "preview", FABRIC, "--format", "json", "-o", stdout.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();

        String printed = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertTrue(cli.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, cli.exitValue());
        assertEquals(expected, printed, "written into the pipe the process's stdout is");
        assertTrue(Files.isSymbolicLink(stdout));
    }

    @Test
    void aDirectoryIsAOneLineErrorAndNothingIsWritten(@TempDir Path dir) throws IOException {
        Path target = Files.createDirectory(dir.resolve("out"));

        InspectCommandTest.Run run = preview(target);

        assertEquals(ExitCodes.INVALID_INPUT, run.exit());
        assertEquals("error: " + target + ": is a directory; -o takes a file\n", run.err());
        assertEquals("", run.out());
        assertTrue(Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS));
        assertEquals(List.of(target), list(dir));
        assertEquals(List.of(), list(target));
    }

    @Test
    void aMissingParentIsAOneLineErrorAndNothingIsWritten(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("missing/preview.json");

        InspectCommandTest.Run run = preview(target);

        assertEquals(ExitCodes.INVALID_INPUT, run.exit());
        assertEquals("error: " + target + ": directory " + dir.resolve("missing") + " does not exist\n", run.err());
        assertEquals(List.of(), list(dir));
    }

    @Test
    void aLinkToNothingIsAnErrorAndCreatesNothing(@TempDir Path dir) throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), Path.of("gone.json"));

        InspectCommandTest.Run run = preview(link);

        assertEquals(ExitCodes.INVALID_INPUT, run.exit());
        assertEquals("error: " + link + ": is a symbolic link to gone.json, which does not exist; "
                + "-o follows links only to existing files\n", run.err());
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(List.of(link), list(dir));
    }

    @Test
    void costWritesItsBillWithDashO(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bill.txt");

        InspectCommandTest.Run run = run("cost", FABRIC, "-o", file.toString());

        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.out());
        assertTrue(Files.readString(file).startsWith("Layer 1 service-fabric dev: $"), Files.readString(file));
        assertEquals(run("cost", FABRIC).out(), Files.readString(file), "the file holds exactly the bill cost prints");
        assertTrue(run("cost", "--help").out().contains("-o, --output=FILE"));
    }

    @Test
    void costsPlotIsWrittenLikeDashO(@TempDir Path dir) throws IOException {
        Path nul = mknod(dir.resolve("null"), 1, 3);
        InspectCommandTest.Run toDevice = run("cost", FABRIC, "--plot", nul.toString());
        assertEquals(0, toDevice.exit(), toDevice.err());
        assertEquals(CHARACTER_DEVICE, type(nul));

        Path directory = Files.createDirectory(dir.resolve("plots"));
        InspectCommandTest.Run toDirectory = run("cost", FABRIC, "--plot", directory.toString());
        assertEquals(ExitCodes.INVALID_INPUT, toDirectory.exit());
        assertEquals("error: " + directory + ": is a directory; --plot takes a file\n", toDirectory.err());
        assertEquals("", toDirectory.out(), "checked before the bill is printed");
        assertTrue(Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS));

        Path svg = dir.resolve("cost.svg");
        InspectCommandTest.Run toFile = run("cost", FABRIC, "--plot", svg.toString());
        assertEquals(0, toFile.exit(), toFile.err());
        assertTrue(Files.readString(svg).startsWith("<svg"), Files.readString(svg));
        assertEquals(REGULAR, type(svg));
    }

    private static Path mknod(Path path, int major, int minor) throws IOException {
        requireRoot("mknod " + path + " c " + major + " " + minor);
        exec("mknod", path.toString(), "c", String.valueOf(major), String.valueOf(minor));
        return path;
    }

    private static void requireRoot(String what) throws IOException {
        Path probe = Files.createTempFile("uid", "");
        try {
            if ((int) Files.getAttribute(probe, "unix:uid") != 0) {
                fail(what + " needs root (or CAP_MKNOD and CAP_CHOWN); CI runs these tests as root, run them so too");
            }
        } finally {
            Files.delete(probe);
        }
    }

    private static void exec(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                fail(String.join(" ", command) + " failed here, so this test cannot make its target: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static int umask() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Umask:"))
                .map(l -> Integer.parseInt(l.substring("Umask:".length()).strip(), 8)).findFirst()
                .orElseThrow(() -> new AssertionError("no Umask line in /proc/self/status"));
    }

    private static int type(Path path) throws IOException {
        return (int) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & TYPE;
    }

    private static int mode(Path path) throws IOException {
        return (int) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}
