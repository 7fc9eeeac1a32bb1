package dev.holdfast.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.module.ModuleVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Keys are the escaped proxy paths of module/escape.go and the GOPROXY protocol. */
class StoreKeyTest {
    @ParameterizedTest
    @CsvSource({
        "example.com/m/@v/list, example.com/m, LIST, ",
        "example.com/m/@latest, example.com/m, LATEST, ",
        "example.com/!a!b/@v/v1.0.0.info, example.com/AB, INFO, v1.0.0",
        "example.com/m/v2/@v/v2.1.0-!pre.mod, example.com/m/v2, MOD, v2.1.0-Pre",
        "example.com/m/@v/v3.0.0+incompatible.zip, example.com/m, ZIP, v3.0.0+incompatible",
        "gopkg.in/yaml.v3/@v/v3.0.1.zip, gopkg.in/yaml.v3, ZIP, v3.0.1"
    })
    void parse_roundTrips(String key, String path, StoreKey.Kind kind, String version) {
        StoreKey k = StoreKey.parse(key);
        assertThat(k).isEqualTo(new StoreKey(path, kind, version));
        assertThat(k.format()).isEqualTo(key);
        assertThat(k.toString()).isEqualTo(key);
    }

    @Test
    void factories_escape() {
        ModuleVersion mv = new ModuleVersion("example.com/Foo", "v1.0.0-RC");
        assertThat(StoreKey.zip(mv)).isEqualTo("example.com/!foo/@v/v1.0.0-!r!c.zip");
        assertThat(StoreKey.mod(mv)).isEqualTo("example.com/!foo/@v/v1.0.0-!r!c.mod");
        assertThat(StoreKey.info(mv)).isEqualTo("example.com/!foo/@v/v1.0.0-!r!c.info");
        assertThat(StoreKey.list("example.com/Foo")).isEqualTo("example.com/!foo/@v/list");
        assertThat(StoreKey.latest("example.com/Foo")).isEqualTo("example.com/!foo/@latest");
        assertThat(StoreKey.parse(StoreKey.zip(mv)).moduleVersion()).isEqualTo(mv);
        assertThat(StoreKey.parse(StoreKey.list("example.com/Foo")).moduleVersion())
                .isNull();
    }

    @Test
    void constructor_checks() {
        assertThatThrownBy(() -> new StoreKey("example.com/m", StoreKey.Kind.ZIP, "v1.0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("non-canonical module version \"v1.0\"");
        assertThatThrownBy(() -> new StoreKey("example.com/m", StoreKey.Kind.LIST, "v1.0.0"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StoreKey("example.com/m", StoreKey.Kind.MOD, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoreKey.zip(new ModuleVersion("../m", "v1.0.0")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parse_badKey_namesIt() {
        assertThatThrownBy(() -> StoreKey.parse("example.com/m/@v/../x.mod"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid store key \"example.com/m/@v/../x.mod\": ");
    }

    @Test
    void isCanonical() {
        assertThat(StoreKey.isCanonical("v1.2.3")).isTrue();
        assertThat(StoreKey.isCanonical("v2.0.0+incompatible")).isTrue();
        assertThat(StoreKey.isCanonical("v1.2.3-pre.1")).isTrue();
        assertThat(StoreKey.isCanonical("v1.2")).isFalse();
        assertThat(StoreKey.isCanonical("v1.2.3+meta")).isFalse();
        assertThat(StoreKey.isCanonical("master")).isFalse();
        assertThat(StoreKey.isCanonical("")).isFalse();
    }
}
