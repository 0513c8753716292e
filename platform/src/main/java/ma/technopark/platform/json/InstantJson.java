package ma.technopark.platform.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * Instants written as ISO-8601 in UTC, character for character what Jackson's {@code InstantSerializer} writes
 * ({@link DateTimeFormatter#ISO_INSTANT}: seconds always, the fraction in groups of three digits as needed), without
 * going through a {@code DateTimeFormatter}. Every view carries two or more instants, and the formatter's
 * field-by-field printing was 8% of a service's CPU serving a page of 20 startups (bench/README.md, "Read
 * throughput (2)"). Years outside 0000-9999 (never seen in practice) fall back to the formatter.
 */
@Singleton
public class InstantJson implements ObjectMapperCustomizer {
    private static final long SECONDS_PER_DAY = 86_400;
    /** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z in epoch seconds. */
    private static final long MIN = -62_167_219_200L;
    private static final long MAX = 253_402_300_800L;

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("technopark-instants").addSerializer(Instant.class, new Serializer()));
    }

    @Override
    public int priority() {
        return MINIMUM_PRIORITY; // after the modules Quarkus registers: the last module registered wins
    }

    /** The text Jackson writes for an instant. */
    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < MIN || seconds >= MAX) {
            return DateTimeFormatter.ISO_INSTANT.format(instant);
        }
        char[] out = new char[30];
        return new String(out, 0, write(out, seconds, instant.getNano()));
    }

    private static int write(char[] out, long epochSecond, int nano) {
        long day = Math.floorDiv(epochSecond, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(epochSecond, SECONDS_PER_DAY);
        // days to a civil date (Howard Hinnant's algorithm, proleptic Gregorian as java.time)
        long z = day + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long monthIndex = (5 * dayOfYear + 2) / 153;
        int dayOfMonth = (int) (dayOfYear - (153 * monthIndex + 2) / 5 + 1);
        int month = (int) (monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        digits(out, 0, year, 4);
        out[4] = '-';
        digits(out, 5, month, 2);
        out[7] = '-';
        digits(out, 8, dayOfMonth, 2);
        out[10] = 'T';
        digits(out, 11, secondOfDay / 3600, 2);
        out[13] = ':';
        digits(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        digits(out, 17, secondOfDay % 60, 2);
        int at = 19;
        if (nano != 0) {
            out[at++] = '.';
            if (nano % 1_000_000 == 0) {
                digits(out, at, nano / 1_000_000, 3);
                at += 3;
            } else if (nano % 1000 == 0) {
                digits(out, at, nano / 1000, 6);
                at += 6;
            } else {
                digits(out, at, nano, 9);
                at += 9;
            }
        }
        out[at++] = 'Z';
        return at;
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    static final class Serializer extends StdSerializer<Instant> {
        private static final long serialVersionUID = 1L;

        Serializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(format(value));
        }
    }
}
