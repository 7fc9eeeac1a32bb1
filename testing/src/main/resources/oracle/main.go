// Command oracle answers questions about Go modules with golang.org/x/mod, the code the go
// command itself uses. It reads one JSON request per line on stdin, {"op": NAME, "args": [...]},
// and writes one JSON response per line, {"result": ...} or {"error": "..."}.
// Each area registers its operations from its own file with register.
package main

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
)

type args []json.RawMessage

type handler func(a args) (any, error)

var ops = map[string]handler{}

func register(name string, h handler) {
	if _, dup := ops[name]; dup {
		panic("duplicate op " + name)
	}
	ops[name] = h
}

func (a args) decode(i int, v any) {
	if i >= len(a) {
		panic(fmt.Sprintf("missing argument %d", i))
	}
	if err := json.Unmarshal(a[i], v); err != nil {
		panic(fmt.Sprintf("argument %d: %v", i, err))
	}
}

func (a args) str(i int) string          { var s string; a.decode(i, &s); return s }
func (a args) int(i int) int64           { var n int64; a.decode(i, &n); return n }
func (a args) bool(i int) bool           { var b bool; a.decode(i, &b); return b }
func (a args) strs(i int) []string       { var s []string; a.decode(i, &s); return s }
func (a args) raw(i int) json.RawMessage { return a[i] }

// bytes decodes an argument sent as base64 (how Jackson writes a Java byte[]).
func (a args) bytes(i int) []byte {
	b, err := base64.StdEncoding.DecodeString(a.str(i))
	if err != nil {
		panic(fmt.Sprintf("argument %d: not base64: %v", i, err))
	}
	return b
}

type request struct {
	Op   string `json:"op"`
	Args args   `json:"args"`
}

type response struct {
	Result any    `json:"result"`
	Error  string `json:"error,omitempty"`
}

func serve(req request) (resp response) {
	defer func() {
		if p := recover(); p != nil {
			resp = response{Error: fmt.Sprintf("oracle panic in %s: %v", req.Op, p)}
		}
	}()
	h, ok := ops[req.Op]
	if !ok {
		return response{Error: "oracle: unknown op " + req.Op}
	}
	result, err := h(req.Args)
	if err != nil {
		return response{Error: err.Error()}
	}
	return response{Result: result}
}

func init() {
	register("oracle.ops", func(a args) (any, error) {
		names := make([]string, 0, len(ops))
		for name := range ops {
			names = append(names, name)
		}
		sort.Strings(names)
		return names, nil
	})
}

func main() {
	in := bufio.NewReaderSize(os.Stdin, 1<<20)
	out := bufio.NewWriter(os.Stdout)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	for {
		line, err := in.ReadBytes('\n')
		if len(line) > 0 {
			var req request
			var resp response
			if jerr := json.Unmarshal(line, &req); jerr != nil {
				resp = response{Error: "oracle: bad request: " + jerr.Error()}
			} else {
				resp = serve(req)
			}
			if eerr := enc.Encode(resp); eerr != nil {
				enc.Encode(response{Error: "oracle: cannot encode result: " + eerr.Error()})
			}
			out.Flush()
		}
		if err == io.EOF {
			return
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}
