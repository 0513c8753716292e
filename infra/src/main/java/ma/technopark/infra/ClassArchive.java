package ma.technopark.infra;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An AppCDS archive of one program's classes, kept between its starts: the first start dumps it when the program
 * stops ({@code -XX:ArchiveClassesAtExit}), the next ones map it ({@code -XX:SharedArchiveFile}) and skip loading,
 * parsing and verifying those classes again (bench/README.md has the figures). The archive's name carries a stamp of
 * what it was made from (the program and the JVM), so a rebuilt program or another JVM makes a new archive instead
 * of being silently refused the old one, which is then deleted.
 */
final class ClassArchive {
    private ClassArchive() {
    }

    /** The JVM options for the program {@code name} made from {@code source} (its jar, or its class path). */
    static List<String> options(Path dir, String name, String source) {
        try {
            Files.createDirectories(dir);
            String stamp = Integer.toHexString((source + '|' + System.getProperty("java.vm.version")).hashCode());
            Path archive = dir.resolve(name + "-" + stamp + ".jsa");
            if (Files.isRegularFile(archive) && Files.size(archive) > 0) {
                return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
            }
            deleteOthers(dir, name, archive);
            return List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
        } catch (IOException e) {
            return List.of(); // no archive: a slower start, nothing else
        }
    }

    private static void deleteOthers(Path dir, String name, Path keep) throws IOException {
        try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, name + "-*.jsa")) {
            for (Path file : old) {
                String stamp = file.getFileName().toString().substring(name.length() + 1);
                if (!file.equals(keep) && stamp.matches("[0-9a-f]+\\.jsa")) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
