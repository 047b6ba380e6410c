package worker

import (
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/fountain-go/fountain/kernel/cell"
	"github.com/fountain-go/fountain/kernel/stdsyms"
	"github.com/fountain-go/fountain/kernel/symbols"
	"github.com/traefik/yaegi/stdlib"
	"github.com/traefik/yaegi/stdlib/generic"
)

// CompleteReply is the content of a complete_reply.
type CompleteReply struct {
	Status      string         `json:"status"`
	Matches     []string       `json:"matches"`
	CursorStart int            `json:"cursor_start"`
	CursorEnd   int            `json:"cursor_end"`
	Metadata    map[string]any `json:"metadata"`
}

// InspectReply is the content of an inspect_reply.
type InspectReply struct {
	Status   string         `json:"status"`
	Found    bool           `json:"found"`
	Data     map[string]any `json:"data"`
	Metadata map[string]any `json:"metadata"`
}

var keywords = strings.Fields(`break case chan const continue default defer else fallthrough for func go goto if import interface map package range return select struct switch type var
	append cap clear close complex copy delete imag len make max min new panic print println real recover
	bool byte complex64 complex128 error float32 float64 int int8 int16 int32 int64 rune string uint uint8 uint16 uint32 uint64 uintptr any comparable true false nil iota`)

// byteOffset converts a cursor in code points, as the protocol counts, to bytes.
func byteOffset(code string, cursor int) int {
	off := 0
	for i := 0; i < cursor && off < len(code); i++ {
		_, n := utf8.DecodeRuneInString(code[off:])
		off += n
	}
	return off
}

func runeCount(s string) int { return utf8.RuneCountInString(s) }

func isIdentByte(b byte) bool {
	return b == '_' || b == '.' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || b >= 0x80
}

// wordAt returns the dotted identifier ending at (or around) off.
func wordAt(code string, off int, extend bool) (start, end int) {
	start, end = off, off
	for start > 0 && isIdentByte(code[start-1]) {
		start--
	}
	if extend {
		for end < len(code) && isIdentByte(code[end]) && code[end] != '.' {
			end++
		}
	}
	return start, end
}

// Complete offers package members, names defined in cells, names in the
// cell itself (locals), keywords and package names.
func (s *Session) Complete(code string, cursor int) CompleteReply {
	off := byteOffset(code, cursor)
	start, _ := wordAt(code, off, false)
	word := code[start:off]
	rep := CompleteReply{Status: "ok", Matches: []string{}, CursorEnd: cursor, Metadata: map[string]any{}}
	var cands []string
	prefix := word
	if i := strings.LastIndexByte(word, '.'); i >= 0 {
		base := word[:i]
		prefix = word[i+1:]
		start += i + 1
		cands = s.members(base)
	} else {
		seen := map[string]bool{}
		add := func(n string) {
			if !seen[n] && !strings.HasPrefix(n, "_fountain") {
				seen[n] = true
				cands = append(cands, n)
			}
		}
		for n := range s.defined {
			add(n)
		}
		for n := range s.imported {
			add(n)
		}
		for n := range s.byName {
			add(n)
		}
		for _, k := range keywords {
			add(k)
		}
		// Locals: identifiers in the cell itself.
		var sc []byte
		for i := 0; i <= len(code); i++ {
			if i < len(code) && isIdentByte(code[i]) && code[i] != '.' {
				sc = append(sc, code[i])
				continue
			}
			if len(sc) > 0 && !(i == off) && string(sc) != word {
				add(string(sc))
			}
			sc = sc[:0]
		}
	}
	for _, c := range cands {
		if strings.HasPrefix(c, prefix) {
			rep.Matches = append(rep.Matches, c)
		}
	}
	sort.Strings(rep.Matches)
	rep.CursorStart = runeCount(code[:start])
	return rep
}

// members lists what follows base. in base.: a package's exported symbols,
// or the fields and methods of a defined variable's value.
func (s *Session) members(base string) []string {
	if p, ok := s.pkgPath(base); ok {
		var out []string
		for name := range s.pkgSymbols(p) {
			if !strings.HasPrefix(name, "_") {
				out = append(out, name)
			}
		}
		for name := range sourceDecls()[p] {
			if !slices.Contains(out, name) {
				out = append(out, name)
			}
		}
		return out
	}
	if !s.defined[base] {
		return nil
	}
	v, err := s.in.Eval(base)
	if err != nil || !v.IsValid() {
		return nil
	}
	var out []string
	t := v.Type()
	for i := 0; i < t.NumMethod(); i++ {
		out = append(out, t.Method(i).Name)
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() == reflect.Struct {
		for i := 0; i < t.NumField(); i++ {
			if f := t.Field(i); f.IsExported() {
				out = append(out, f.Name)
			}
		}
	}
	return out
}

func (s *Session) pkgPath(name string) (string, bool) {
	if p, ok := s.imported[name]; ok {
		return p, true
	}
	if s.defined[name] {
		return "", false
	}
	p, ok := s.byName[name]
	return p, ok
}

// pkgSymbols returns a package's compiled symbols: the interpreter's
// tables, with what the Go in use added to them.
func (s *Session) pkgSymbols(p string) map[string]reflect.Value {
	key := p + "/" + s.byPath[p]
	out := map[string]reflect.Value{}
	for _, tables := range []map[string]map[string]reflect.Value{stdsyms.Symbols, stdlib.Symbols, symbols.Symbols} {
		maps.Copy(out, tables[key])
	}
	return out
}

// sourceDecls maps the packages the interpreter has from source (slices,
// maps, cmp, iter and the generic parts of others) to their exported
// declarations' first lines, by name.
var sourceDecls = sync.OnceValue(func() map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, ps := range sources() {
		src := ps.src
		f, err := parser.ParseFile(token.NewFileSet(), "", src, 0)
		if err != nil {
			continue
		}
		pkg := ps.path
		if out[pkg] == nil {
			out[pkg] = map[string]string{}
		}
		line := func(n ast.Node) string {
			text := src[n.Pos()-1 : n.End()-1]
			text, _, _ = strings.Cut(text, "{")
			return strings.TrimSpace(text)
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil && d.Name.IsExported() {
					out[pkg][d.Name.Name] = line(d.Type)
				}
			case *ast.GenDecl:
				for _, sp := range d.Specs {
					if ts, ok := sp.(*ast.TypeSpec); ok && ts.Name.IsExported() {
						out[pkg][ts.Name.Name] = "type " + strings.TrimSpace(src[ts.Pos()-1:ts.End()-1])
					}
				}
			}
		}
	}
	return out
})

