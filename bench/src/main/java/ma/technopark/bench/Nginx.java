package ma.technopark.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import ma.technopark.infra.Ports;

/** Debian's nginx as the comparator: a keep-alive reverse proxy in front of one backend, two workers. */
final class Nginx implements AutoCloseable {
    private final Process process;
    private final int port;

    private Nginx(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Nginx proxyTo(Path dir, int backendPort) {
        int port = Ports.free();
        String conf = """
                daemon off;
                worker_processes 2;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 4096; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    upstream backend {
                        server 127.0.0.1:%2$d;
                        keepalive 128;
                    }
                    server {
                        listen 127.0.0.1:%3$d;
                        keepalive_requests 1000000;
                        location / {
                            proxy_pass http://backend;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                            proxy_set_header Host $host;
                            proxy_set_header X-Forwarded-For $remote_addr;
                        }
                    }
                }
                """.formatted(dir, backendPort, port);
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("nginx.conf");
            Files.writeString(file, conf);
            Process p = new ProcessBuilder("nginx", "-p", dir.toString(), "-c", file.toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("nginx.out").toFile()).start();
            Nginx nginx = new Nginx(p, port);
            for (int i = 0; i < 100; i++) {
                try (var socket = new java.net.Socket("127.0.0.1", port)) {
                    return nginx;
                } catch (IOException notYet) {
                    Load.sleep(50);
                }
            }
            throw new IllegalStateException("nginx did not start; see " + dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The master process; its workers are its children. */
    ProcessHandle process() {
        return process.toHandle();
    }

    static String version() {
        return Processes.run(java.time.Duration.ofSeconds(10), "nginx", "-v").strip();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
