// Operations for the go.mod parser, formatter and editor (golang.org/x/mod/modfile).
// File contents travel as base64 bytes both ways, so invalid UTF-8 survives the JSON.
package main

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/mod/modfile"
)

func parseModFile(data []byte, strict bool) (*modfile.File, error) {
	if strict {
		return modfile.Parse("go.mod", data, nil)
	}
	return modfile.ParseLax("go.mod", data, nil)
}

// modFileJSON describes the semantic view of a parsed file.
func modFileJSON(f *modfile.File) map[string]any {
	out := map[string]any{}
	if f.Module != nil {
		out["module"] = map[string]any{"path": f.Module.Mod.Path, "deprecated": f.Module.Deprecated}
	}
	if f.Go != nil {
		out["go"] = f.Go.Version
	}
	if f.Toolchain != nil {
		out["toolchain"] = f.Toolchain.Name
	}
	var godebug, require, exclude, replace, retract [][]any
	var tool, ignore []string
	for _, g := range f.Godebug {
		godebug = append(godebug, []any{g.Key, g.Value})
	}
	for _, r := range f.Require {
		require = append(require, []any{r.Mod.Path, r.Mod.Version, r.Indirect})
	}
	for _, x := range f.Exclude {
		exclude = append(exclude, []any{x.Mod.Path, x.Mod.Version})
	}
	for _, r := range f.Replace {
		replace = append(replace, []any{r.Old.Path, r.Old.Version, r.New.Path, r.New.Version})
	}
	for _, r := range f.Retract {
		retract = append(retract, []any{r.Low, r.High, r.Rationale})
	}
	for _, t := range f.Tool {
		tool = append(tool, t.Path)
	}
	for _, i := range f.Ignore {
		ignore = append(ignore, i.Path)
	}
	out["godebug"], out["require"], out["exclude"] = godebug, require, exclude
	out["replace"], out["retract"], out["tool"], out["ignore"] = replace, retract, tool, ignore
	return out
}

// applyEdit runs one edit, given as its name and string arguments.
func applyEdit(f *modfile.File, e []string) error {
	arg := func(i int) string { return e[i] }
	switch e[0] {
	case "addModuleStmt":
		return f.AddModuleStmt(arg(1))
	case "addGoStmt":
		return f.AddGoStmt(arg(1))
	case "dropGoStmt":
		f.DropGoStmt()
	case "addToolchainStmt":
		return f.AddToolchainStmt(arg(1))
	case "dropToolchainStmt":
		f.DropToolchainStmt()
	case "addGodebug":
		return f.AddGodebug(arg(1), arg(2))
	case "dropGodebug":
		return f.DropGodebug(arg(1))
	case "addRequire":
		return f.AddRequire(arg(1), arg(2))
	case "addNewRequire":
		f.AddNewRequire(arg(1), arg(2), arg(3) == "true")
	case "dropRequire":
		return f.DropRequire(arg(1))
	case "setRequire", "setRequireSeparateIndirect":
		// Arguments are triples: path, version, "true" if indirect.
		var reqs []*modfile.Require
		for i := 1; i+2 < len(e); i += 3 {
			r := &modfile.Require{Indirect: e[i+2] == "true"}
			r.Mod.Path, r.Mod.Version = e[i], e[i+1]
			reqs = append(reqs, r)
		}
		if e[0] == "setRequire" {
			f.SetRequire(reqs)
		} else {
			f.SetRequireSeparateIndirect(reqs)
		}
	case "addExclude":
		return f.AddExclude(arg(1), arg(2))
	case "dropExclude":
		return f.DropExclude(arg(1), arg(2))
	case "addReplace":
		return f.AddReplace(arg(1), arg(2), arg(3), arg(4))
	case "dropReplace":
		return f.DropReplace(arg(1), arg(2))
	case "addRetract":
		return f.AddRetract(modfile.VersionInterval{Low: arg(1), High: arg(2)}, arg(3))
	case "dropRetract":
		return f.DropRetract(modfile.VersionInterval{Low: arg(1), High: arg(2)})
	case "addTool":
		return f.AddTool(arg(1))
	case "dropTool":
		return f.DropTool(arg(1))
	case "addIgnore":
		return f.AddIgnore(arg(1))
	case "dropIgnore":
		return f.DropIgnore(arg(1))
	case "addComment":
		f.AddComment(arg(1))
	case "sortBlocks":
		f.SortBlocks()
	case "cleanup":
		f.Cleanup()
	default:
		return fmt.Errorf("oracle: unknown edit %q", e[0])
	}
	return nil
}

