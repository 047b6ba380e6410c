package cell

import (
	"errors"
	"strings"
	"testing"
)

// chunksText returns the source of all of p's chunks, one after another.
func chunksText(p *Program) string {
	var b strings.Builder
	for _, c := range p.Chunks {
		b.WriteString(c.Src)
	}
	return b.String()
}

// env is a fake evaluator state for compiler tests.
type env struct {
	imported map[string]string
	defined  map[string]bool
	renames  map[string]string
	typed    map[int]Typed
	sources  map[string]string
}

func newEnv() *env {
	return &env{imported: map[string]string{}, defined: map[string]bool{}, renames: map[string]string{}, typed: map[int]Typed{}, sources: map[string]string{}}
}

func (e *env) Imported(n string) (string, bool) { p, ok := e.imported[n]; return p, ok }
func (e *env) Defined(n string) bool            { return e.defined[n] }
func (e *env) PackageByName(n string) (string, bool) {
	p, ok := map[string]string{"fmt": "fmt", "strings": "strings", "rand": "math/rand", "filepath": "path/filepath"}[n]
	return p, ok
}
func (e *env) IsInteger(n string) bool  { return n == "count" }
func (e *env) HoldsChans(n string) bool { return n == "chans" }
func (e *env) VarType(string) string    { return "" }
func (e *env) HoldsInterface(n string) string {
	return map[string]string{"lastErr": "error", "lastAny": "any"}[n]
}
func (e *env) Methods(t string) []string {
	var out []string
	for k, src := range e.sources {
		if strings.HasPrefix(k, t+".") {
			out = append(out, src)
		}
	}
	return out
}
func (e *env) MethodSig(p, typ, m string, ptr bool) ([]string, []string, bool, bool) {
	if p == "time" && typ == "Time" && m == "Before" {
		return []string{"time.Time"}, []string{"bool"}, false, true
	}
	return nil, nil, false, false
}
func (e *env) FuncSig(p, name string) ([]string, []string, bool, bool) {
	if p == "io" && name == "MultiWriter" {
		return []string{"[]io.Writer"}, []string{"io.Writer"}, true, true
	}
	return nil, nil, false, false
}
func (e *env) Interface(p, typ string) (string, bool) {
	if p == "io" && typ == "Writer" {
		return "interface{ Write([]uint8) (int, error) }", true
	}
	if p == "fmt" && typ == "Stringer" {
		return "interface{ String() (string) }", true
	}
	return "", false
}
func (e *env) Typed(off int) Typed {
	return e.typed[off]
}
func (e *env) Source(n string) string { return e.sources[n] }
func (e *env) Shim(p, n string) (string, bool) {
	return "fountainsync", p == "sync" && n == "OnceValue"
}
func (e *env) Types() []string { return nil }

func (e *env) Rename(n string) string {
	if r, ok := e.renames[n]; ok {
		return r
	}
	return n
}
func (e *env) PackageName(p string) string {
	return map[string]string{"math/rand": "rand", "fmt": "fmt", "strings": "strings", "path/filepath": "filepath"}[p]
}

func TestSplit(t *testing.T) {
	src := "import \"fmt\"\nx := 1\nfunc f() int {\n\treturn x\n}\nfunc (t T) M() {}\nfunc() { fmt.Println() }()\ntype T struct{}\nvar y = 2\nf()"
	units, err := Split(src)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, u := range units {
		kinds = append(kinds, u.Kind.String())
	}
	want := "import stmt decl decl stmt decl decl stmt"
	if got := strings.Join(kinds, " "); got != want {
		t.Fatalf("kinds %q, want %q", got, want)
	}
}

func TestCompileOrderAndDefines(t *testing.T) {
	p, err := Compile("n := 10\nfunc twice() int { return n * 2 }\ntwice()", newEnv())
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Chunks) != 3 || p.Chunks[0].Kind != Stmt || p.Chunks[1].Kind != Decl || !p.Chunks[2].Show {
		t.Fatalf("chunks %+v", p.Chunks)
	}
	if strings.Join(p.Defines, ",") != "n,twice" {
		t.Fatalf("defines %v", p.Defines)
	}
	if !strings.Contains(p.Chunks[2].Src, HelperShow+"(twice())") {
		t.Fatalf("show chunk %q", p.Chunks[2].Src)
	}
	if !strings.Contains(p.Sources["twice"], "return n * 2") {
		t.Fatalf("sources %v", p.Sources)
	}
}

func TestChunksKeepCellPositions(t *testing.T) {
	src := "a := 1\n\nfunc g() {}\n  b := a"
	p, err := Compile(src, newEnv())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range p.Chunks {
		if strings.Count(c.Src, "\n") != strings.Count(src, "\n") {
			t.Fatalf("chunk %q lost lines", c.Src)
		}
	}
	last := p.Chunks[len(p.Chunks)-1].Src
	if i := strings.LastIndex(last, "\n"); last[i+1:] != "  b := a" {
		t.Fatalf("last line %q", last[i+1:])
	}
}

func TestImports(t *testing.T) {
	e := newEnv()
	e.imported["fmt"] = "fmt"
	p, err := Compile("import \"fmt\"\nimport \"strings\"\nimport \"strings\"\nfilepath.Base(strings.TrimSpace(\" x \"))", e)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, im := range p.Imports {
		got = append(got, im.Name+"="+im.Path)
	}
	if strings.Join(got, " ") != "strings=strings filepath=path/filepath" {
		t.Fatalf("imports %v", got)
	}
	if !p.Imports[1].Auto {
		t.Fatal("filepath should be an automatic import")
	}
	if _, err := Compile("import \"crypto/rand\"\nimport \"math/rand\"", e); err == nil {
		t.Fatal("a name clash between imports must be an error")
	}
}

