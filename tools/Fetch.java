import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;

/**
 * Downloads one file and checks it against its Subresource Integrity digest ({@code sha512-<base64>}, as the npm
 * registry gives them), with nothing but the JDK: {@code java tools/Fetch.java URL INTEGRITY FILE}. The file appears
 * only once checked. tools/setup.sh uses it to fetch Node.js and npm from the npm registry on a machine that has
 * neither (nor, perhaps, curl).
 */
public final class Fetch {
    private Fetch() {
    }

    public static void main(String[] args) throws IOException, InterruptedException, NoSuchAlgorithmException {
        if (args.length != 3 || !args[1].startsWith("sha512-")) {
            System.err.println("usage: java Fetch.java URL sha512-<base64> FILE");
            System.exit(2);
        }
        URI url = URI.create(args[0]);
        byte[] expected = Base64.getDecoder().decode(args[1].substring("sha512-".length()));
        Path target = Path.of(args[2]).toAbsolutePath();
        Path partial = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        try {
            HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(30)).build();
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(10)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                throw new IOException(url + " answered " + response.statusCode());
            }
            MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
            try (InputStream in = response.body(); var out = Files.newOutputStream(partial)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    sha512.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            if (!MessageDigest.isEqual(expected, sha512.digest())) {
                throw new IOException(url + " does not match its pinned digest " + args[1]);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
