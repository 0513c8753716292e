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

    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