func TestRewrites(t *testing.T) {
	compilesTo(t, []string{"a", "b", "c", "x", "m", "work", "fs", "use", "count"}, []struct{ src, want string }{
		{"v := min(a, b, c)", HelperMin + "(" + HelperMin + "(a, b), c)"},
		{"v := max(x)", "v := (x)"},
		// Constants fold into one, last; constants alone are the constant.
		{"v := max(1.5, 2)", "v := (2.0)"},
		{"v := min(3, 1, 2)", "v := (1)"},
		{"v := min(-2, x, 1.5, a)", HelperMin + "(" + HelperMin + "(x, a), -2.0)"},
		{"v := max(2, x, 9)", HelperMax + "(x, 9,)"},
		{"v := max(2,\n\tx,\n\t9,\n)", HelperMax + "(\nx, 9,\n\n)"},
		{"clear(m)", HelperClear + "(m)"},
		{"go work(1)", "go func() { defer " + HelperGoRecover + "(); work(1) }()"},
		{"go func() { x() }()", "go func() {defer " + HelperGoRecover + "();  x() }()"},
		{"for i := range 3 { go work(i) }", "if func() bool {  go func() { defer " + HelperGoRecover + "(); work(i) }() ; return false }() { break }"},
		{"for i := 0; i < 3; i++ { fs = append(fs, func() int { return i }) }", "return _fountain_iter_i }"},
		{"for i := 0; i < 3; i++ { i++; fs = append(fs, func() int { return i }) }", "{ i++; fs"},
		{"for k, v := range m { go use(k, v) }", "_fountain_iter_k := k; _fountain_iter_v := v;"},
		{"for i := range 3 { use(i) }", "for _fountain_k0, _fountain_n0 := 0*(3), (3); _fountain_k0 < _fountain_n0; _fountain_k0++ { i := _fountain_k0; _ = i; use(i) }"},
		{"for range count { use(1) }", "_fountain_k0 < _fountain_n0"},
		{"n := 4\nfor j := range n * 2 { use(j) }", "0*(n * 2)"},
		{"func f(n int64) { for range n {} }", "0*(n)"},
		{"for i := range m { use(i) }", "for i := range m"},
		{"type T struct{ a, b int; C int; x int `db:\"x\" json:\"x\"` }", "a, b int `json:\"-\" xml:\"-\" frame:\"-\"`; C int; x int `json:\"-\" xml:\"-\" frame:\"-\" db:\"x\"` }"},
	})
}

func TestUserMinIsNotRewritten(t *testing.T) {
	e := newEnv()
	e.defined["min"] = true
	p, err := Compile("min(1, 2)", e)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(p.Chunks[0].Src, HelperMin) {
		t.Fatalf("rewrote the user's own min: %q", p.Chunks[0].Src)
	}
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct {
		src       string
		line, col int
		msg       string
	}{
		{"x := 1\ny := x +\n", 2, 9, "expected operand at the end of the cell"},
		{"a := 1\n\nc := missing + a", 3, 6, "undefined: missing"},
		{"func main() {}", 1, 1, "func main has no meaning"},
		{"func f() { return nope }", 1, 19, "undefined: nope"},
		// Generic types yaegi would recurse on until the process dies.
		{"x := 1\ntype N[T, U any] struct{ next func() N[U, T] }", 2, 6, "N refers to itself with type arguments other than its type parameters"},
		{"type A[T any] struct{ b *B[T] }\ntype B[T any] struct{ a []A[T] }", 1, 6, "generic types A -> B -> A refer to each other"},
	} {
		_, err := Compile(tc.src, newEnv())
		var ce *Error
		if !errors.As(err, &ce) {
			t.Errorf("%q: error %v, want a cell.Error", tc.src, err)
			continue
		}
		if ce.Line != tc.line || ce.Col != tc.col || !strings.Contains(ce.Msg, tc.msg) {
			t.Errorf("%q: got %d:%d %q, want %d:%d %q", tc.src, ce.Line, ce.Col, ce.Msg, tc.line, tc.col, tc.msg)
		}
	}
}

// TestGenericCyclesYaegiHandles: the generic self-references yaegi
// instantiates are let through, also against an earlier cell's type.
func TestGenericCyclesYaegiHandles(t *testing.T) {
	e := newEnv()
	e.defined["P"] = true
	e.sources["P"] = "type P[T any] struct{ v T; next *P[T] }"
	for _, src := range []string{
		"type Tree[K comparable, V any] struct{ k K; v V; left, right *Tree[K, V] }",
		"type L[T any] struct{ v T; next *L[T] }",
		"type Trie[T any] struct{ kids map[rune]*Trie[T] }",
		"type Q[T any] struct{ p P[T]; q *Q[T] }",
		"type Pair[K comparable, V any] struct{ k K; v V; m map[K]P[V] }",
	} {
		if _, err := Compile(src, e); err != nil {
			t.Errorf("%q: %v", src, err)
		}
	}
	e.defined["R"] = true
	e.sources["R"] = "type R[T any] struct{ s *S[T] }"
	if _, err := Compile("type S[T any] struct{ r R[T] }", e); err == nil || !strings.Contains(err.Error(), "S -> R -> S refer to each other") {
		t.Errorf("cycle through an earlier cell's type: %v", err)
	}
}

// TestMultiInstanceRewrite: values of an instance of a generic type of two
// type parameters are built in a variable of the type, lines kept.
func TestMultiInstanceRewrite(t *testing.T) {
	e := newEnv()
	p, err := Compile("type G[K comparable, V any] struct{ k K; v V }\nfunc (g *G[K, V]) C() *G[K, V] { return &G[K, V]{\n\tk: g.k,\n} }\nx := G[int, string]{1, \"a\"}\ny := new(G[int, string])", e)
	if err != nil {
		t.Fatal(err)
	}
	all := chunksText(p)
	for _, want := range []string{
		"return func() *G[K, V] { var _fountain_z G[K, V]; \n_fountain_z.k = g.k;\n return &_fountain_z }() }",
		"x := func() G[int, string] { var _fountain_z G[int, string]; _fountain_z.k = 1; _fountain_z.v = \"a\"; return _fountain_z }()",
		"y := func() *G[int, string] { var _fountain_z G[int, string]; return &_fountain_z }()",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("missing %q in %q", want, all)
		}
	}
	for _, c := range p.Chunks {
		if i := strings.Index(c.Src, "x := "); i >= 0 && strings.Count(c.Src[:i], "\n") != 4 {
			t.Errorf("lines not kept: %q", c.Src)
		}
	}
}

