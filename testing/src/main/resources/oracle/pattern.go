package main

import "holdfast.test/oracle/pkgpattern"

// The go command's "..." patterns (cmd/internal/pkgpattern, copied from GOROOT when the oracle is built).
func init() {
	register("pkgpattern.MatchPattern", func(a args) (any, error) {
		return pkgpattern.MatchPattern(a.str(0))(a.str(1)), nil
	})
}
