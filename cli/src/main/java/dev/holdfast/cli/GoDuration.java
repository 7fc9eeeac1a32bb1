package dev.holdfast.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Reads a duration option the way the go command's flags read one ({@code time.ParseDuration}): a
 * sequence of decimal numbers with a unit each, such as {@code 300ms}, {@code 1.5s} or {@code 2m30s}, with
 * units {@code ns}, {@code us}, {@code ms}, {@code s}, {@code m} and {@code h}. Only positive durations are
 * accepted: every duration option of Holdfast is a limit.
 */
final class GoDuration implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern PART = Pattern.compile("(\\d+\\.?\\d*|\\.\\d+)(ns|us|µs|ms|s|m|h)");
    private static final Map<String, Long> NANOS = Map.of(
            "ns", 1L,
            "us", 1_000L,
            "µs", 1_000L,
            "ms", 1_000_000L,
            "s", 1_000_000_000L,
            "m", 60_000_000_000L,
            "h", 3_600_000_000_000L);

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /**
     * Returns the duration {@code text} names.
     *
     * @throws CommandLine.TypeConversionException if it is not a positive Go duration
     */
    static Duration parse(String text) {
        Matcher m = PART.matcher(text);
        BigDecimal nanos = BigDecimal.ZERO;
        int end = 0;
        while (m.lookingAt()) {
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(NANOS.get(m.group(2)))));
            end = m.end();
            m.region(end, text.length());
        }
        if (end == 0 || end != text.length() || nanos.signum() <= 0) {
            throw new CommandLine.TypeConversionException(
                    "invalid duration \"" + text + "\": want a positive duration such as 500ms, 10s or 2m");
        }
        return Duration.ofNanos(nanos.longValue());
    }
}