// TestPositionalGenericCall: a call with two type arguments, written by the
// user or inferred, as an element of a composite literal without a key,
// gets its result type from a func literal (yaegi fails on it bare).
func TestPositionalGenericCall(t *testing.T) {
	e := newEnv()
	e.defined["MakePair"] = true
	e.sources["MakePair"] = "func MakePair[K comparable, V any](k K, v V) Pair[K, V] { return Pair[K, V]{k, v} }"
	e.renames["Pair"] = "Pair__2"
	e.defined["Pair"] = true
	p, err := Compile("ps := []Pair[string, int]{MakePair(\"a\", 1), (MakePair[string, int](\"b\", 2)), {\"c\", 3}}\nm := map[int]Pair[string, int]{1: MakePair(\"d\", 4)}", e)
	if err != nil {
		t.Fatal(err)
	}
	all := chunksText(p)
	for _, want := range []string{
		`func() Pair__2[string, int] { return MakePair[string, int]("a", 1) }()`,
		`(func() Pair__2[string, int] { return MakePair[string, int]("b", 2) }())`,
		`{1: MakePair[string, int]("d", 4)}`, // a keyed element needs nothing
	} {
		if !strings.Contains(all, want) {
			t.Errorf("missing %q in %q", want, all)
		}
	}
}

// TestYaegiGenericRewrites: the rewrites around yaegi's generic bugs, as
// source: a range over a slice of channels by index, a range over min(...)
// as an integer, a range over an iterator a call returns in a generic
// body, and type-set constraints written out as unions.
func TestYaegiGenericRewrites(t *testing.T) {
	e := newEnv()
	src := "type Num interface{ ~int | ~float64 }\n" +
		"func Sum[T Num](xs []T) T { var s T; for _, x := range xs { s += x }; return s }\n" +
		"func Max[T cmp.Ordered](a, b T) T { if a > b { return a }; return b }\n" +
		"func Merge[T any](cs ...<-chan T) int { n := 0; for _, c := range cs { n += len(c) }; return n }\n" +
		"func Zip[A, B any](as []A, bs []B) int { n := 0; for i := range min(len(as), len(bs)) { n += i }; return n }\n" +
		"func Each[T any](xs []T) int { n := 0; for v := range slices.Values(xs) { _ = v; n++ }; return n }"
	e.imported["slices"] = "slices"
	e.imported["cmp"] = "cmp"
	e.sources["slices.Values"] = "func Values[E any](s []E) iter.Seq[E] { return nil }"
	p, err := Compile(src, e)
	if err != nil {
		t.Fatal(err)
	}
	all := chunksText(p)
	for _, want := range []string{
		"func Sum[T ~int | ~float64](xs []T) T",
		"func Max[T " + OrderedUnion + "](a, b T) T",
		"for _fountain_k := range cs { c := cs[_fountain_k]; n += len(c) }",
		":= 0*(_fountain_min(len(as), len(bs))), (_fountain_min(len(as), len(bs)));",
		"(slices.Values(xs))(func(v T) bool {", // yaegi infers this one itself
	} {
		if !strings.Contains(all, want) {
			t.Errorf("missing %q in %q", want, all)
		}
	}
}

// TestTypesChunkFirst: a group of declarations with types and funcs
// compiles the types (and consts) first, so that the evaluator knows
// their names before generic code in the funcs is instantiated with them.
func TestTypesChunkFirst(t *testing.T) {
	p, err := Compile("func f() T { return T{n} }\ntype T struct{ a [n]int }\nconst n = 2\nfunc (T) M() {}", newEnv())
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Chunks) != 2 || !strings.Contains(p.Chunks[0].Src, "type T") || strings.Contains(p.Chunks[0].Src, "func") ||
		!strings.Contains(p.Chunks[1].Src, "func f()") {
		t.Fatalf("chunks %+v", p.Chunks)
	}
	if p.DeclChunk["T"] != 0 || p.DeclChunk["n"] != 0 || p.DeclChunk["f"] != 1 || p.DeclChunk["T.M"] != 1 {
		t.Errorf("DeclChunk %v", p.DeclChunk)
	}
}

// TestMethodExpressionRewrite: method expressions become func literals.
func TestMethodExpressionRewrite(t *testing.T) {
	e := newEnv()
	e.imported["time"] = "time"
	e.sources["T.Add"] = "func (t *T) Add(x int, rest ...string) (int, error) { return 0, nil }"
	e.sources["T"] = "type T struct{}"
	e.defined["T"] = true
	e.renames["T"] = "T__2"
	p, err := Compile("f := time.Time.Before\ng := (*T).Add", e)
	if err != nil {
		t.Fatal(err)
	}
	all := p.Chunks[0].Src
	for _, want := range []string{
		"f := func(r time.Time, a0 time.Time) bool { return r.Before(a0) }",
		"g := func(r *T__2, a0 int, a1 ...string) (int, error) { return r.Add(a0, a1...) }",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("missing %q in %q", want, all)
		}
	}
}

// TestErrorValues: values set to error variables and error(v) go through
// the helper call.
func TestErrorValues(t *testing.T) {
	e := newEnv()
	e.defined["lastErr"] = true
	p, err := Compile("type E struct{}\nvar a error = E{}\nvar b error\nb = E{}\nlastErr = E{}\nc := error(E{})\nb = nil\nfunc f() { var d error; d = E{}; _ = d }", e)
	if err != nil {
		t.Fatal(err)
	}
	all := chunksText(p)
	for _, want := range []string{"var a error = _fountain_err(E{})", "b = _fountain_err(E{})", "lastErr = _fountain_err(E{})",
		"c := _fountain_err(E{})", "b = nil", "d = _fountain_err(E{})"} {
		if !strings.Contains(all, want) {
			t.Errorf("missing %q in %q", want, all)
		}
	}
}

// TestTypeParamsNamedAsFields: a type parameter named as a field, a
// selected name or a key gets a name of its own; those names stay.
func TestTypeParamsNamedAsFields(t *testing.T) {
	p, err := Compile("type Pair[K comparable, V any] struct{ K K; V V }\nfunc (p Pair[K, V]) Key() K { return p.K }\nfunc Plain[T any](x T) T { return x }", newEnv())
	if err != nil {
		t.Fatal(err)
	}
	all := chunksText(p)
	for _, want := range []string{"type Pair[K__0 comparable, V__0 any] struct{ K K__0; V V__0 }", "func (p Pair[K__0, V]) Key() K__0 { return p.K }", "func Plain[T any](x T) T"} {
		if !strings.Contains(all, want) {
			t.Errorf("missing %q in %q", want, all)
		}
	}
}

