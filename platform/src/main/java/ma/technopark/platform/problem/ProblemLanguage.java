package ma.technopark.platform.problem;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The caller's language for problems: French, Arabic or English from {@code Accept-Language}, French by default.
 * Titles come from the problem's type (then its status); the details the platform writes itself come from keys.
 * The {@code type} URI never changes with the language.
 */
public final class ProblemLanguage {
    public static final Locale FRENCH = Locale.FRENCH;
    public static final Locale ARABIC = Locale.forLanguageTag("ar");
    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final List<Locale> SUPPORTED = List.of(FRENCH, ARABIC, ENGLISH);
    private static final ResourceBundle.Control NO_FALLBACK = ResourceBundle.Control.getNoFallbackControl(
            ResourceBundle.Control.FORMAT_PROPERTIES);

    private ProblemLanguage() {
    }

    /** fr, ar or en from an Accept-Language header (quality values honoured); fr when none of them is asked. */
    public static Locale resolve(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return FRENCH;
        }
        try {
            Locale match = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), SUPPORTED);
            return match == null ? FRENCH : match;
        } catch (IllegalArgumentException e) {
            return FRENCH;
        }
    }

    private static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle("problems.messages", locale, ProblemLanguage.class.getClassLoader(), NO_FALLBACK);
    }

    private static String text(Locale locale, String key) {
        try {
            return bundle(locale).getString(key);
        } catch (MissingResourceException e) {
            return null;
        }
    }

    /** The detail the platform writes for a key, e.g. {@code detail("no-resource", locale, path)}. */
    public static String detail(String key, Locale locale, Object... args) {
        String pattern = text(locale, "detail." + key);
        if (pattern == null) {
            pattern = text(ENGLISH, "detail." + key);
        }
        if (pattern == null) {
            return key;
        }
        return new MessageFormat(pattern, locale).format(args);
    }

    private record Translation(java.util.regex.Pattern english, String french, String arabic) {
    }

    private static final List<Translation> TRANSLATIONS = loadTranslations();

    private static List<Translation> loadTranslations() {
        List<Translation> list = new java.util.ArrayList<>();
        try (java.io.InputStream in = ProblemLanguage.class.getClassLoader().getResourceAsStream("problems/details.tsv")) {
            if (in == null) {
                return List.of();
            }
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t");
                list.add(new Translation(java.util.regex.Pattern.compile(parts[0]), parts[1], parts[2]));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return List.copyOf(list);
    }

    /** A detail or field message the services wrote in English, in the language when the catalog has it. */
    public static String translate(String english, Locale locale) {
        if (english == null || ENGLISH.getLanguage().equals(locale.getLanguage())) {
            return english;
        }
        for (Translation t : TRANSLATIONS) {
            java.util.regex.Matcher m = t.english().matcher(english);
            if (m.matches()) {
                return m.replaceFirst(ARABIC.getLanguage().equals(locale.getLanguage()) ? t.arabic() : t.french());
            }
        }
        return english;
    }

    /** A record's name in the language (site, startup, cohort...), or the name as written. */
    public static String entity(String name, Locale locale) {
        String translated = text(locale, "entity." + name);
        return translated == null ? name : translated;
    }

    /** The problem with its title in the language: by its type, else by its status, else as it was. */
    public static Problem localize(Problem problem, Locale locale) {
        String slug = problem.type() == null ? "" : problem.type().substring(problem.type().lastIndexOf('/') + 1);
        String title = text(locale, "title." + slug);
        if (title == null) {
            title = text(locale, "title.status." + problem.status());
        }
        return title == null || title.equals(problem.title()) ? problem
                : new Problem(problem.type(), title, problem.status(), problem.detail(), problem.instance(), problem.errors());
    }
}
