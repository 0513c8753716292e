package ma.technopark.bench;

/** For ad-hoc profiling: a fixed-rate GET from the command line ({@code java -cp ... LoadAccess URL RATE SECONDS}). */
public final class LoadAccess {
    private LoadAccess() {
    }

    public static void main(String[] args) {
        try (OpenLoop loop = new OpenLoop(64)) {
            Load.Latencies l = loop.get(args[0], null, Integer.parseInt(args[1]), java.time.Duration.ofSeconds(Integer.parseInt(args[2])));
            System.out.printf("sent %d failed %d p50 %.3f p99 %.3f ms %s%n", l.sent(), l.failed(), l.p(50), l.p(99), l.statuses());
        }
        System.exit(0);
    }
}
