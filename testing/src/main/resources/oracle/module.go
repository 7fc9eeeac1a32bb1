// Operations for dev.holdfast.module: golang.org/x/mod/module (module.go and pseudo.go), Go's
// path.Match, Clean, Dir and Join, strconv quoting and the unicode tables that module path checks
// depend on. Most ops take and return strings (see defStr in semver.go) so that batch can run them in bulk.
package main

import (
	"path"
	"strconv"
	"time"
	"unicode"

	"golang.org/x/mod/module"
)

// errOnly adapts a check function to a string op with an empty result.
func errOnly(f func(string) error) strFunc {
	return func(s []string) (string, error) { return "", f(s[0]) }
}

func init() {
	defStr("module.checkPath", errOnly(module.CheckPath))
	defStr("module.checkImportPath", errOnly(module.CheckImportPath))
	defStr("module.checkFilePath", errOnly(module.CheckFilePath))
	defStr("module.check", func(s []string) (string, error) { return "", module.Check(s[0], s[1]) })
	defStr("module.escapePath", func(s []string) (string, error) { return module.EscapePath(s[0]) })
	defStr("module.unescapePath", func(s []string) (string, error) { return module.UnescapePath(s[0]) })
	defStr("module.escapeVersion", func(s []string) (string, error) { return module.EscapeVersion(s[0]) })
	defStr("module.unescapeVersion", func(s []string) (string, error) { return module.UnescapeVersion(s[0]) })
	// splitPathVersion returns "prefix|pathMajor" when ok, else "".
	defStr("module.splitPathVersion", func(s []string) (string, error) {
		prefix, pathMajor, ok := module.SplitPathVersion(s[0])
		if !ok {
			return "", nil
		}
		return prefix + "|" + pathMajor, nil
	})
	defStr("module.checkPathMajor", func(s []string) (string, error) { return "", module.CheckPathMajor(s[0], s[1]) })
	defStr("module.matchPathMajor", func(s []string) (string, error) {
		return boolStr(module.MatchPathMajor(s[0], s[1])), nil
	})
	defStr("module.pathMajorPrefix", func(s []string) (string, error) { return module.PathMajorPrefix(s[0]), nil })
	defStr("module.canonicalVersion", func(s []string) (string, error) { return module.CanonicalVersion(s[0]), nil })
	defStr("module.versionString", func(s []string) (string, error) {
		return module.Version{Path: s[0], Version: s[1]}.String(), nil
	})
	defStr("module.matchPrefixPatterns", func(s []string) (string, error) {
		return boolStr(module.MatchPrefixPatterns(s[0], s[1])), nil
	})

	defStr("module.isPseudoVersion", func(s []string) (string, error) { return boolStr(module.IsPseudoVersion(s[0])), nil })
	defStr("module.isZeroPseudoVersion", func(s []string) (string, error) {
		return boolStr(module.IsZeroPseudoVersion(s[0])), nil
	})
	// pseudoVersion(major, older, unixSeconds, rev)
	defStr("module.pseudoVersion", func(s []string) (string, error) {
		sec, err := strconv.ParseInt(s[2], 10, 64)
		if err != nil {
			return "", err
		}
		return module.PseudoVersion(s[0], s[1], time.Unix(sec, 0), s[3]), nil
	})
	defStr("module.zeroPseudoVersion", func(s []string) (string, error) { return module.ZeroPseudoVersion(s[0]), nil })
	// pseudoVersionTime returns the time as Unix seconds.
	defStr("module.pseudoVersionTime", func(s []string) (string, error) {
		t, err := module.PseudoVersionTime(s[0])
		if err != nil {
			return "", err
		}
		return strconv.FormatInt(t.Unix(), 10), nil
	})
	defStr("module.pseudoVersionRev", func(s []string) (string, error) { return module.PseudoVersionRev(s[0]) })
	defStr("module.pseudoVersionBase", func(s []string) (string, error) { return module.PseudoVersionBase(s[0]) })

	defStr("path.clean", func(s []string) (string, error) { return path.Clean(s[0]), nil })
	defStr("path.dir", func(s []string) (string, error) { return path.Dir(s[0]), nil })
	defStr("path.join", func(s []string) (string, error) { return path.Join(s[0], s[1]), nil })
	defStr("path.match", func(s []string) (string, error) {
		ok, err := path.Match(s[0], s[1])
		return boolStr(ok), err
	})
	defStr("strconv.quote", func(s []string) (string, error) { return strconv.Quote(s[0]), nil })
	// quoteRune takes the rune as a decimal string.
	defStr("strconv.quoteRune", func(s []string) (string, error) {
		r, err := strconv.ParseInt(s[0], 10, 32)
		if err != nil {
			return "", err
		}
		return strconv.QuoteRune(rune(r)), nil
	})

	// module.sort([[path, version]...]) returns the pairs sorted by module.Sort.
	register("module.sort", func(a args) (any, error) {
		var pairs [][2]string
		a.decode(0, &pairs)
		list := make([]module.Version, len(pairs))
		for i, p := range pairs {
			list[i] = module.Version{Path: p[0], Version: p[1]}
		}
		module.Sort(list)
		out := make([][2]string, len(list))
		for i, m := range list {
			out[i] = [2]string{m.Path, m.Version}
		}
		return out, nil
	})

	// unicode.tables returns the inclusive code point ranges for which unicode.IsLetter and
	// strconv.IsPrint hold, and the Unicode version of the tables.
	register("unicode.tables", func(a args) (any, error) {
		return map[string]any{
			"version": unicode.Version,
			"letter":  ranges(unicode.IsLetter),
			"print":   ranges(strconv.IsPrint),
		}, nil
	})
}

// ranges returns the inclusive ranges of runes for which in holds (used by modfile.go too).
func ranges(in func(rune) bool) [][2]rune {
	var out [][2]rune
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !in(r) {
			continue
		}
		if n := len(out); n > 0 && out[n-1][1] == r-1 {
			out[n-1][1] = r
		} else {
			out = append(out, [2]rune{r, r})
		}
	}
	return out
}

func init() {
	// sortOrder(path1, version1, path2, version2) returns the sign of module.Sort's comparison of
	// the two pairs. module.Sort's comparator is unexported, but slices.SortFunc sorts lists of up
	// to 12 elements with a stable insertion sort, so sorting a pair swaps it exactly when the
	// second element compares lower.
	defStr("module.sortOrder", func(s []string) (string, error) {
		a := module.Version{Path: s[0], Version: s[1]}
		b := module.Version{Path: s[2], Version: s[3]}
		if swapped(a, b) {
			return "1", nil
		}
		if swapped(b, a) {
			return "-1", nil
		}
		return "0", nil
	})
	// path.matchBool is path.Match's matched result alone, which is all MatchPrefixPatterns uses.
	defStr("path.matchBool", func(s []string) (string, error) {
		ok, _ := path.Match(s[0], s[1])
		return boolStr(ok), nil
	})
}

func swapped(a, b module.Version) bool {
	list := []module.Version{a, b}
	module.Sort(list)
	return list[0] != a
}
