package ma.technopark.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassArchiveTest {
    /** JDK 17's AppCDS options, or JDK 25's AOT cache options when the build runs on it. */
    private static final String DUMP = ClassArchive.AOT_CACHE ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=";
    private static final String MAP = ClassArchive.AOT_CACHE ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=";

    @TempDir
    Path dir;

    @Test
    void dumpsOnTheFirstStartThenMapsAndReplacesTheArchiveOfAnOlderBuild() throws Exception {
        List<String> first = ClassArchive.options(dir, "sites-service", "build 1");
        Path archive = Path.of(first.get(0).substring(DUMP.length()));
        assertTrue(first.get(0).startsWith(DUMP), first.toString());

        Files.writeString(archive, "classes"); // what the JVM writes when the app stops
        List<String> second = ClassArchive.options(dir, "sites-service", "build 1");
        assertEquals(MAP + archive, second.get(0));

        Files.writeString(dir.resolve("sites-service-gateway-notes.jsa"), "not ours"); // another name, kept
        List<String> rebuilt = ClassArchive.options(dir, "sites-service", "build 2");
        assertTrue(rebuilt.get(0).startsWith(DUMP), rebuilt.toString());
        assertFalse(Files.exists(archive), "the older build's archive is deleted");
        assertTrue(Files.exists(dir.resolve("sites-service-gateway-notes.jsa")));
    }

    @Test
    void anEmptyArchiveLeftByAKilledDumpIsMadeAgain() throws Exception {
        List<String> first = ClassArchive.options(dir, "gateway", "build 1");
        Files.createFile(Path.of(first.get(0).substring(DUMP.length())));
        assertEquals(first, ClassArchive.options(dir, "gateway", "build 1"));
    }

    @Test
    void aOneOffToolMapsAnExistingArchiveButNeverDumpsOne() throws Exception {
        assertEquals(List.of(), ClassArchive.existing(dir, "kafka-broker", "classpath 1"), "no archive yet: none, no dump");
        List<String> broker = ClassArchive.options(dir, "kafka-broker", "classpath 1");
        Files.writeString(Path.of(broker.get(0).substring(DUMP.length())), "classes");
        assertEquals(ClassArchive.options(dir, "kafka-broker", "classpath 1"), ClassArchive.existing(dir, "kafka-broker",
                "classpath 1"));
        assertTrue(ClassArchive.existing(dir, "kafka-broker", "classpath 1").get(0).startsWith(MAP));
    }

    @Test
    void theArchivesEarlierVersionsKeptInTheDataFolderAreDeletedAndNothingElse() throws Exception {
        Path old = Files.createDirectories(dir.resolve("cds"));
        Files.writeString(old.resolve("sites-service-1a2b.jsa"), "classes");
        ClassArchive.forgetDataFolderArchives(dir);
        assertFalse(Files.exists(old), "the emptied folder goes too");

        Files.createDirectories(old);
        Files.writeString(old.resolve("gateway-3c4d.jsa"), "classes");
        Files.writeString(old.resolve("notes.txt"), "a user's file");
        ClassArchive.forgetDataFolderArchives(dir);
        assertFalse(Files.exists(old.resolve("gateway-3c4d.jsa")));
        assertTrue(Files.exists(old.resolve("notes.txt")), "anything else is left alone");

        ClassArchive.forgetDataFolderArchives(dir.resolve("never-started")); // no folder: nothing to do
    }

    @Test
    void bothKindsAreListedAndADumpIsToldFromAMapping() throws Exception {
        Files.writeString(dir.resolve("gateway-1a2b.jsa"), "classes");
        Files.writeString(dir.resolve("sites-service-3c4d.aot"), "classes");
        Files.writeString(dir.resolve("sites-service-3c4d.aot.config"), "an AOT cache being assembled");
        assertEquals(List.of("gateway-1a2b.jsa", "sites-service-3c4d.aot"), ClassArchive.list(dir));

        assertTrue(ClassArchive.dumps(ClassArchive.options(dir, "programs-service", "build 1")));
        assertTrue(ClassArchive.dumps(List.of("-XX:AOTCacheOutput=x.aot")));
        assertFalse(ClassArchive.dumps(List.of("-XX:SharedArchiveFile=x.jsa", "-Xlog:cds=off")));
        assertFalse(ClassArchive.dumps(List.of()));
    }
}
