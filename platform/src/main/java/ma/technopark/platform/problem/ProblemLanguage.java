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