// TestSelfReferenceOneIndex: a generic type's references to itself with
// all its type parameters keep the first index only, which yaegi takes for
// the instance being made; line layout kept.
func TestSelfReferenceOneIndex(t *testing.T) {
	p, err := Compile("type Tree[K comparable, V any] struct {\n\tleft, right *Tree[K,\n\t\tV]\n\tm map[K]*Tree[K, V]\n\to *Tree[V, K]\n}", newEnv())
	if err == nil {
		t.Fatalf("swapped arguments compiled: %q", p.Chunks[0].Src)
	}
	p, err = Compile("type Tree[K comparable, V any] struct {\n\tleft, right *Tree[K,\n\t\tV]\n\tm map[K]*Tree[K, V]\n}", newEnv())
	if err != nil {
		t.Fatal(err)
	}
	tag := " `" + hiddenTag + "`"
	if want := "type Tree[K comparable, V any] struct {\n\tleft, right *Tree[K\n]" + tag + "\n\tm map[K]*Tree[K]" + tag + "\n}"; p.Chunks[0].Src != want {
		t.Errorf("got %q, want %q", p.Chunks[0].Src, want)
	}
}

func TestNotReferences(t *testing.T) {
	// Struct literal keys, selectors, labels and method names are not free names.
	src := "type P struct{ X int }\np := P{X: 1}\nfunc (P) Name() string { return \"p\" }\nouter:\nfor {\n\tbreak outer\n}\nfmt.Println(p.X)"
	if _, err := Compile(src, newEnv()); err != nil {
		t.Fatal(err)
	}
}

func TestPrintIsNotShown(t *testing.T) {
	p, err := Compile(`fmt.Println("hi")`, newEnv())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range p.Chunks {
		if c.Show {
			t.Fatal("fmt.Println's results should not be shown")
		}
	}
}

func TestCompleteness(t *testing.T) {
	for src, want := range map[string]string{
		"fmt.Println(1)":      "complete",
		"func f() {":          "incomplete",
		"x := []int{1,":       "incomplete",
		"s := `abc":           "incomplete",
		"/* open comment":     "incomplete",
		"x := )":              "invalid",
		"x = = 2":             "invalid",
		"%time x":             "complete",
		"s := \"{\"":          "complete",
		"// only { a comment": "complete",
	} {
		if got, _ := Completeness(src); got != want {
			t.Errorf("Completeness(%q) = %s, want %s", src, got, want)
		}
	}
}

func FuzzCompile(f *testing.F) {
	for _, s := range []string{"x := 1\nx", "func f[T any](v T) T { return v }", "import \"fmt\"\nfmt.Println(min(1,2,3))",
		"for i := range 3 { go func() { _ = i }() }", "type T struct{}\nfunc (T) M() {}", "x := `a\nb`", "label:\nfor { break label }",
		"a, b := f()", "func Map[T, U any](xs []T, f func(T) U) []U { return nil }\nys := Map(xs, strconv.Itoa)",
		"func f() (int, error) {\n\tL: for x := range s {\n\t\tif x > 1 { break L }\n\t\tfor y := range s { return y, nil }\n\t}\n\treturn 0, nil\n}",
		// The rewrites around yaegi's generics.
		"type G[K comparable, V any] struct{ K K; v V }\nfunc (g *G[K, V]) C() *G[K, V] { return &G[K, V]{\n\tK: g.K,\n} }\nx := G[int, string]{1, \"a\"}\ny := new(G[int, string])",
		"type N interface{\n\t~int | ~float64\n}\nfunc S[T N, U cmp.Ordered](xs []T) (t T) { for _, x := range xs { t += x }; return }",
		"func M[T any](cs ...<-chan T) int { n := 0; for k,\n c := range cs { n += len(c) + k }; for i := range min(len(cs), 3) { n += i }; return n }",
		"func P[A, B any](a A, b B) A { return a }\nxs := []int{P[int, string](1, \"a\"), P(2, 3)}",
		"type T[A, B any] struct{ next *T[A, B] }",
		"func E[T any](xs []T) { for v := range slices.Values(xs) { _ = v } }",
		// defers bound at the statement, the cell's own defers, comma-ok defines.
		"func f() { for i := 0; i < 3; i++ { g := h(i); defer g.Close(x,\n i*2, 1.5); defer func(n int) { use(i, n) }(i) } }",
		"func f() { c := func() {}; x := 1; defer c(); defer use(min(x, 2)); x++ }\ndefer use(a, 1)",
		"v, ok := m[k]\n_, ok2 := <-ch\nw, ok3 := x.(T)",
		// assertions and type switches on interfaces, recover
		"type S interface{ M() }\ntype T struct{}\nfunc (T) M() {}\nfunc f(v any) { s, ok := v.(S); _ = v.(error)\n\tswitch x := g(v).(type) { case T, nil: _ = x; case S: x.M(); case error: break; default: } ; _, _ = s, ok }\nfunc h() { defer func() { switch recover().(type) { case fmt.Stringer: } }() }",
		// break to a label from a select
		"L:\nfor {\n\tselect {\n\tcase <-c: break L\n\tcase <-d: func() { for { break } }()\n\t}\n}\nM: for range 2 { select { default: break M } }",
		// a frame per iteration for loops that make values of types with methods
		"type E struct{}\nfunc (*E) Error() string { return \"\" }\nvar es []*E\nfor i := 0; i < 3; i++ {\n\tswitch { case i > 0: break }\n\tif i > 1 { continue }\n\terrs = append(errs, &E{}, E{})\n\tes = append(es, &E{})\n\tfor { break }\n}",
		// arguments of fmt with their types' names
		"type B int\nfunc (b B) String() string { return \"\" }\nvar x B = 1\nbs := []B{x}\nfmt.Printf(\"%T %v %[1]d\", &x, map[string]B{})\nfmt.Println(bs, (bs), B(2))\nbs",
		// errors of struct types of value receiver
		"type E struct{ a int }\nfunc (E) Error() string { return \"\" }\nfunc (_ E) M() {}\nvar err error = E{}\ne, ok := err.(E)\nswitch x := err.(type) { case E, nil: _ = x; case error: }",
		// errors.As into variables of the cells' interface types
		"type T interface{ M() }\nvar t T\nok := errors.As(err, &t)\nfunc f(e error) bool { var x interface{ M() }; return errors.As(e,\n &x) || errors.As(e, &t) }"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		// Compile recovers its own panics; here they are failures.
		compile := func(src string, e Env) (*Program, error) {
			p, err := Compile(src, e)
			var bug *CompilerBug
			if errors.As(err, &bug) {
				t.Fatalf("%q: %v", src, err)
			}
			return p, err
		}
		p, err := compile(src, newEnv())
		if err != nil {
			return
		}
		// Every chunk keeps the cell's line layout, so interpreter positions
		// are cell positions; so do range statements rewritten as calls.
		e := newEnv()
		for _, c := range p.Chunks {
			for _, r := range c.Sites {
				e.typed[r] = Typed{Func: true, Params: []string{"int", "string"}}
			}
		}
		rewritten, _ := compile(src, e)
		// Sites given types (defines, generic calls' arguments) and
		// asked to probe must not crash the compiler either.
		typed, probed := newEnv(), newEnv()
		for _, c := range p.Chunks {
			for _, r := range c.Sites {
				typed.typed[r] = Typed{Type: "map[string]*G[int, strings.Builder]"}
				probed.typed[r] = Typed{Probe: true}
			}
		}
		compile(src, typed)
		compile(src, probed)
		for _, q := range []*Program{p, rewritten} {
			if q == nil {
				continue
			}
			for _, c := range q.Chunks {
				if strings.Count(c.Src, "\n") != strings.Count(src, "\n") {
					t.Fatalf("chunk %q of %q changed the line count", c.Src, src)
				}
			}
		}
		Completeness(src)
	})
}

