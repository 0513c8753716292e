package ma.technopark.platform.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UnconvertedParameterTest {
    enum Colour { RED, GREEN }

    @Test
    void judgesTheTypesQuarkusRestConverts() {
        assertFalse(UnconvertedParameter.converts(Integer.class, "many"));
        assertTrue(UnconvertedParameter.converts(int.class, "20"));
        assertFalse(UnconvertedParameter.converts(UUID.class, "not-a-uuid"));
        assertFalse(UnconvertedParameter.converts(LocalDate.class, "2026-02-30"));
        assertTrue(UnconvertedParameter.converts(LocalDate.class, "2026-02-28"));
        assertFalse(UnconvertedParameter.converts(Colour.class, "BLUE"));
        assertFalse(UnconvertedParameter.converts(Colour.class, "red"), "enum names are case-sensitive: JAX-RS converts them with valueOf");
        assertTrue(UnconvertedParameter.converts(Colour.class, "GREEN"));
    }

    @Test
    void takesATypeItCannotJudgeAsConverted() {
        assertTrue(UnconvertedParameter.converts(String.class, "anything"));
        assertTrue(UnconvertedParameter.converts(StringBuilder.class, "anything"));
    }

    @Test
    void listsAnEnumsValuesOnly() {
        assertEquals("RED, GREEN", new UnconvertedParameter("colour", Colour.class).accepted());
        assertEquals("", new UnconvertedParameter("limit", Integer.class).accepted());
    }

    @Test
    void showsAValueOfTheExpectedFormatThatConverts() {
        for (Class<?> type : java.util.List.of(Integer.class, long.class, UUID.class, LocalDate.class,
                java.time.Instant.class, java.time.OffsetDateTime.class, java.time.YearMonth.class)) {
            String example = new UnconvertedParameter("p", type).example();
            assertFalse(example.isEmpty(), type.getName());
            assertTrue(UnconvertedParameter.converts(type, example), type.getName());
        }
        assertEquals("", new UnconvertedParameter("colour", Colour.class).example());
        assertEquals("", new UnconvertedParameter("q", String.class).example());
    }
}
