package ma.technopark.infra;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An AppCDS archive of one program's classes, kept between its starts: the first start dumps it when the program
 * stops ({@code -XX:ArchiveClassesAtExit}), the next ones map it ({@code -XX:SharedArchiveFile}) and skip loading,
 * parsing and verifying those classes again (bench/README.md has the figures). On JDK 25 or later it is an
 * ahead-of-time cache instead ({@code -XX:AOTCacheOutput}, then {@code -XX:AOTCache}), which also holds the classes
 * already linked and the methods' profiles: the apps answered 11-25% sooner than on JDK 17 with its archives. The
 * archive's name carries a stamp of what it was made from (the program and the JVM), so a rebuilt program or another
 * JVM makes a new archive instead of being silently refused the old one, which is then deleted.
 * <p>
 * The archives belong to the build, not to the data: they live in {@code target/class-archives} at the project's
 * root ({@code ./mvnw clean} removes them with the jars), and {@code ./technopark prepare} (which the run command
 * runs after it builds) dumps them with one training start, so that the very first start of a fresh build maps
 * them too. {@code TECHNOPARK_CLASS_ARCHIVES} names another folder, or {@code none} for no archive at all.
 */
final class ClassArchive {
    static final String VARIABLE = "TECHNOPARK_CLASS_ARCHIVES";
    /** Whether the JVM that runs the programs (this one's, see {@link Processes#javaExecutable}) has AOT caches. */
    static final boolean AOT_CACHE = Runtime.version().feature() >= 25;
    private static final String SUFFIX = AOT_CACHE ? ".aot" : ".jsa";

    private ClassArchive() {
    }

    /** Where the archives of the build under {@code root} are kept; empty when they are switched off. */
    static Optional<Path> folder(Path root) {
        String configured = System.getenv(VARIABLE);
        if (configured == null || configured.isBlank()) {
            return Optional.of(root.resolve("target").resolve("class-archives"));
        }
        return "none".equals(configured.trim()) ? Optional.empty()
                : Optional.of(Path.of(configured.trim()).toAbsolutePath());
    }

    /** The JVM options for the program {@code name} made from {@code source} (its jar, or its class path). */
    static List<String> options(Path dir, String name, String source) {
        try {
            Files.createDirectories(dir);
            Path archive = archive(dir, name, source);
            if (usable(archive)) {
                return mapping(archive);
            }
            deleteOthers(dir, name, archive);
            return dumping(archive);
        } catch (IOException e) {
            return List.of(); // no archive: a slower start, nothing else
        }
    }

    /** The options that map the archive of {@code name} made from {@code source} if there is one, else none. */
    static List<String> existing(Path dir, String name, String source) {
        Path archive = archive(dir, name, source);
        return usable(archive) ? mapping(archive) : List.of();
    }

    private static Path archive(Path dir, String name, String source) {
        String stamp = Integer.toHexString((source + '|' + System.getProperty("java.vm.version")).hashCode());
        return dir.resolve(name + "-" + stamp + SUFFIX);
    }

    private static boolean usable(Path archive) {
        try {
            return Files.isRegularFile(archive) && Files.size(archive) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> mapping(Path archive) {
        return AOT_CACHE ? List.of("-XX:AOTCache=" + archive, "-Xlog:aot*=off", "-Xlog:cds*=off")
                : List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    /** The options that make the program write its archive as it exits (an AOT cache: a second JVM assembles it then). */
    private static List<String> dumping(Path archive) {
        return AOT_CACHE ? List.of("-XX:AOTCacheOutput=" + archive, "-Xlog:aot*=off", "-Xlog:cds*=off")
                : List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    /** Whether these options make the program write an archive as it exits, which can take it several seconds more. */
    static boolean dumps(List<String> options) {
        return options.stream().anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit=") || o.startsWith("-XX:AOTCacheOutput="));
    }

    /**
     * Deletes the archives that earlier versions kept in the data folder ({@code <data>/cds}, 300-400 MB, no longer
     * read): only the {@code .jsa} files, and the folder once empty.
     */
    static void forgetDataFolderArchives(Path dataDir) {
        Path old = dataDir.resolve("cds");
        try {
            deleteAll(old);
            if (Files.isDirectory(old)) {
                try (var left = Files.list(old)) {
                    if (left.findAny().isEmpty()) {
                        Files.delete(old);
                    }
                }
            }
        } catch (IOException e) {
            System.err.println("could not delete the old class archives in " + old + ": " + e.getMessage());
        }
    }

    /** Deletes every archive in {@code dir}. */
    static void deleteAll(Path dir) throws IOException {
        for (String name : list(dir)) {
            Files.deleteIfExists(dir.resolve(name));
        }
    }

    /** The archives in {@code dir}, by file name. */
    static List<String> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(ClassArchive::isArchive).sorted().toList();
        }
    }

    /** An archive of either kind (an AOT cache's assembly leaves a {@code .aot.config} file only while it runs). */
    private static boolean isArchive(String fileName) {
        return fileName.endsWith(".jsa") || fileName.endsWith(".aot");
    }

    private static void deleteOthers(Path dir, String name, Path keep) throws IOException {
        try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, name + "-*")) {
            for (Path file : old) {
                String stamp = file.getFileName().toString().substring(name.length() + 1);
                if (!file.equals(keep) && stamp.matches("[0-9a-f]+\\.(jsa|aot)")) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
