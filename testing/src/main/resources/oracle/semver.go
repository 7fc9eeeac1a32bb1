// Operations for dev.holdfast.semver: golang.org/x/mod/semver, one op per function, plus a batch op
// shared with module.go that evaluates many calls in one request.
package main

import (
	"encoding/json"
	"fmt"
	"strconv"

	"golang.org/x/mod/semver"
)

// strFunc is an operation whose arguments are all strings and whose result is a string.
type strFunc func(s []string) (string, error)

var strFuncs = map[string]strFunc{}

// defStr registers f as op name (string arguments, string result) and makes it available to batch.
func defStr(name string, f strFunc) {
	strFuncs[name] = f
	register(name, func(a args) (any, error) {
		s := make([]string, len(a))
		for i := range a {
			s[i] = a.str(i)
		}
		return callStr(f, s)
	})
}

// callStr calls f, turning a panic into an error whose text is "panic: " and the panic value.
func callStr(f strFunc, s []string) (result string, err error) {
	defer func() {
		if p := recover(); p != nil {
			result, err = "", fmt.Errorf("panic: %v", p)
		}
	}()
	return f(s)
}

func boolStr(b bool) string { return strconv.FormatBool(b) }

func intStr(n int) string { return strconv.Itoa(n) }

func init() {
	// batch(name, [[arg...]...]) calls op name once per argument list and returns one string per
	// call: "=" and the result, or "!" and the error text.
	register("batch", func(a args) (any, error) {
		name := a.str(0)
		f, ok := strFuncs[name]
		if !ok {
			return nil, fmt.Errorf("batch: unknown op %s", name)
		}
		var calls [][]string
		if err := json.Unmarshal(a.raw(1), &calls); err != nil {
			return nil, err
		}
		out := make([]string, len(calls))
		for i, c := range calls {
			r, err := callStr(f, c)
			if err != nil {
				out[i] = "!" + err.Error()
			} else {
				out[i] = "=" + r
			}
		}
		return out, nil
	})

	defStr("semver.isValid", func(s []string) (string, error) { return boolStr(semver.IsValid(s[0])), nil })
	defStr("semver.canonical", func(s []string) (string, error) { return semver.Canonical(s[0]), nil })
	defStr("semver.major", func(s []string) (string, error) { return semver.Major(s[0]), nil })
	defStr("semver.majorMinor", func(s []string) (string, error) { return semver.MajorMinor(s[0]), nil })
	defStr("semver.prerelease", func(s []string) (string, error) { return semver.Prerelease(s[0]), nil })
	defStr("semver.build", func(s []string) (string, error) { return semver.Build(s[0]), nil })
	defStr("semver.compare", func(s []string) (string, error) { return intStr(semver.Compare(s[0], s[1])), nil })
	defStr("semver.max", func(s []string) (string, error) { return semver.Max(s[0], s[1]), nil })

	// semver.sort(list) returns the list sorted by semver.Sort.
	register("semver.sort", func(a args) (any, error) {
		list := a.strs(0)
		semver.Sort(list)
		return list, nil
	})
}