func init() {
	// modfile.format(data, strict): Parse or ParseLax (no fixer), then Format.
	register("modfile.format", func(a args) (any, error) {
		f, err := parseModFile(a.bytes(0), a.bool(1))
		if err != nil {
			return nil, err
		}
		return modfile.Format(f.Syntax), nil
	})
	// modfile.json(data, strict): the directives of the parsed file.
	register("modfile.json", func(a args) (any, error) {
		f, err := parseModFile(a.bytes(0), a.bool(1))
		if err != nil {
			return nil, err
		}
		return modFileJSON(f), nil
	})
	// modfile.edit(data, strict, edits): parse, apply each edit ([name, args...]), format.
	// The result is the formatted bytes and the directives after the edits.
	register("modfile.edit", func(a args) (any, error) {
		f, err := parseModFile(a.bytes(0), a.bool(1))
		if err != nil {
			return nil, err
		}
		var edits [][]string
		a.decode(2, &edits)
		for _, e := range edits {
			if err := applyEdit(f, e); err != nil {
				return nil, err
			}
		}
		out, err := f.Format()
		if err != nil {
			return nil, err
		}
		return map[string]any{"format": out, "json": modFileJSON(f)}, nil
	})
	// modfile.work(data): the directives of a go.work file read by ParseWork.
	register("modfile.work", func(a args) (any, error) {
		f, err := modfile.ParseWork("go.work", a.bytes(0), nil)
		if err != nil {
			return nil, err
		}
		out := map[string]any{}
		if f.Go != nil {
			out["go"] = f.Go.Version
		}
		if f.Toolchain != nil {
			out["toolchain"] = f.Toolchain.Name
		}
		var godebug, replace [][]any
		var use []string
		for _, g := range f.Godebug {
			godebug = append(godebug, []any{g.Key, g.Value})
		}
		for _, u := range f.Use {
			use = append(use, u.Path)
		}
		for _, r := range f.Replace {
			replace = append(replace, []any{r.Old.Path, r.Old.Version, r.New.Path, r.New.Version})
		}
		out["godebug"], out["use"], out["replace"] = godebug, use, replace
		return out, nil
	})
	register("modfile.modulePath", func(a args) (any, error) {
		return modfile.ModulePath(a.bytes(0)), nil
	})
	register("modfile.mustQuote", func(a args) (any, error) {
		return modfile.MustQuote(a.str(0)), nil
	})
	register("modfile.autoQuote", func(a args) (any, error) {
		return modfile.AutoQuote(a.str(0)), nil
	})
	register("modfile.isDirectoryPath", func(a args) (any, error) {
		return modfile.IsDirectoryPath(a.str(0)), nil
	})
	// modfile.unicode(): the rune ranges Go treats as printable and as space (unicode.IsPrint,
	// unicode.IsSpace), and strconv.Quote of the given strings, for checking our tables.
	register("modfile.unicode", func(a args) (any, error) {
		return map[string]any{
			"print": ranges(unicode.IsPrint),
			"space": ranges(unicode.IsSpace),
		}, nil
	})
	register("modfile.quote", func(a args) (any, error) {
		return []byte(strconv.Quote(string(a.bytes(0)))), nil
	})
	register("modfile.unquote", func(a args) (any, error) {
		s, err := strconv.Unquote(string(a.bytes(0)))
		if err != nil {
			return nil, err
		}
		return []byte(s), nil
	})
	register("modfile.trimSpaceFields", func(a args) (any, error) {
		s := string(a.bytes(0))
		var fields [][]byte
		for _, f := range strings.Fields(s) {
			fields = append(fields, []byte(f))
		}
		return map[string]any{"trim": []byte(strings.TrimSpace(s)), "fields": fields}, nil
	})
}
