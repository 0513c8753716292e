package ma.technopark.platform.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast instant serializer writes exactly what Jackson's own one writes (as configured by Quarkus). */
class InstantJsonTest {
    private final ObjectMapper jackson = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final ObjectMapper ours = jackson.copy();

    InstantJsonTest() {
        new InstantJson().customize(ours);
    }

    @Test
    void edgesAsJacksonWritesThem() throws Exception {
        for (String text : List.of("2026-11-28T13:26:44.873323Z", "2026-11-28T00:00:00Z", "1970-01-01T00:00:00Z",
                "1969-12-31T23:59:59.999999999Z", "2000-02-29T12:00:00.100Z", "2100-03-01T00:00:00.000001Z",
                "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z", "1600-02-29T23:59:59.000000010Z")) {
            Instant instant = Instant.parse(text);
            assertSame(instant);
            assertEquals(text, InstantJson.format(instant));
        }
        assertSame(Instant.MIN);
        assertSame(Instant.MAX);
        assertSame(Instant.parse("+10000-01-01T00:00:00Z"));
        assertSame(Instant.parse("-0001-12-31T23:59:59Z"));
    }

    @Test
    void randomInstantsAsJacksonWritesThem() throws Exception {
        SplittableRandom random = new SplittableRandom(20261128);
        for (int i = 0; i < 200_000; i++) {
            long seconds = random.nextLong(-62_167_219_200L - 1000, 253_402_300_800L + 1000);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            assertSame(Instant.ofEpochSecond(seconds, nano));
        }
    }

    @Test
    void insideObjectsAndNulls() throws Exception {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("at", Instant.parse("2026-11-28T13:26:44.873Z"));
        body.put("none", null);
        body.put("list", List.of(Instant.EPOCH));
        assertEquals(jackson.writeValueAsString(body), ours.writeValueAsString(body));
    }

    private void assertSame(Instant instant) throws Exception {
        assertEquals(jackson.writeValueAsString(instant), ours.writeValueAsString(instant), instant::toString);
        assertEquals(DateTimeFormatter.ISO_INSTANT.format(instant), InstantJson.format(instant));
    }
}
