package ma.technopark.platform.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class ProblemLanguageTest {
    @Test
    void aPatternsLiteralPrefixStopsBeforeWhatMayNotBeThere() {
        assertEquals("must be at least ", ProblemLanguage.literalPrefix("must be at least (\\d+)"));
        assertEquals("A", ProblemLanguage.literalPrefix("An? (\\S+(?: \\S+)?) cannot go from (\\S+) to (\\S+)"));
        assertEquals("Unknown query parameter", ProblemLanguage.literalPrefix("Unknown query parameter\\(s\\): (.+?)"));
        assertEquals("ab", ProblemLanguage.literalPrefix("abc*d"));
        assertEquals("ab", ProblemLanguage.literalPrefix("abc{2}"));
        assertEquals("", ProblemLanguage.literalPrefix("(.+) is not a known site"));
        assertEquals("", ProblemLanguage.literalPrefix("is taken|is free"));
        assertEquals("the slot is in the past", ProblemLanguage.literalPrefix("the slot is in the past"));
    }

    @Test
    void translatesAsTryingEveryPatternOfTheCatalogWould() throws Exception {
        String[] details = {"A startup cannot go from INCUBATED to IDEA", "An application cannot go from ACCEPTED to SUBMITTED",
                "Unknown query parameter(s): colour; accepted: limit, cursor", "the slot is in the past", "must be at least 3",
                "Site CAS has no room for 4 seat(s) from 2027-01-04", "nothing the catalog knows"};
        for (Locale language : ProblemLanguage.SUPPORTED) {
            for (String detail : details) {
                assertEquals(everyPattern(detail, language), ProblemLanguage.translate(detail, language), detail);
            }
        }
        assertNotEquals(details[1], ProblemLanguage.translate(details[1], ProblemLanguage.FRENCH), "the catalog knows it");
        assertNotEquals(details[2], ProblemLanguage.translate(details[2], ProblemLanguage.ARABIC), "the catalog knows it");
        assertEquals(details[3], ProblemLanguage.translate(details[3], ProblemLanguage.ENGLISH));
    }

    /** The catalog applied the slow way, pattern after pattern, as a reference. */
    private static String everyPattern(String english, Locale language) throws java.io.IOException {
        if (language.equals(ProblemLanguage.ENGLISH)) {
            return english;
        }
        try (var in = ProblemLanguageTest.class.getClassLoader().getResourceAsStream("problems/details.tsv")) {
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t");
                java.util.regex.Matcher m = java.util.regex.Pattern.compile(parts[0]).matcher(english);
                if (m.matches()) {
                    return m.replaceFirst(language.equals(ProblemLanguage.ARABIC) ? parts[2] : parts[1]);
                }
            }
        }
        return english;
    }

    @Test
    void titlesAndDetailsComeFromTheLanguagesTexts() {
        Problem english = new Problem("https://technopark.ma/problems/not-found", "Not found", 404, "x", "/p", java.util.List.of());
        assertEquals("Introuvable", ProblemLanguage.localize(english, ProblemLanguage.FRENCH).title());
        assertEquals("Introuvable", ProblemLanguage.localize(english, Locale.CANADA_FRENCH).title(), "a country of a language it speaks");
        assertEquals("Not found", ProblemLanguage.localize(english, Locale.GERMAN).title(), "a language it does not speak: as written");
        assertEquals("no-such-key", ProblemLanguage.detail("no-such-key", ProblemLanguage.FRENCH));
        assertNull(ProblemLanguage.translate(null, ProblemLanguage.FRENCH));
    }
}
