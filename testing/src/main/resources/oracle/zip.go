// Operations for module zips (golang.org/x/mod/zip), h1 hashes (golang.org/x/mod/sumdb/dirhash)
// and go.sum ordering (module.Sort, as the go command's modfetch.tidyGoSum uses it).
package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"golang.org/x/mod/module"
	"golang.org/x/mod/sumdb/dirhash"
	modzip "golang.org/x/mod/zip"
)

type fileErrorJSON struct {
	Path string `json:"path"`
	Err  string `json:"err"`
}

type checkedJSON struct {
	Valid     []string        `json:"valid"`
	Omitted   []fileErrorJSON `json:"omitted"`
	Invalid   []fileErrorJSON `json:"invalid"`
	SizeError string          `json:"sizeError"`
	Err       string          `json:"err"`
}

func checkedResult(cf modzip.CheckedFiles, err error) checkedJSON {
	out := checkedJSON{Valid: cf.Valid, Omitted: []fileErrorJSON{}, Invalid: []fileErrorJSON{}}
	if out.Valid == nil {
		out.Valid = []string{}
	}
	for _, fe := range cf.Omitted {
		out.Omitted = append(out.Omitted, fileErrorJSON{fe.Path, fe.Err.Error()})
	}
	for _, fe := range cf.Invalid {
		out.Invalid = append(out.Invalid, fileErrorJSON{fe.Path, fe.Err.Error()})
	}
	if cf.SizeError != nil {
		out.SizeError = cf.SizeError.Error()
	}
	if err != nil {
		out.Err = err.Error()
	}
	return out
}

// memFile is a zip.File held in memory; kind is "file", "dir", "symlink" or "other".
type memFile struct {
	Path string `json:"path"`
	Data []byte `json:"data"`
	Kind string `json:"kind"`
	Size *int64 `json:"size"` // declared size; defaults to len(Data)
}

func (f memFile) Lstat() (os.FileInfo, error) { return memInfo{f}, nil }
func (f memFile) Open() (io.ReadCloser, error) {
	return io.NopCloser(bytes.NewReader(f.Data)), nil
}

type memFileZip struct{ memFile }

func (f memFileZip) Path() string { return f.memFile.Path }

type memInfo struct{ f memFile }

func (i memInfo) Name() string { return i.f.Path[strings.LastIndex(i.f.Path, "/")+1:] }
func (i memInfo) Size() int64 {
	if i.f.Size != nil {
		return *i.f.Size
	}
	return int64(len(i.f.Data))
}
func (i memInfo) Mode() os.FileMode {
	switch i.f.Kind {
	case "dir":
		return os.ModeDir | 0o755
	case "symlink":
		return os.ModeSymlink | 0o777
	case "other":
		return os.ModeNamedPipe | 0o644
	}
	return 0o644
}
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return i.f.Kind == "dir" }
func (i memInfo) Sys() any           { return nil }

func memFiles(a args, i int) []modzip.File {
	var list []memFile
	if err := json.Unmarshal(a.raw(i), &list); err != nil {
		panic(err)
	}
	files := make([]modzip.File, len(list))
	for k, f := range list {
		files[k] = memFileZip{f}
	}
	return files
}

// readGoSum mirrors cmd/go/internal/modfetch.readGoSum (the parse the go command uses).
func readGoSum(file string, data []byte) (map[module.Version][]string, error) {
	dst := make(map[module.Version][]string)
	lineno := 0
	for len(data) > 0 {
		var line []byte
		lineno++
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			line, data = data, nil
		} else {
			line, data = data[:i], data[i+1:]
		}
		f := strings.Fields(string(line))
		if len(f) == 0 {
			continue
		}
		if len(f) != 3 {
			return nil, &goSumError{file, lineno, len(f)}
		}
		if f[2] == "h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=" {
			continue
		}
		mod := module.Version{Path: f[0], Version: f[1]}
		dst[mod] = append(dst[mod], f[2])
	}
	return dst, nil
}

type goSumError struct {
	file          string
	lineno, count int
}

func (e *goSumError) Error() string {
	return "malformed go.sum:\n" + e.file + ":" + itoa(e.lineno) + ": wrong number of fields " + itoa(e.count)
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func init() {
	register("zip.checkFiles", func(a args) (any, error) {
		cf, err := modzip.CheckFiles(memFiles(a, 0))
		return checkedResult(cf, err), nil
	})
	register("zip.checkDir", func(a args) (any, error) {
		cf, err := modzip.CheckDir(a.str(0))
		return checkedResult(cf, err), nil
	})
	register("zip.checkZip", func(a args) (any, error) {
		cf, err := modzip.CheckZip(module.Version{Path: a.str(0), Version: a.str(1)}, a.str(2))
		return checkedResult(cf, err), nil
	})
	// zip.create(path, version, files, outFile) writes the zip and returns its h1 hash.
	register("zip.create", func(a args) (any, error) {
		return createAndHash(a.str(3), func(w io.Writer) error {
			return modzip.Create(w, module.Version{Path: a.str(0), Version: a.str(1)}, memFiles(a, 2))
		})
	})
	// zip.createFromDir(path, version, dir, outFile) writes the zip and returns its h1 hash.
	register("zip.createFromDir", func(a args) (any, error) {
		return createAndHash(a.str(3), func(w io.Writer) error {
			return modzip.CreateFromDir(w, module.Version{Path: a.str(0), Version: a.str(1)}, a.str(2))
		})
	})
	register("zip.unzip", func(a args) (any, error) {
		return nil, modzip.Unzip(a.str(0), module.Version{Path: a.str(1), Version: a.str(2)}, a.str(3))
	})
	register("dirhash.hash1", func(a args) (any, error) {
		names := a.strs(0)
		var contents []string
		a.decode(1, &contents) // base64 strings, one per name
		byName := map[string][]byte{}
		for i, n := range names {
			byName[n] = args{json.RawMessage(`"` + contents[i] + `"`)}.bytes(0)
		}
		return dirhash.Hash1(names, func(n string) (io.ReadCloser, error) {
			return io.NopCloser(bytes.NewReader(byName[n])), nil
		})
	})
	register("dirhash.hashZip", func(a args) (any, error) {
		return dirhash.HashZip(a.str(0), dirhash.Hash1)
	})
	register("dirhash.hashDir", func(a args) (any, error) {
		return dirhash.HashDir(a.str(0), a.str(1), dirhash.Hash1)
	})
	// gosum.format(file, data) parses go.sum bytes as the go command does and returns the file it
	// writes back (module.Sort order, hashes sorted and deduplicated; modfetch.tidyGoSum).
	register("gosum.format", func(a args) (any, error) {
		sums, err := readGoSum(a.str(0), a.bytes(1))
		if err != nil {
			return nil, err
		}
		mods := make([]module.Version, 0, len(sums))
		for m := range sums {
			mods = append(mods, m)
		}
		module.Sort(mods)
		var buf bytes.Buffer
		for _, m := range mods {
			list := sums[m]
			sort.Strings(list)
			prev := ""
			for i, h := range list {
				if i > 0 && h == prev {
					continue
				}
				prev = h
				buf.WriteString(m.Path + " " + m.Version + " " + h + "\n")
			}
		}
		return buf.String(), nil
	})
}

func createAndHash(out string, create func(io.Writer) error) (any, error) {
	f, err := os.Create(out)
	if err != nil {
		return nil, err
	}
	if err := create(f); err != nil {
		f.Close()
		os.Remove(out)
		return nil, err
	}
	if err := f.Close(); err != nil {
		return nil, err
	}
	return dirhash.HashZip(out, dirhash.Hash1)
}