func TestRenamedTypes(t *testing.T) {
	e := newEnv()
	e.defined["T"] = true
	e.renames["T"] = "T__2"
	p, err := Compile("type T struct{ A int }\nfunc (t T) M() int { return t.A }\nfunc use(x T) T { return T{A: x.A} }\nv := T{A: 1}", e)
	if err != nil {
		t.Fatal(err)
	}
	all := chunksText(p)
	for _, want := range []string{"type T__2 struct{ A int }", "func (t T__2) M()", "func use(x T__2) T__2 { return T__2{A: x.A} }", "v := T__2{A: 1}"} {
		if !strings.Contains(all, want) {
			t.Errorf("missing %q in %q", want, all)
		}
	}
	if strings.Join(p.Types, ",") != "T" {
		t.Errorf("types %v", p.Types)
	}
}

// TestRenamedSelfReferences: a declaration's references to itself (a
// linked type, a recursive generic func) take its internal name too, and
// a generic func is listed as such.
func TestRenamedSelfReferences(t *testing.T) {
	e := newEnv()
	e.renames["Node"] = "Node__2"
	e.renames["Fact"] = "Fact__3"
	p, err := Compile("type Node struct{ next *Node }\nfunc Fact[T int | int64](n T) T { if n < 2 { return 1 }; return n * Fact(n-1) }\nfunc Plain() {}\nx := Fact(3)", e)
	if err != nil {
		t.Fatal(err)
	}
	all := chunksText(p)
	for _, want := range []string{"type Node__2 struct{ next *Node__2 `" + hiddenTag + "` }", "func Fact__3[T int | int64](n T) T", "return n * Fact__3(n-1)", "x := *new(int); x = Fact__3[int](3)"} {
		if !strings.Contains(all, want) {
			t.Errorf("missing %q in %q", want, all)
		}
	}
	if strings.Join(p.Generic, ",") != "Fact" {
		t.Errorf("generic funcs %v, want [Fact]", p.Generic)
	}
}

// TestRangeFuncRewrite checks the rewrite of a range over a func, and the
// errors for what it cannot keep the meaning of.
func TestRangeFuncRewrite(t *testing.T) {
	funcs := func(src string) *env {
		e := newEnv()
		e.defined["seq"] = true
		p, err := Compile(src, e)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range p.Chunks {
			for _, r := range c.Sites {
				e.typed[r] = Typed{Func: true, Params: []string{"int"}}
			}
		}
		return e
	}
	src := "func f() int {\n\tfor x := range seq {\n\t\tif x > 2 { break }\n\t\tif x == 1 { continue }\n\t\treturn x\n\t}\n\treturn -1\n}"
	p, err := Compile(src, funcs(src))
	if err != nil {
		t.Fatal(err)
	}
	got := p.Chunks[0].Src
	for _, want := range []string{"(seq)(func(x int) bool {", "return false }", "return true }", "_fountain_r0_0 = x; _fountain_ret0 = true; return false }",
		"if _fountain_ret0 { return _fountain_r0_0 }"} {
		if !strings.Contains(got, want) {
			t.Errorf("rewrite lacks %q:\n%s", want, got)
		}
	}
	for src, msg := range map[string]string{
		"func g() { for x := range seq { defer println(x) } }":                                  "defer",
		"func g() { for x := range seq { goto L }; L: }":                                        "goto",
		"func g() {\nOuter:\n\tfor i := 0; i < 2; i++ { for x := range seq { break Outer } } }": "break Outer",
		"func g() { for x, y := range seq {} }":                                                 "iteration variables",
	} {
		_, err := Compile(src, funcs(src))
		if err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("%q: %v, want an error about %s", src, err, msg)
		}
	}
}

