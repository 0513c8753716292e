package ma.technopark.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import ma.technopark.infra.DevTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The TypeScript client (clients/typescript): generated from the running gateway's document, compiled with
 * tsc --noEmit, then used for one public and one authenticated call.
 */
@ExtendWith(PlatformExtension.class)
class TypeScriptClientSystemTest {

    @Test
    void theClientIsGeneratedFromTheLiveDocumentCompilesAndCallsThePlatform() throws Exception {
        PlatformExtension.awaitMergedDocument();
        Path client = PlatformExtension.platform().root().resolve("clients/typescript");
        String document = PlatformExtension.gateway() + "/q/openapi?format=json";
        Files.createDirectories(client.resolve("src/generated"));
        Tool.Result generate = Tool.run(client, Duration.ofMinutes(2), "node_modules/.bin/openapi-typescript", document,
                "-o", "src/generated/schema.d.ts");
        assertEquals(0, generate.exitCode(), generate.output());
        String types = Files.readString(client.resolve("src/generated/schema.d.ts"));
        for (String path : new String[] {"\"/api/v1/sites/{id}\"", "\"/api/v1/startups\"", "\"/api/v1/programmes\"",
            "\"/api/v1/network/dashboard\""}) {
            org.junit.jupiter.api.Assertions.assertTrue(types.contains(path), path + " is in the generated types");
        }

        Tool.Result check = Tool.run(client, Duration.ofMinutes(3), "node_modules/.bin/tsc", "--noEmit", "-p", ".");
        assertEquals(0, check.exitCode(), "tsc --noEmit:\n" + check.output());
        Tool.Result build = Tool.run(client, Duration.ofMinutes(3), "node_modules/.bin/tsc", "-p", ".");
        assertEquals(0, build.exitCode(), build.output());

        Tool.Result smoke = Tool.run(client, Duration.ofMinutes(1), "node", "build/smoke.js", PlatformExtension.gateway(),
                DevTokens.admin());
        assertEquals(0, smoke.exitCode(), smoke.output());
        JsonNode result = new ObjectMapper().readTree(smoke.output().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow());
        assertEquals(200, result.at("/public/status").asInt());
        assertEquals(10, result.at("/public/targetCities").asInt());
        assertEquals(200, result.at("/authenticated/status").asInt());
        assertEquals(5, result.at("/authenticated/items").asInt());
        assertEquals(401, result.at("/anonymous/status").asInt());
    }
}
