package dev.holdfast.module;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A few cases of the go command's pattern rules, each checked against the go command when written;
 * {@code PathPatternConformanceTest} compares thousands of pairs with Go's own code.
 */
class PathPatternTest {

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource({
        "...,                      example.com/x,           true",
        "example.com/...,          example.com,             true",
        "example.com/...,          example.com/x/y,         true",
        "example.com/...,          example.comx,            false",
        "example.com...,           example.comx/y,          true",
        "example.com/x/...,        example.com/xy,          false",
        "example.com/.../y,        example.com/a/b/y,       true",
        "example.com/.../y,        example.com/a/b/yz,      false",
        "example.com/x,            example.com/x,           true",
        "example.com/x,            example.com/x/y,         false",
        "example.com/...,          example.com/vendor/x,    false",
        "example.com/...,          example.com/vendor,      true",
        "example.com/vendor/...,   example.com/vendor/x,    true",
        "example.com/vendor/...,   example.com/vendor,      true",
        "example.com/vendor/...,   example.com/vendorx,     false",
        "vendor/...,               vendor/x,                false",
        "vendor/...,               x/vendor/y,              false",
        "example.com/a.b/...,      example.com/aXb/c,       false",
        "example.com/(x)/...,      example.com/(x)/y,       true",
    })
    void matches_asTheGoCommandMatches(String pattern, String name, boolean matched) {
        assertThat(PathPattern.matcher(pattern).test(name)).isEqualTo(matched);
    }
}