// TestInferTypeArgs checks the type arguments written into calls of the
// cells' generic funcs from the argument types probes found.
func TestInferTypeArgs(t *testing.T) {
	// compile compiles src once to find its sites, gives each site the
	// type types says (by the source text of its argument), compiles again
	// and returns the chunks' text.
	compile := func(src string, types map[string]string, probe bool) (string, error) {
		e := newEnv()
		for _, n := range []string{"Map", "First", "Names", "Two", "xs", "f", "ns", "ps", "a", "b", "c"} {
			e.defined[n] = true
		}
		e.imported["strconv"] = "strconv"
		e.sources["Map"] = "func Map[T, U any](xs []T, f func(T) U) []U { return nil }"
		e.sources["First"] = "func First[S ~[]E, E any](s S) E { return s[0] }"
		e.sources["Two"] = "func Two[A, B any](x, y A, z B) {}"
		e.sources["Names"] = "type Names []string"
		p, err := Compile(src, e)
		if err != nil {
			return "", err
		}
		for _, c := range p.Chunks {
			for _, at := range c.Sites {
				arg := src[at:]
				for text, typ := range types {
					if strings.HasPrefix(arg, text) {
						e.typed[at] = Typed{Type: typ, Probe: probe && typ == ""}
					}
				}
			}
		}
		if p, err = Compile(src, e); err != nil {
			return "", err
		}
		return chunksText(p), nil
	}
	for _, tc := range []struct {
		src   string
		types map[string]string
		want  string
	}{
		{"Map(xs, strconv.Itoa)", map[string]string{"strconv.Itoa": "func(int) string"}, "Map[int, string](xs, strconv.Itoa)"},
		{"Map(xs, f)", map[string]string{"xs": "[]float64", "f": "func(float64) map[string][]int"}, "Map[float64, map[string][]int](xs, f)"},
		{"First(ns)", map[string]string{"ns": "Names"}, "First[Names, string](ns)"},
		{"First(ps)", map[string]string{"ps": "[]*P__2"}, "First[[]*P__2, *P__2](ps)"},
		{"Two(a, b, 1.5)", map[string]string{"a": "int8"}, "Two[int8, float64](a, b, 1.5)"},
		// Nothing probed: the call stays as written.
		{"Map(xs, strconv.Itoa)", map[string]string{}, "(Map(xs, strconv.Itoa))"},
	} {
		got, err := compile(tc.src, tc.types, false)
		if err != nil || !strings.Contains(got, tc.want) {
			t.Errorf("%q: %v\n%s\nwant %q", tc.src, err, got, tc.want)
		}
	}
	// Asked to probe, the func argument comes first: it tells the most.
	got, err := compile("ys := Map(xs, func(v int) string { return \"\" })", map[string]string{"xs": "", "func": ""}, true)
	if err != nil {
		t.Fatal(err)
	}
	fn, xs := strings.Index(got, "= (func(v int)"), strings.Index(got, "= (xs)")
	if fn < 0 || xs < 0 || fn > xs {
		t.Errorf("probes out of order:\n%s", got)
	}
	// Types that cannot agree are the cell's error.
	_, err = compile("Two(a, b, c)", map[string]string{"a": "int", "b": "string"}, false)
	if err == nil || !strings.Contains(err.Error(), "in call to Two, cannot infer A: it would be both int and string (from b)") {
		t.Errorf("conflict: %v", err)
	}
}

// TestDeclaredIterator: a range over a parameter declared as an iterator
// is rewritten without a probe, also in a generic func's body.
func TestDeclaredIterator(t *testing.T) {
	e := newEnv()
	e.imported["iter"] = "iter"
	p, err := Compile("func Sum[T int | float64](seq iter.Seq[T]) (s T) {\n\tfor v := range seq { s += v }\n\treturn\n}\nfunc Each(f func(yield func(string, int) bool)) { for k, v := range f { _, _ = k, v } }", e)
	if err != nil {
		t.Fatal(err)
	}
	all := ""
	for _, c := range p.Chunks {
		all += c.Src
		if len(c.Sites) > 0 {
			t.Errorf("sites %v in %q", c.Sites, c.Src)
		}
	}
	for _, want := range []string{"(seq)(func(v T) bool {", "(f)(func(k string, v int) bool {"} {
		if !strings.Contains(all, want) {
			t.Errorf("missing %q in\n%s", want, all)
		}
	}
}

// TestMultiDefineOfPackageType: the types a multi-value define gets from
// probes may name packages (a crash once: the compiler had no map for them
// yet).
func TestMultiDefineOfPackageType(t *testing.T) {
	e := newEnv()
	e.defined["f"] = true
	src := "a, b := f()"
	p, err := Compile(src, e)
	if err != nil {
		t.Fatal(err)
	}
	for _, at := range p.Chunks[0].Sites {
		e.typed[at] = Typed{Type: "*strings.Builder"}
	}
	if _, err := Compile(src, e); err != nil {
		t.Fatal(err)
	}
}

// TestDeferBinding: a defer in a loop, or whose operands change after it,
// is made by a closure from a helper called at the defer; the cell's own
// defers go to HelperAtEnd; others stay as written.
func TestDeferBinding(t *testing.T) {
	compilesTo(t, []string{"names", "open", "use", "mu"}, []struct{ src, want string }{
		{"func f() { for _, n := range names { g := open(n); defer g.Close() } }",
			"{ _fountain_defer0 := func() func() { _fountain_defer0_p0 := &g; return func() { (*_fountain_defer0_p0).Close() } }(); defer _fountain_defer0() }"},
		{"func f() { for i := 0; i < 3; i++ { defer use(i * 2, 1.5) } }",
			"_fountain_defer0_a0 := _fountain_iter_i * 2; return func() { use(_fountain_defer0_a0, 1.5) }"},
		{"func f() { x := 1; defer use(x); x = 2 }", "_fountain_defer0_a0 := x; return func() { use(_fountain_defer0_a0) }"},
		{"func f() { for _, n := range names { defer func() { use(n) }() } }", "_fountain_defer0_p0 := &_fountain_iter_n; return func() { func() { use((*_fountain_defer0_p0)) }() }"},
		{"func f() { c := func() { use(1) }; defer c() }", "c := func() func() { return func() { use(1) } }(); defer c()"},
		{"func f() { for i := range 2 { c := func() { use(i) }; defer c() } }", "c := func() func() { _fountain_closure0_p0 := &i; return func() func() { return func() { use((*_fountain_closure0_p0)) } }() }()"},
		{"func f() { x := 1; defer use(x) }", "defer use(x)"},
		{"func f() { mu.Lock(); defer mu.Unlock() }", "defer mu.Unlock()"},
		{"func f() { for range 3 { defer func() { recover() }() } }", "defer func() { " + HelperRecovered + "(recover()) }()"},
		{"defer use(1)", "{ _fountain_defer0 := func() func() { return func() { use(1) } }(); " + HelperAtEnd + "(_fountain_defer0) }"},
	})
}

