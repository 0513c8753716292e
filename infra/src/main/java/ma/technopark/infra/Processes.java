package ma.technopark.infra;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Child processes: started, tracked, and never left behind when this JVM exits. */
public final class Processes {
    private static final List<Process> CHILDREN = new CopyOnWriteArrayList<>();

    /** Orderly stops (apps before the broker and the database), run before the children are reaped. */
    private static final List<Runnable> ORDERLY_STOPS = new CopyOnWriteArrayList<>();

    static {
        // One hook, so the orderly stops and the reaping happen in that order: the JVM runs separate hooks at the
        // same time, and a reaper racing them killed the broker under the stopping apps (which then took seconds to
        // give up on it) and killed apps still writing their class archives.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (int i = ORDERLY_STOPS.size() - 1; i >= 0; i--) {
                try {
                    ORDERLY_STOPS.get(i).run();
                } catch (RuntimeException e) {
                    System.err.println("while stopping: " + e.getMessage());
                }
            }
            for (Process p : CHILDREN) {
                p.descendants().forEach(ProcessHandle::destroy);
                p.destroy();
            }
            for (Process p : CHILDREN) {
                try {
                    if (!p.waitFor(15, TimeUnit.SECONDS)) {
                        p.descendants().forEach(ProcessHandle::destroyForcibly);
                        p.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    p.destroyForcibly();
                }
            }
        }, "technopark-stop"));
    }

    private Processes() {
    }

    /**
     * Runs {@code stop} when this JVM exits, before any child still running is reaped; stops registered later run
     * first (register the infrastructure, then the apps on it).
     */
    public static void onExit(Runnable stop) {
        ORDERLY_STOPS.add(stop);
    }

    static void register(Process process) {
        CHILDREN.add(process);
    }

    /** SIGTERM, wait up to the grace period, then SIGKILL. */
    public static void stop(Process process, int graceSeconds) {
        CHILDREN.remove(process);
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** SIGKILL, as a crash would, and wait for the process to be gone. */
    public static void kill(Process process) {
        CHILDREN.remove(process);
        process.destroyForcibly();
        try {
            process.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Deletes a folder and everything in it (nothing when it does not exist). */
    public static void deleteTree(Path dir) throws java.io.IOException {
        if (!java.nio.file.Files.exists(dir)) {
            return;
        }
        try (var walk = java.nio.file.Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(p);
            }
        }
    }

    /**
     * Copies the folder {@code from} to {@code to} (which must not exist) with everything in it, each file and folder
     * keeping its permissions, owner and times: a PostgreSQL data folder must stay its server's user's, mode 0700.
     */
    static void copyTree(Path from, Path to) throws java.io.IOException {
        java.nio.file.Files.createDirectories(to.toAbsolutePath().getParent());
        try (var walk = java.nio.file.Files.walk(from)) {
            for (Path p : walk.toList()) { // parents before their children
                java.nio.file.Files.copy(p, to.resolve(from.relativize(p).toString()), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES,
                        java.nio.file.LinkOption.NOFOLLOW_LINKS);
            }
        }
        // a folder's times change as its children are copied into it; its permissions and owner are what matter
    }

    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
