package dk.tidlig.adapter.route;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The settings every file adapter has, read from its configuration (the keys are the same in every
 * adapter's metatype: {@code inbox}, {@code encoding}, {@code include}, {@code pollIntervalMs},
 * {@code readLockMinAgeMs}, {@code municipalityCode}).
 *
 * @param inbox            absolute inbox folder
 * @param charset          the export's encoding
 * @param include          regular expression for file names to read
 * @param pollIntervalMs   how often the inbox is polled
 * @param readLockMinAgeMs a file is read only once it has not changed for this long (so a file still
 *                         being written is never read)
 * @param municipalityCode the municipality the data belongs to
 * @param poll             false when the inbox is not polled (command mode: files come by
 *                         {@code bin/tidlig import} only)
 */
public record InboxSettings(
        Path inbox,
        Charset charset,
        String include,
        long pollIntervalMs,
        long readLockMinAgeMs,
        String municipalityCode,
        boolean poll) {

    /** Framework property: the distribution's root folder; relative inbox paths are resolved against it. */
    public static final String HOME_PROPERTY = "tidlig.home";
    /** Framework property: "false" stops every adapter from polling its inbox (command mode). */
    public static final String POLL_PROPERTY = "tidlig.inbox.poll";
    private static final Pattern MUNICIPALITY = Pattern.compile("[1-9]\\d{2}");

    /**
     * Reads the settings from an adapter's configuration properties.
     *
     * @param config            the component's properties (metatype defaults included)
     * @param frameworkProperty reads framework properties ({@code BundleContext::getProperty})
     * @throws IllegalArgumentException naming the setting that is wrong
     */
    public static InboxSettings from(Map<String, ?> config, UnaryOperator<String> frameworkProperty) {
        String inbox = string(config, "inbox");
        Path path = Path.of(inbox);
        if (!path.isAbsolute()) {
            String home = frameworkProperty.apply(HOME_PROPERTY);
            path = (home == null ? Path.of("") : Path.of(home)).resolve(path);
        }
        Charset charset;
        String encoding = string(config, "encoding");
        try {
            charset = Charset.forName(encoding);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IllegalArgumentException("setting 'encoding': unknown character set " + encoding);
        }
        String include = string(config, "include");
        try {
            Pattern.compile(include);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("setting 'include' is not a regular expression: " + e.getDescription());
        }
        String municipality = string(config, "municipalityCode").replaceFirst("^0", "");
        if (!MUNICIPALITY.matcher(municipality).matches()) {
            throw new IllegalArgumentException("setting 'municipalityCode' must be a three-digit municipality code");
        }
        long poll = number(config, "pollIntervalMs");
        long minAge = number(config, "readLockMinAgeMs");
        boolean polling = !"false".equalsIgnoreCase(frameworkProperty.apply(POLL_PROPERTY));
        return new InboxSettings(path.toAbsolutePath().normalize(), charset, include, poll, minAge, municipality, polling);
    }

    /** The setting names every file adapter's configuration type declares. */
    public static final List<String> KEYS = List.of("inbox", "encoding", "include", "pollIntervalMs", "readLockMinAgeMs", "municipalityCode");

    /**
     * Reads the settings from an adapter's component property type (its {@code @interface Config}),
     * which must declare the methods named in {@link #KEYS}.
     */
    public static InboxSettings of(Annotation config, UnaryOperator<String> frameworkProperty) {
        Map<String, Object> values = new HashMap<>();
        for (String key : KEYS) {
            try {
                Method m = config.annotationType().getMethod(key);
                Object v = m.invoke(config);
                if (v != null) {
                    values.put(key, v);
                }
            } catch (NoSuchMethodException e) {
                throw new IllegalArgumentException(config.annotationType().getName() + " lacks the setting " + key + "()");
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("could not read setting " + key, e);
            }
        }
        return from(values, frameworkProperty);
    }

    private static String string(Map<String, ?> config, String key) {
        Object v = config.get(key);
        if (v == null || v.toString().isBlank()) {
            throw new IllegalArgumentException("setting '" + key + "' is missing");
        }
        return v.toString().strip();
    }

    private static long number(Map<String, ?> config, String key) {
        Object v = config.get(key);
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(string(config, key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting '" + key + "' must be a whole number of milliseconds");
        }
    }
}