// TestCommaOKDefines: "v, ok := m[k]" at top level (which yaegi cannot
// compile) is a site probed for v's type; ok is a bool.
func TestCommaOKDefines(t *testing.T) {
	e := newEnv()
	e.defined["m"] = true
	p, err := Compile("v, ok := m[\"a\"]", e)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Chunks) != 1 || len(p.Chunks[0].Sites) != 1 {
		t.Fatalf("want one chunk with one site (v), got %+v", p.Chunks)
	}
	e.typed[p.Chunks[0].Sites[0]] = Typed{Type: "int"}
	p, err = Compile("v, ok := m[\"a\"]", e)
	if err != nil {
		t.Fatal(err)
	}
	if all, want := chunksText(p), "v, ok := *new(int), *new(bool); v, ok = m[\"a\"]"; !strings.Contains(all, want) {
		t.Errorf("compiled to %q, want it to contain %q", all, want)
	}
}

// TestFreshIterations: a loop body that makes values of a type with methods
// runs in a func literal per iteration, its own breaks and continues turned
// into returns; other loops stay as written.
func TestFreshIterations(t *testing.T) {
	decl := "type E struct{ s string }\nfunc (e *E) Error() string { return e.s }\n"
	compilesTo(t, []string{"xs", "errs", "qs"}, []struct{ src, want string }{
		{decl + "for _, s := range xs { if s == \"\" { continue }; if s == \"x\" { break }; errs = append(errs, &E{s}) }",
			"{if func() bool {  if s == \"\" { return false }; if s == \"x\" { return true }; errs = append(errs, &E{s}) ; return false }() { break } }"},
		{decl + "for i := range 3 { switch { case i > 1: break }; errs = append(errs, &E{}) }", "case i > 1: break }"},
		{decl + "var es []*E\nfor range 3 { es = append(es, &E{}) }", "_fountain_k80++ { es = append(es, &E{}) }"},
		{decl + "func f() error { for _, s := range xs { if s != \"\" { return &E{s} } }; return nil }", "{ if s != \"\" { return &E{s} } }"},
		{"type Q struct{ s string }\nfor _, s := range xs { qs = append(qs, Q{s}) }", "{ qs = append(qs, Q{s}) }"},
	})
}

// compilesTo checks that each case's source, with names defined by earlier
// cells, compiles to chunks that contain want.
func compilesTo(t *testing.T, defined []string, cases []struct{ src, want string }) {
	t.Helper()
	for _, tc := range cases {
		e := newEnv()
		for _, n := range defined {
			e.defined[n] = true
		}
		p, err := Compile(tc.src, e)
		if err != nil {
			t.Errorf("%q: %v", tc.src, err)
			continue
		}
		if all := chunksText(p); !strings.Contains(all, tc.want) {
			t.Errorf("%q compiled to %q, want it to contain %q", tc.src, all, tc.want)
		}
	}
}

// TestAssertionRewrites: assertions to interfaces and type switches with
// cases yaegi gets wrong go through func literals, where a value in
// yaegi's wrapper is checked against the cells' types that implement the
// interface (implementerChecks); others stay.
func TestAssertionRewrites(t *testing.T) {
	decl := "type Shape interface{ Area() float64 }\ntype Sq struct{}\nfunc (Sq) Area() float64 { return 1 }\n"
	compilesTo(t, []string{"v", "ch"}, []struct{ src, want string }{
		{decl + "s, ok := v.(Shape)", "func(_fountain_x0 any) (Shape, bool) { if !" + HelperHas + "(_fountain_x0, \"Area\") { var z Shape; return z, false }; switch _fountain_y0 := _fountain_x0.(type) { case Shape: return _fountain_y0, true; default: var z Shape; return z, false } }(v)"},
		{"type Shape interface{ Area() float64 }\ntype Rect struct{ W, H float64 }\nfunc (r *Rect) Area() float64 { return r.W * r.H }\nfunc (r *Rect) Error() string { return \"rect\" }\ns, ok := v.(Shape)", "if " + HelperWrapped + "(_fountain_x0) { if _fountain_y0, ok := " + HelperConcrete + "(_fountain_x0).(*Rect); ok && " + HelperOwned + "(_fountain_x0, \"Rect\") { return _fountain_y0, true }; }; if " + HelperBare + "(_fountain_x0) { if _fountain_y0, ok := _fountain_x0.(*Rect); ok && " + HelperOwned + "(_fountain_x0, \"Rect\") { return _fountain_y0, true }; }; switch"},
		{"e := v.(error)", "case " + HelperError + ": return _fountain_y0; case interface{ Error() string }: return _fountain_y0; default: panic(" + HelperNotImpl + "(_fountain_x0, \"error\"))"},
		{"s := v.(fmt.Stringer)", "case fmt.Stringer: return _fountain_y0; case interface{ String() (string) }: return _fountain_y0"},
		{"n := v.(int)", "n := v.(int)"},
		{decl + "switch x := v.(type) { case Sq: _ = x; case int: }", "switch func() int { if _, ok := v.(Sq); ok { return 0 }; if _, ok := v.(int); ok && !" + HelperNamed + "(v) { return 1 }; return -1 }() { case 0: x, _ := v.(Sq); _ = x; _ = x; case 1: x, _ := v.(int); _ = x; }"},
		{"switch x := v.(type) { case int, string: _ = x }", "switch x := v.(type) { case int, string: _ = x }"},
		{"r := recover()", "r := " + HelperRecovered + "(recover())"},
		{"loop:\nfor { select { case <-ch: break loop; default: break } }", "case 0: goto _fountain_brk_loop; default: break } } }; _fountain_brk_loop: ;"},
		{"loop:\nfor { switch { case true: break loop } }", "case true: break loop"},
	})
}

