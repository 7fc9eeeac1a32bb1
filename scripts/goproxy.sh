# Sourced by the benchmark scripts: builds goproxy/goproxy v0.26.1, the best-known Go module proxy
# written in Go, the peer the benchmarks compare with. `go install ...@v0.26.1` asks the proxy for the
# module's version list to check for deprecation, which some proxies refuse; building it inside a
# throw-away module that requires that exact version needs no list.
# Usage: holdfast_build_goproxy DIR   (the binary is DIR/goproxy; the build's output goes to stdout)
holdfast_build_goproxy() {
  local dir="$1/goproxy-build"
  mkdir -p "$dir"
  printf 'module example.com/labtools\n\ngo 1.24\n\nrequire github.com/goproxy/goproxy v0.26.1\n' >"$dir/go.mod"
  printf '//go:build tools\n\npackage tools\n\nimport _ "github.com/goproxy/goproxy/cmd/goproxy"\n' >"$dir/tools.go"
  (cd "$dir" && GOFLAGS=-mod=mod go build -o "$1/goproxy" github.com/goproxy/goproxy/cmd/goproxy)
}
