// Command modfmt times x/mod's modfile.Parse + Format on one go.mod, the Go baseline for
// GoModBenchmark: it prints nanoseconds per parse+format and per parse, best of 5 rounds.
package main

import (
	"fmt"
	"os"
	"time"

	"golang.org/x/mod/modfile"
)

func timeIt(n int, f func()) float64 {
	best := 0.0
	for round := 0; round < 5; round++ {
		start := time.Now()
		for i := 0; i < n; i++ {
			f()
		}
		ns := float64(time.Since(start).Nanoseconds()) / float64(n)
		if round == 0 || ns < best {
			best = ns
		}
	}
	return best
}

func main() {
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		panic(err)
	}
	parseFormat := timeIt(200, func() {
		f, err := modfile.Parse("go.mod", data, nil)
		if err != nil {
			panic(err)
		}
		if _, err := f.Format(); err != nil {
			panic(err)
		}
	})
	parse := timeIt(200, func() {
		if _, err := modfile.Parse("go.mod", data, nil); err != nil {
			panic(err)
		}
	})
	fmt.Printf("parseAndFormat %.1f us/op\nparseOnly %.1f us/op\n", parseFormat/1000, parse/1000)
}
