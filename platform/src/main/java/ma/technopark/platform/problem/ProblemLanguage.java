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

    /**
     * Each language's texts, read once from its bundle (one properties file per language): a title or detail looked up
     * on every problem answered was a bundle lookup, and a key the language lacks a {@link MissingResourceException}
     * with its stack trace (2% of sites-service's CPU while it refused bookings, bench/FINDINGS.md).
     */
    private static final java.util.concurrent.ConcurrentMap<Locale, java.util.Map<String, String>> TEXTS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static java.util.Map<String, String> texts(Locale locale) {
        // the bundles are per language and any other language has none, hence no texts; keyed by the supported
        // language, the cache stays bounded whatever the callers ask
        Locale language = Locale.ROOT;
        for (Locale supported : SUPPORTED) {
            if (supported.getLanguage().equals(locale.getLanguage())) {
                language = supported;
            }
        }
        return TEXTS.computeIfAbsent(language, l -> {
            ResourceBundle bundle;
            try {
                bundle = ResourceBundle.getBundle("problems.messages", l, ProblemLanguage.class.getClassLoader(), NO_FALLBACK);
            } catch (MissingResourceException e) {
                return java.util.Map.of();
            }
            java.util.Map<String, String> all = new java.util.HashMap<>();
            for (String key : bundle.keySet()) {
                all.put(key, bundle.getString(key));
            }
            return java.util.Map.copyOf(all);
        });
    }

    private static String text(Locale locale, String key) {
        return texts(locale).get(key);
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

    /**
     * A detail's English pattern and its translations. {@code prefix} is the pattern's literal start (up to its first
     * regular-expression character): a detail that does not start with it cannot match, which spares a matcher for
     * each of the catalog's patterns on every problem translated.
     */
    private record Translation(java.util.regex.Pattern english, String prefix, String french, String arabic) {
        static Translation of(String english, String french, String arabic) {
            return new Translation(java.util.regex.Pattern.compile(english), literalPrefix(english), french, arabic);
        }
    }

    /** The text every match of a regular expression starts with: its characters up to the first special one. */
    static String literalPrefix(String regex) {
        if (regex.indexOf('|') >= 0) {
            return ""; // alternatives: no one prefix
        }
        int literal = 0;
        while (literal < regex.length() && "\\()[]{}.*+?^$".indexOf(regex.charAt(literal)) < 0) {
            literal++;
        }
        if (literal > 0 && literal < regex.length() && "?*{".indexOf(regex.charAt(literal)) >= 0) {
            literal--; // "An? ..." makes the n optional: the prefix is "A"
        }
        return regex.substring(0, literal);
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
                list.add(Translation.of(parts[0], parts[1], parts[2]));
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
            if (!english.startsWith(t.prefix())) {
                continue;
            }
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