// TestPromotedOfPlainTypes: a struct embedding a type of the cells gets
// forwarding methods for its methods, but for a method two embedded types
// have (ambiguous in Go) and one the struct declares itself.
func TestPromotedOfPlainTypes(t *testing.T) {
	p, err := Compile("type A struct{}\nfunc (A) Name() string { return \"a\" }\nfunc (*A) Close() error { return nil }\ntype B struct{}\nfunc (B) Close() error { return nil }\ntype S struct{ A; B }\nfunc (S) Other() {}\ntype T struct{ *A }\nfunc (T) Name() string { return \"t\" }", newEnv())
	if err != nil {
		t.Fatal(err)
	}
	all := chunksText(p)
	if want := "func (s S) Name() string { return s.A.Name() }"; !strings.Contains(all, want) {
		t.Errorf("missing %q in %q", want, all)
	}
	for _, not := range []string{"func (s *S) Close", "func (s S) Close", "func (s T) Name"} {
		if strings.Contains(all, not) {
			t.Errorf("unexpected %q in %q", not, all)
		}
	}
}

// TestRangeOverProbedInt: a range whose operand a probe found to be an
// integer becomes a counting loop of that type, the operand evaluated once.
func TestRangeOverProbedInt(t *testing.T) {
	for _, tc := range []struct{ src, typ, want string }{
		{"for i := range f() { _ = i }", "int", "for _fountain_k0, _fountain_n0 := int(0), int(f()); _fountain_k0 < _fountain_n0; _fountain_k0++ { i := _fountain_k0; _ = i; _ = i }"},
		{"for range f() {}", "untyped int", "for _fountain_k0, _fountain_n0 := int(0), int(f()); _fountain_k0 < _fountain_n0; _fountain_k0++ {}"},
		{"for i := range f() { _ = i }", "float64", "for i := range f()"},
	} {
		e := newEnv()
		e.defined["f"] = true
		e.typed[0] = Typed{Type: tc.typ}
		p, err := Compile(tc.src, e)
		if err != nil {
			t.Fatalf("%q: %v", tc.src, err)
		}
		if all := chunksText(p); !strings.Contains(all, tc.want) {
			t.Errorf("%q (%s) compiled to %q, want it to contain %q", tc.src, tc.typ, all, tc.want)
		}
	}
}

// panicky is an Env whose Rename panics, as a bug of the compiler's own
// would.
type panicky struct{ *env }

func (panicky) Rename(string) string { panic("boom") }

// TestCompilerPanicIsAnError checks that a panic in the cell compiler is
// the cell's error, not the end of the evaluator.
func TestCompilerPanicIsAnError(t *testing.T) {
	_, err := Compile("type T struct{}\nx := T{}", panicky{newEnv()})
	var bug *CompilerBug
	if !errors.As(err, &bug) || !strings.Contains(err.Error(), "boom") {
		t.Fatalf("got %v, want the compiler's panic as an error", err)
	}
}

// TestSelectRewrites: a select becomes the helper's choice of case and a
// switch on it; the channels and the values sent are evaluated first, in
// source order, with the other rewrites inside them made.
func TestSelectRewrites(t *testing.T) {
	compilesTo(t, []string{"out", "in", "done", "v", "ok", "m"}, []struct{ src, want string }{
		{"func f() {\n\tselect {\n\tcase out <- [1]int{1}:\n\t\tprintln(1)\n\tcase x, ok := <-in:\n\t\tprintln(x, ok)\n\tcase <-done:\n\tdefault:\n\t}\n}",
			"{ _fountain_sc22 := out; _fountain_sv22 := _fountain_sc22; " + HelperSelectBuffer + "(&_fountain_sv22); _fountain_sv22 <- [1]int{1}; _fountain_sc59 := in; _fountain_sc97 := done; switch " + HelperSelect + "(\"svrd\", &_fountain_sc22, &_fountain_sv22, &_fountain_sc59, &_fountain_sc97) {\n\tcase 0:\n\t\tprintln(1)\n\tcase 1: x, ok := <-_fountain_sc59;\n\t\tprintln(x, ok)\n\tcase 2:\n\tdefault:\n\t} }"},
		// Assigned with =, through fresh variables (see selectAssign).
		{"select { case v, ok = <-in: }", "case 0: _fountain_r"},
		// A labeled select keeps its label on the switch.
		{"L: select { case <-in: break L }", "{ _fountain_sc12 := in; L: switch " + HelperSelect + "(\"r\", &_fountain_sc12) { case 0: goto _fountain_brk_L } }; _fountain_brk_L: ;"},
		// Nested: each has its own.
		{"select { case <-in: select { case m <- 1: } }", "case 0: { _fountain_sc29 := m; _fountain_sv29 := _fountain_sc29; " + HelperSelectBuffer + "(&_fountain_sv29); _fountain_sv29 <- 1; switch " + HelperSelect + "(\"s\", &_fountain_sc29, &_fountain_sv29) { case 0: } } } } }"},
		// Without cases, or with the default alone, it stays.
		{"select {}", "select {}"},
		{"select { default: }", "select { default: }"},
	})
}

// TestLoopClosures: a func literal made in a loop is made in a func of its
// own, called at once; not one called where it is made, nor in a loop
// with a frame per iteration.
func TestLoopClosures(t *testing.T) {
	compilesTo(t, []string{"tasks", "use", "xs"}, []struct{ src, want string }{
		{"func f() { for i := range 3 { tasks <- func(x int) (int, error) { return x + i, nil } } }", "tasks <- func() func(x int) (int, error) { return func(x int) (int, error) { return x + i, nil } }()"},
		{"func f() { for _, x := range xs { func() { use(x) }() } }", "_fountain_iter_x := x;  func() { use(_fountain_iter_x) }() }"},
		{"func f() { g := func() int { return 1 }; use(g) }", "g := func() int { return 1 }"},
		{"func f() { for i := range 3 { go use(func() int { return i }) } }", "if func() bool {"},
		// Go statements in a loop that cannot have a frame per iteration.
		{"func f() { for i := range 3 { if i < 0 { return }; go func(n int) { use(n, i) }(i) } }", "{ _fountain_g"},
		{"func f() { for i := range 3 { if i < 0 { return }; go func(n int) { use(n, i) }(i) } }", " := func() func(n int) { return func(n int) {defer " + HelperGoRecover + "();  use(n, i) } }(); go _fountain_g51(i) }"},
		{"func f() { for i := range 3 { if i < 0 { return }; go use(i) } }", " := func() func() { return func() { defer " + HelperGoRecover + "(); use(i) } }(); go _fountain_g51() }"},
	})
}