// sourceFuncs maps the generic funcs of the packages the interpreter has
// from source, as "path.Name", to their declarations (cell.Env.Source).
var sourceFuncs = sync.OnceValue(func() map[string]string {
	out := map[string]string{}
	for _, ps := range sources() {
		f, err := parser.ParseFile(token.NewFileSet(), "", ps.src, 0)
		if err != nil {
			continue
		}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.IsExported() && fd.Type.TypeParams.NumFields() > 0 {
				out[ps.path+"."+fd.Name.Name] = ps.src[fd.Pos()-1 : fd.End()-1]
				if tw := cell.PackageTwin(out[ps.path+"."+fd.Name.Name]); tw != "" && !isShim(ps.path) {
					out[ps.path+"."+cell.PackageTwinName(fd.Name.Name)] = tw // see twinFiles
				}
			}
		}
	}
	return out
})

// pkgSource is the source of (part of) a standard package the interpreter
// has from source.
type pkgSource struct{ path, src string }

// sources lists what the interpreter has from source, later sources
// replacing earlier declarations: yaegi's generic packages, the additions
// to them, and the shims, under the paths of the packages they complete.
func sources() []pkgSource {
	var out []pkgSource
	for _, src := range append(generic.Sources[:], slicesExtra, mapsExtra, cmpExtra, iterSource, uniqueSource) {
		f, err := parser.ParseFile(token.NewFileSet(), "", src, parser.PackageClauseOnly)
		if err == nil {
			out = append(out, pkgSource{f.Name.Name, src})
		}
	}
	for _, sh := range shims {
		out = append(out, pkgSource{sh.path, sh.src})
	}
	return out
}

// Inspect returns the documentation of the name at the cursor.
func (s *Session) Inspect(code string, cursor, detail int) InspectReply {
	off := byteOffset(code, cursor)
	start, end := wordAt(code, off, true)
	rep := InspectReply{Status: "ok", Data: map[string]any{}, Metadata: map[string]any{}}
	if text, ok := s.doc(strings.Trim(code[start:end], ".")); ok {
		rep.Found = true
		rep.Data["text/plain"] = text
	}
	return rep
}

// page is the payload that puts a name's documentation in the pager.
func (s *Session) page(name string) map[string]any {
	text, ok := s.doc(name)
	if !ok {
		text = fmt.Sprintf("no documentation found for %s", name)
	}
	return map[string]any{"source": "page", "data": map[string]any{"text/plain": text}, "start": 0}
}

// doc describes a name: a cell definition's source, a package or package
// member's signature and documentation, or a builtin.
func (s *Session) doc(name string) (string, bool) {
	if name == "" {
		return "", false
	}
	if src, ok := s.sources[name]; ok {
		return src, true
	}
	if s.defined[name] {
		if v, err := s.in.Eval(name); err == nil && v.IsValid() {
			return fmt.Sprintf("%s %s = %v", name, v.Type(), v), true
		}
	}
	pkg, member, _ := strings.Cut(name, ".")
	p, ok := s.pkgPath(pkg)
	if !ok {
		return "", false
	}
	d := s.packageDocs(p)
	if member == "" {
		text := fmt.Sprintf("package %s // import %q", s.byPath[p], p)
		if d != nil && d.Doc != "" {
			text += "\n\n" + d.Doc
		}
		return text, true
	}
	var text string
	if sym, ok := s.pkgSymbols(p)[member]; ok {
		text = signature(s.byPath[p], member, sym)
	} else if decl, ok := sourceDecls()[p][member]; ok {
		text = strings.Replace(decl, "func ", "func "+s.byPath[p]+".", 1)
	} else {
		return "", false
	}
	if d != nil && d.Members[member] != "" {
		text += "\n\n" + d.Members[member]
	}
	return text, true
}

func signature(pkg, name string, v reflect.Value) string {
	t := v.Type()
	switch {
	case t.Kind() == reflect.Func:
		return "func " + pkg + "." + name + strings.TrimPrefix(t.String(), "func")
	case t.Kind() == reflect.Pointer && v.IsNil():
		return "type " + pkg + "." + name + " " + t.Elem().Kind().String()
	default:
		return fmt.Sprintf("%s.%s %s = %v", pkg, name, t, v)
	}
}

// userExpression evaluates one of an execute request's user_expressions.
func (s *Session) userExpression(ctx context.Context, expr string) map[string]any {
	s.result = nil
	if _, err := s.in.EvalWithContext(ctx, "_fountain_show("+expr+")"); err != nil {
		return map[string]any{"status": "error", "ename": "Error", "evalue": err.Error(), "traceback": []string{err.Error()}}
	}
	data := map[string]any{}
	if s.result != nil {
		data = jsonSafe(s.result.Data)
	}
	return map[string]any{"status": "ok", "data": data, "metadata": map[string]any{}}
}
