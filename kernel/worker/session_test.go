package worker

import (
	"bytes"
	"context"
	"fmt"
	"log"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fountain-go/fountain/kernel/stdsyms"
)

func newTestSession(t *testing.T) *Session {
	t.Helper()
	s, err := NewSession(strings.NewReader(""))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// value runs cells in order and returns the text of the last one's value.
func value(t *testing.T, s *Session, cells ...string) string {
	t.Helper()
	var out string
	for _, c := range cells {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		res, err := s.Run(ctx, c)
		cancel()
		if err != nil {
			t.Fatalf("cell %q: %v", c, err)
		}
		out = ""
		if res != nil {
			out, _ = res.Data["text/plain"].(string)
		}
	}
	return out
}

func TestSessionSemantics(t *testing.T) {
	for _, tc := range []struct {
		name  string
		cells []string
		want  string
	}{
		{"state", []string{"x := 20", "x + 1"}, "21"},
		{"repeat import", []string{"import \"strings\"\nimport \"strings\"\nw := strings.Fields(\"a b c\")", "len(w)"}, "3"},
		{"auto import", []string{`path.Base("/a/b")`}, "b"},
		{"auto import clash", []string{`rand.New(rand.NewSource(1)) != nil && scanner.EOF < 0`}, "true"},
		// The package of that name that has what the cell uses.
		{"auto import by members", []string{`r := rand.New(rand.NewPCG(1, 2))`, `r.IntN(10) < 10 && rand.N(3) < 3`}, "true"},
		{"min max", []string{"min(4, 2, 3)", "max(3, 9)"}, "9"},
		// A string's byte defined among a cell's statements (yaegi:
		// "constant definition loop", and s[0]+1 and s[i]-'a' crashed its
		// compiler).
		{"string bytes", []string{"s := \"hey\"\nc := s[0]\nd := s[1] + 1", "const S = \"hello\"\nb := S[1]\nc = 'q'\nfirst, rest := s[0], s[1:]\ni := 2\nk := s[i] - 'a'\nfmt.Sprint(c, d, b, first, \" \", rest, \" \", k)"}, "113 102 101 104 ey 24"},
		// Variables defined from a receive take other values later (yaegi
		// kept the received value itself: "Set using unaddressable value").
		{"receive defines", []string{"c := make(chan int, 5)\nc <- 1\nc <- 2\nc <- 3\nr := <-c\nvar s = <-c", "r = r * 10\ns = s + 1\nc <- 4\nr2 := <-c\nr2 = r2 + 1\nfmt.Sprint(r, s, r2)"}, "10 3 4"},
		// A generic call on variables two values defined together in the
		// same cell: its probe did not compile ("undefined type for T").
		{"generic call on a parallel define", []string{"func Both[T any](in <-chan T, out chan<- T) { for v := range in { out <- v }; close(out) }", "a, b := make(chan string, 2), make(chan string, 2)\na <- \"x\"\nclose(a)\nBoth(a, b)\nv := <-b\nv"}, "x"},
		// Constants with a typed value or alone, as Go types them.
		{"min max constants", []string{"f := 3.5\nn := min(2, 1, 4)\nm := max(2, 1.5)\nvar g float32 = min(1, 2.5)\nfmt.Sprintf(\"%v %v %T %v %T %v %v\", min(2, 1, f), n, n, m, m, g, max(-7, f, -2.5))"}, "1 1 int 2 float64 1 3.5"},
		// A NaN wins, as in Go.
		{"min max NaN", []string{"nan := math.NaN()\nfmt.Sprint(min(1.0, nan), min(nan, 1.0), max(2.0, nan), max(2, 1.5, nan, 7))"}, "NaN NaN NaN NaN"},
		{"clear", []string{"m := map[int]int{1: 1}\nclear(m)\nlen(m)"}, "0"},
		{"loop vars", []string{"var fs []func() int\nfor i := 0; i < 3; i++ { fs = append(fs, func() int { return i }) }\nfs[0]() + fs[1]()*10 + fs[2]()*100"}, "210"},
		{"range vars", []string{"var gs []func() int\nfor _, v := range []int{1, 2} { gs = append(gs, func() int { return v }) }\ngs[0]() + gs[1]()*10"}, "21"},
		{"range over int", []string{"s := 0\nfor i := range 5 { s += i }\ns"}, "10"},
		{"var from an earlier cell's", []string{"xx := 5", "var yy int = xx\nvar zz float64 = 2\nvar (\n\tww float64 = 1\n\tvv = yy + 1\n)\nfmt.Sprintf(\"%v %T %T %v\", yy, zz, ww, vv)"}, "5 float64 float64 6"},
		{"range over int var", []string{"lim := int64(3)", "t := int64(0)\nfor i := range lim { t += i * 10 }\nt"}, "30"},
		{"range over int closures", []string{"var hs []func() int\nfor i := range 3 { hs = append(hs, func() int { return i }) }\nhs[0]() + hs[1]()*10 + hs[2]()*100"}, "210"},
		{"range over len", []string{"xs := []string{\"a\", \"b\"}\nc := 0\nfor range len(xs) { c++ }\nc"}, "2"},
		{"define in top-level loop", []string{"x, err := strconv.Atoi(\"1\")", "n := 0\nfor n < 10 {\n\trec, err := strconv.Atoi(\"5\")\n\tif err != nil { panic(err) }\n\tn += rec\n}\nn + x"}, "11"},
		{"assign in top-level loop", []string{"k := 0\nfor i := 0; i < 2; i++ {\n\tvar r int\n\tr, _ = strconv.Atoi(\"5\")\n\tk += r\n}\nk"}, "10"},
		{"slices.Sort", []string{"xs := []int{3, 1, 2}\nslices.Sort(xs)\nxs"}, "[1 2 3]"},
		{"slices.SortFunc", []string{"ws := []string{\"bb\", \"a\", \"ccc\"}\nslices.SortFunc(ws, func(a, b string) int { return len(b) - len(a) })\nws"}, "[ccc bb a]"},
		{"slices.Max and BinarySearch", []string{"fs := []float64{1.5, 9, 3}\ni, ok := slices.BinarySearch([]int{1, 3, 5}, 3)\nfmt.Sprint(slices.Max(fs), slices.Min(fs), i, ok)"}, "9 1.5 1 true"},
		{"mixed order", []string{"n := 10\nfunc twice() int { return n * 2 }\ntwice()"}, "20"},
		{"print is not a value", []string{`fmt.Println("x")`}, ""},
		{"void call", []string{"func nothing() {}\nnothing()"}, ""},
		{"multi value", []string{`strconv.Atoi("12")`}, "12 <nil>"},
		{"cell type html", []string{"type B struct{ N string }\nfunc (b B) HTML() string { return \"<b>\" + b.N + \"</b>\" }", `B{"x"}`}, "{x}"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := value(t, newTestSession(t), tc.cells...); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestCellTypeRendersHTML(t *testing.T) {
	s := newTestSession(t)
	value(t, s, "type B struct{ N string }\nfunc (b B) HTML() string { return \"<b>\" + b.N + \"</b>\" }")
	res, err := s.Run(context.Background(), `B{"x"}`)
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Data["text/html"]; got != "<b>x</b>" {
		t.Fatalf("text/html = %v", got)
	}
}

// TestCellTypesRenderRichly checks every rich method on cell types, and
// that plain values (the fast path) stay plain.
func TestCellTypesRenderRichly(t *testing.T) {
	s := newTestSession(t)
	value(t, s, `type M struct{}
func (M) Markdown() string { return "*m*" }
type L int
func (L) Latex() string { return "$l$" }
type S string
func (S) SVG() string { return "<svg/>" }
type P struct{}
func (P) PNG() []byte { return []byte{1} }`)
	for code, mime := range map[string]string{"M{}": "text/markdown", "L(1)": "text/latex", `S("s")`: "image/svg+xml", "P{}": "image/png"} {
		res, err := s.Run(context.Background(), code)
		if err != nil {
			t.Fatal(err)
		}
		if res.Data[mime] == nil {
			t.Errorf("%s: no %s in %v", code, mime, res.Data)
		}
	}
	res, err := s.Run(context.Background(), "struct{ A int }{1}")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Data) != 1 || res.Data["text/plain"] != "{1}" {
		t.Errorf("plain value shown as %v", res.Data)
	}
}

func TestRedefinitionRebindsCallers(t *testing.T) {
	s := newTestSession(t)
	got := value(t, s,
		"func f() int { return 1 }\nfunc g() int { return f() * 10 }\nfunc h() int { return g() + 1 }",
		"func f() int { return 2 }",
		"h()")
	if got != "21" {
		t.Fatalf("h() = %s after redefining f, want 21", got)
	}
	got = value(t, s, "var base = 100\nfunc withBase() int { return base }", "var base = 7", "withBase()")
	if got != "7" {
		t.Fatalf("withBase() = %s after redefining base, want 7", got)
	}
	// The cell that redefines f already calls the new one through h.
	expectValues(t, s, []cellValue{
		{"func f() int { return 3 }\nh()", "31"},
		{"func k() int { return f() + 1 }\nk()", "4"},
	})
	// A cell that fails leaves f and its callers as they were.
	if _, err := s.Run(t.Context(), "func f() int { return 4 }\nh()\nundefinedThing"); err == nil {
		t.Fatal("a cell with an undefined name compiled")
	}
	expectValues(t, s, []cellValue{{"h()", "31"}, {"f()", "3"}})
	// A caller that no longer compiles with the new f says so when called
	// (yaegi keeps it half made: calling it crashed); the cell runs.
	expectValues(t, s, []cellValue{{"func f() string { return \"new\" }\nf()", "new"}})
	if _, err := s.Run(t.Context(), "k()"); err == nil || !strings.Contains(err.Error(), "k no longer compiles with the definitions it uses (invalid operation: mismatched types string and untyped int): define it again") {
		t.Errorf("k() after f changed type: %v", err)
	}
	expectValues(t, s, []cellValue{{"func k() int { return len(f()) }\nk()", "3"}})
}

// TestRedefinitionRemakesFuncValues: a variable an earlier cell set to a
// func literal calling what a cell redefines is set to it again (yaegi
// binds the literal's calls when it makes it), as late binding would
// have it; one whose literal no longer compiles keeps the old.
func TestRedefinitionRemakesFuncValues(t *testing.T) {
	s := newTestSession(t)
	value(t, s, "func f() int { return 1 }\nfunc g() int { return f() }\nh := func() int { return f() * 10 }\nvar k = func(x int) int { return x + g() }")
	expectValues(t, s, []cellValue{
		{"fmt.Sprint(h(), k(1))", "10 2"},
		{"func f() int { return 2 }", ""},
		{"fmt.Sprint(h(), k(1))", "20 3"},
		// Set by the cell itself: its own literal stands.
		{"func f() int { return 3 }\nh = func() int { return -f() }", ""},
		{"fmt.Sprint(h(), k(1))", "-3 4"},
		{"func f() string { return \"s\" }", ""},
		{"h()", "-3"},
	})
	// k was made again: it calls g, which no longer compiles, and says so.
	if _, err := s.Run(t.Context(), "k(1)"); err == nil || !strings.Contains(err.Error(), "g no longer compiles") {
		t.Errorf("k(1) after f changed type: %v", err)
	}
}

// TestRedefinitionReachesMethods: yaegi binds a method's calls when it
// compiles it and keeps a type's first methods, so a method went on
// calling a func, or reading a var, as it was. A type with such a method
// now takes a new version, as for a redefined method.
func TestRedefinitionReachesMethods(t *testing.T) {
	s := newTestSession(t)
	value(t, s,
		"func weight(x int) int { return x }\nfunc score(x int) int { return weight(x) + 1 }\nscale := 1\nvar offset = 0",
		"type Acc struct{ sum int }\nfunc (a *Acc) Add(x int) { a.sum += scale * score(x) + offset }\nfunc (a *Acc) Sum() int { return a.sum }",
		"type Box[T any] struct{ v T }\nfunc (b Box[T]) Weighed(x int) int { return weight(x) }",
		"func use(a *Acc) int { a.Add(1); return a.Sum() }",
		"old := &Acc{}")
	expectValues(t, s, []cellValue{
		// Through score, in the cell that redefines weight.
		{"func weight(x int) int { return 10 * x }\nb := &Acc{}\nb.Add(1)\nb.Sum()", "11"},
		{"Box[int]{}.Weighed(2)", "20"},
		// A func of an earlier cell hands the old value the new methods.
		{"use(old)", "11"},
		// A var defined again by a statement, then by a declaration.
		{"scale := 2\nc := &Acc{}\nc.Add(1)\nc.Sum()", "22"},
		{"var offset = 100\nuse(&Acc{})", "122"},
		{"func scaled() int { return scale }", ""},
		{"scale := 3\nscaled()", "3"},
		// A use before the define in the cell reads the earlier variable.
		{"before := scale\nscale := 4\nfmt.Sprint(before, scale, scaled())", "3 4 4"},
	})
	// A cell that fails leaves the methods as they were.
	if _, err := s.Run(t.Context(), "func weight(x int) int { return 0 }\nundefinedThing"); err == nil {
		t.Fatal("a cell with an undefined name compiled")
	}
	expectValues(t, s, []cellValue{{"use(&Acc{})", "144"}})
	// Methods that no longer compile with the new definition keep the
	// old one (the cell says so on stderr), and the cell runs.
	expectValues(t, s, []cellValue{{"func weight(x int) string { return \"w\" }\nweight(1)", "w"}, {"use(&Acc{})", "144"}})
}

// TestCellsRunAgain: a notebook's cells run again ("Run All" twice) as
// they ran the first time. Running the whole-program tests' cells twice
// found each case.
func TestCellsRunAgain(t *testing.T) {
	account := "type LimitError struct{ Limit, Asked int }\nfunc (e LimitError) Error() string { return fmt.Sprint(\"limit \", e.Limit) }\ntype Account struct{ bal int }"
	duration := "type Duration struct{ time.Duration }\nfunc (d *Duration) Set(s string) { v, _ := time.ParseDuration(s); d.Duration = v }"
	pluck := "type P struct{ M float64 }\ntype C struct{ Ps map[string][]P }\nfunc Pluck[T, V any](xs []T, f func(T) V) []V { var out []V; for _, x := range xs { out = append(out, f(x)) }; return out }\nfunc sum(c *C) (s float64) { for _, ps := range c.Ps { for _, m := range Pluck(ps, func(p P) float64 { return p.M }) { s += m } }; return }"
	tagged := "type Base[T any] struct{ items []T }\nfunc (b *Base[T]) Add(v T) { b.items = append(b.items, v) }\nfunc (b *Base[T]) Len() int { return len(b.items) }\ntype Tagged[T any] struct{ Base[T]; Tag string }\nfunc (t Tagged[T]) String() string { return fmt.Sprintf(\"%s(%d)\", t.Tag, t.Len()) }"
	sorted := "type List[T any] struct{ items []T }\ntype Pair[K comparable, V any] struct{ K K; V V }\ntype Sorted[K comparable, V any] struct{ *List[Pair[K, V]] }\nfunc NewSorted[K comparable, V any]() Sorted[K, V] { return Sorted[K, V]{&List[Pair[K, V]]{}} }"
	node := "type Node[T any] struct{ Val T; Next *Node[T] }"
	chains := "func Listed[T any](xs ...T) *Node[T] { var head *Node[T]; for i := len(xs) - 1; i >= 0; i-- { head = &Node[T]{xs[i], head} }; return head }\nfunc Chains[T any](xs []T) []*Node[T] { var out []*Node[T]; for i := range xs { out = append(out, Listed(xs[:i+1]...)) }; return slices.Insert(out, 0, Listed(xs...)) }"
	runCases(t, [][]string{
		// A type declared as it was keeps its version: yaegi shares a
		// generic func's instances (slices.Insert's) between recursive
		// generic types of one shape, and handed back the old type's
		// values ("reflect.Set: ... not assignable").
		{"a recursive generic type declared again as it was", node, chains, "cs := Chains([]string{\"x\", \"y\"})\nlen(cs)", node, "cs := Chains([]string{\"x\", \"y\", \"z\"})\nlen(cs)", "4"},
		// A method a later cell adds, that an earlier one calls.
		{"a generic type's method declared after one calling it", "type Stack[T any] struct{ items []T }\nfunc (s *Stack[T]) PushAll(xs ...T) { for _, x := range xs { s.Push(x) } }", "func (s *Stack[T]) Push(x T) { s.items = append(s.items, x) }", "var s Stack[int]\ns.PushAll(1, 2, 3)\nlen(s.items)", "3"},
		// The carried Withdraw was compiled before the cell's new Error.
		{"carried methods with the cell's new ones", account, "func (a *Account) Withdraw(n int) error { if n > 500 { return LimitError{500, n} }; return nil }", account, "fmt.Sprint((&Account{}).Withdraw(600))", "limit 500"},
		// d.Duration became d.Duration__2, time.Duration's field.
		{"a package's type embedded under the name of one of yours", duration, duration, "var d Duration\nd.Set(\"1m\")\nfmt.Sprint(d.Duration)", "1m0s"},
		// "cannot infer T: it would be both P and P".
		{"field types of a type declared again, told to a generic call", pluck, pluck, "sum(&C{map[string][]P{\"g\": {{1}, {2}}}})", "3"},
		// yaegi ran the literal again with each later compile.
		{"a func literal called at once, last in its cell", "n := 0", "func() { n++ }()", "x := 1", "x := 2", "n", "1"},
		// The instance's String was the old type's: fmt printed fields.
		{"generic instances printing themselves, declared again", tagged, "var tp Tagged[*Tagged[int]]\ntp.Add(nil)\nfmt.Sprint(tp)", tagged, "var tp Tagged[*Tagged[int]]\ntp.Add(nil)\nfmt.Sprint(tp)", "(1)"},
		// The literal set _fountain_z.List, not List__2: "index out of range".
		{"a literal of a generic type embedding one of yours, declared again", sorted, "s := NewSorted[string, int]()\nlen(s.items)", sorted, "s := NewSorted[string, int]()\ns.items = append(s.items, Pair[string, int]{})\nlen(s.items)", "1"},
	})
}

func TestRedefineTypeAndMethods(t *testing.T) {
	s := newTestSession(t)
	value(t, s,
		"type T struct{ A int }\nfunc (t T) M() int { return t.A }\nfunc (t T) Twice() int { return 2 * t.M() }\nfunc use(t T) int { return t.Twice() }",
		"old := T{A: 5}")
	// A method redefined: new and old values use it; other methods follow.
	if got := value(t, s, "func (t T) M() int { return t.A + 100 }", "T{A: 1}.Twice()"); got != "202" {
		t.Fatalf("after redefining M: %s, want 202", got)
	}
	if got := value(t, s, "use(T{A: 2})"); got != "204" {
		t.Fatalf("use after redefining M: %s, want 204", got)
	}
	// The type redefined with another field: methods carry over.
	if got := value(t, s, "type T struct{ A, B int }", "T{A: 1, B: 2}.Twice()"); got != "202" {
		t.Fatalf("after redefining T: %s, want 202", got)
	}
	if got := value(t, s, "func (t T) M() int { return t.A + t.B }", "use(T{A: 1, B: 2})"); got != "6" {
		t.Fatalf("use after redefining T and M: %s, want 6", got)
	}
	// Old values keep their old type and methods.
	if got := value(t, s, "old.M()"); got != "5" {
		t.Fatalf("old.M() = %s, want 5", got)
	}
	// Types that embed or hold a redefined type take new versions too:
	// yaegi's Outer held the old Sq, and Outer's methods were its methods.
	value(t, s, "type Sq struct{ n int }\nfunc (s Sq) Area() int { return s.n * s.n }\ntype Outer struct{ Sq; tag string }\ntype Pair struct{ a, b Sq }\nfunc (p Pair) Sum() int { return p.a.Area() + p.b.Area() }")
	expectValues(t, s, []cellValue{
		{"func (s Sq) Area() int { return 10 * s.n * s.n }\no2 := Outer{Sq{3}, \"y\"}\nfmt.Sprint(o2.Area(), o2.Sq.Area(), Pair{Sq{1}, Sq{2}}.Sum())", "90 90 50"},
		{"type Sq struct{ n, m int }\nfunc (s Sq) Area() int { return 100 * s.n * s.m }\no3 := Outer{Sq{3, 1}, \"y\"}\nfmt.Sprint(o3.Area(), o3.Sq.Area(), Pair{Sq{1, 1}, Sq{2, 1}}.Sum())", "300 300 300"},
	})
	// Errors name the user's type, not the internal version.
	_, err := s.Run(context.Background(), "var bad T = 3")
	if err == nil || strings.Contains(demangle(err.Error()), "__") {
		t.Fatalf("error %v", err)
	}
}

// TestGenericFuncsHaveNamesOfTheirOwn: yaegi keeps one instance of a
// generic func per name and type arguments, for all packages. Before each
// declaration got an internal name, every case below gave the first body's
// answer, silently.
func TestGenericFuncsHaveNamesOfTheirOwn(t *testing.T) {
	s := newTestSession(t)
	value(t, s, "func Compare[T cmp.Ordered](a, b T) int { return 42 }")
	expectValues(t, s, []cellValue{
		{"fmt.Sprint(cmp.Compare(1, 2), Compare(1, 2))", "-1 42"},
		{"func Twice[T any](x T) string { return fmt.Sprint(x, x) }\nTwice(1)", "1 1"},
		{"func UseTwice() string { return Twice(2) }\nUseTwice()", "2 2"},
		{"func Twice[T any](x T) string { return fmt.Sprint(x, \"|\", x) }\nTwice(1) + UseTwice()", "1|12|2"},
		{"func Twice(x int) string { return \"plain\" }\nTwice(1) + UseTwice()", "plainplain"},
		{"func Twice[T any](x T) string { return fmt.Sprint(x, \"@\", x) }\nTwice(1) + UseTwice()", "1@12@2"},
		{"func Fact[T int | int64](n T) T { if n <= 1 { return 1 }; return n * Fact(n-1) }\nFact(5)", "120"},
		{"func Fact[T int | int64](n T) T { if n <= 1 { return 1 }; return n + Fact(n-1) }\nFact(5)", "15"},
		// Linked types redefined: the new version's fields point at it.
		{"type Node struct{ v int; next *Node }\nn := &Node{1, &Node{2, nil}}\nn.next.v", "2"},
		{"type Node struct{ v, w int; next *Node }\nn2 := &Node{1, 5, &Node{2, 7, nil}}\nn2.next.w", "7"},
	})
	// A redefinition that fails to compile leaves the old one; one that
	// compiled and then panicked is in effect, as its declaration ran.
	if _, err := s.Run(t.Context(), "func Twice[T any](x T) string { return undefinedThing }"); err == nil {
		t.Fatal("a cell with an undefined name compiled")
	}
	expectValues(t, s, []cellValue{{"Twice(3)", "3@3"}})
	if _, err := s.Run(t.Context(), "func Twice[T any](x T) string { return fmt.Sprint(x, \"!\", x) }\npanic(\"boom\")"); err == nil {
		t.Fatal("panic not reported")
	}
	expectValues(t, s, []cellValue{{"Twice(3)", "3!3"}})
	_, err := s.Run(t.Context(), "Twice[int](\"a\")")
	if err == nil || strings.Contains(err.Error(), "__") {
		t.Errorf("error %v: want one in the user's names", err)
	}
}

// TestTypeParamClash: a generic func's type parameter named as a
// top-level name of the cells broke both in yaegi (it declares the
// parameter among the package's names): a generic func declared after
// the name gets parameters of its own names; a name declared after the
// generic func gives it a new version with its parameters so named; a
// generic type's parameters do not clash.
func TestTypeParamClash(t *testing.T) {
	s := newTestSession(t)
	// A name declared after a generic func with a type parameter of that
	// name: the func takes a new version whose parameter is named apart,
	// and so do the funcs that call it.
	value(t, s, "func Map[T, U any](xs []T, f func(T) U) []U { var out []U; for _, x := range xs { out = append(out, f(x)) }; return out }\nfunc Lens(ws []string) []int { return Map(ws, func(w string) int { return len(w) }) }\nfunc Halves(xs []float64) []float64 { return Map(xs, func(x float64) float64 { return x / 2 }) }")
	expectValues(t, s, []cellValue{
		{"x := 1\ntype T struct{ X int }\nfunc (t T) Double() int { return t.X * 2 }\nfmt.Sprint(x, Map([]T{{1}, {2}}, func(t T) int { return t.Double() }))", "1 [2 4]"},
		{"const U = 3\nfmt.Sprint(U, Lens([]string{\"ab\", \"c\"}), Map([]T{{4}}, func(t T) int { return t.X * U }), T{5}.Double(), Halves([]float64{3}))", "3 [2 1] [12] 10 [1.5]"},
	})
	// A generic func declared where the name is already one of the cells'
	// gets type parameters of its own names.
	expectValues(t, s, []cellValue{
		{"type K struct{}\nfunc Keys[K comparable, V any](m map[K]V) []K { var out []K; for k := range m { out = append(out, k) }; return out }\nfmt.Sprint(Keys(map[string]int{\"a\": 1}), K{})", "[a] {}"},
		{"const N = 3", ""},
		{"func Rep[N any](x N, n int) []N { out := []N{}; for range n { out = append(out, x) }; return out }\nfmt.Sprint(Rep(\"a\", N))", "[a a a]"},
		{"const N = 2\nfmt.Sprint(Rep(1.5, N))", "[1.5 1.5]"},
		{"type E int\nfunc (e E) String() string { return \"e\" }\ntype Box[E any] struct{ v E }\nfmt.Sprint(E(1), Map([]int{1, 2}, func(i int) E { return E(i) }), Box[int]{3}.v)", "e [e e] 3"},
	})
	// Inside, the calls the cell compiler routes (twins, helpers) name
	// them too.
	expectValues(t, newTestSession(t), []cellValue{
		{"type T struct{ n int }\ntype Pair[A comparable, B any] struct{ K A; V B }", ""},
		{"func Listed[T any](xs ...T) []T { return xs }\nfunc Wrap[T any](x T) []T { return Listed(x, x) }\nfunc Ins[T any](xs []Pair[string, T], v T) []Pair[string, T] { return slices.Insert(xs, 0, Pair[string, T]{\"k\", v}) }\nfmt.Sprint(Wrap([]int{4}), Wrap(T{1}), Ins(nil, T{2}), len(Ins([]Pair[string, int]{}, 3)))", "[[4] [4]] [{1} {1}] [{k {2}}] 1"},
	})
}

// TestGenericCycles: a generic type yaegi would expand until the stack
// overflows (a fatal error: the worker and its state would be gone) is the
// cell's error; a tree of two type parameters, which it expanded so, works
// (cell.selfReferences).
func TestGenericCycles(t *testing.T) {
	s := newTestSession(t)
	_, err := s.Run(t.Context(), "type A[T any] struct{ b *B[T] }\ntype B[T any] struct{ a []A[T] }\nx := A[int]{}\nx.b == nil")
	if err == nil || !strings.Contains(err.Error(), "generic types A -> B -> A refer to each other") {
		t.Fatalf("mutual reference: %v", err)
	}
	value(t, s, "type Tree[K cmp.Ordered, V any] struct {\n\tkey K\n\tval V\n\tleft, right *Tree[K, V]\n}",
		"func (t *Tree[K, V]) Put(k K, v V) *Tree[K, V] {\n\tif t == nil { return &Tree[K, V]{key: k, val: v} }\n\tswitch {\n\tcase k < t.key: t.left = t.left.Put(k, v)\n\tcase k > t.key: t.right = t.right.Put(k, v)\n\tdefault: t.val = v\n\t}\n\treturn t\n}",
		"func (t *Tree[K, V]) Get(k K) (V, bool) {\n\tfor t != nil {\n\t\tswitch {\n\t\tcase k < t.key: t = t.left\n\t\tcase k > t.key: t = t.right\n\t\tdefault: return t.val, true\n\t\t}\n\t}\n\tvar zero V\n\treturn zero, false\n}",
		"func (t *Tree[K, V]) Walk(f func(K, V)) { if t == nil { return }; t.left.Walk(f); f(t.key, t.val); t.right.Walk(f) }")
	expectValues(t, s, []cellValue{
		{"var root *Tree[string, int]\nfor i, w := range []string{\"m\", \"c\", \"x\", \"a\"} { root = root.Put(w, i) }\nv, ok := root.Get(\"x\")\nvar keys []string\nroot.Walk(func(k string, _ int) { keys = append(keys, k) })\nfmt.Sprint(v, ok, keys)", "2 true [a c m x]"},
		{"type Graph[K comparable, V any] struct { nodes map[K]*Graph[K, V]; v V }\ng := &Graph[string, int]{nodes: map[string]*Graph[string, int]{}, v: 1}\ng.nodes[\"a\"] = &Graph[string, int]{v: 2}\ng.nodes[\"a\"].v", "2"},
		// Defined at top level from generic funcs that make one: a failed
		// compile and a probe left the instance half made before
		// (cell.explicitResult types the define at once).
		{"func NewTree[K cmp.Ordered, V any]() *Tree[K, V] { return nil }\nt4 := NewTree[string, string]().Put(\"a\", \"b\")\nt4.val", "b"},
		{"t5 := NewTree[int, float64]()\nt5 = t5.Put(3, 1.5).Put(1, 2.5)\nt5.left.val", "2.5"},
		{"func Leaf[K cmp.Ordered, V any](k K, v V) *Tree[K, V] { return &Tree[K, V]{key: k, val: v} }\nt7 := Leaf(\"b\", 2).Put(\"a\", 1)\nt7.left.val", "1"},
	})
}

func TestSourcesFromCells(t *testing.T) {
	s := newTestSession(t)
	got := value(t, s,
		`tb, err := testbed.Start(testbed.Config{Addr: "127.0.0.1:0", Speed: 1e9, MaxAlerts: 500})`,
		`for tb.Produced() < 500 { time.Sleep(10 * time.Millisecond) }`,
		`src, err := kafka.Open(context.Background(), kafka.Config{Brokers: []string{tb.Addr()}, Topic: "alerts"})`,
		`n := int64(0)
for n < 500 {
	rec, err := src.Next(context.Background())
	if err != nil { panic(err) }
	n += rec.NumRows()
	rec.Release()
}
src.Close()
tb.Close()
n`)
	if got != "500" {
		t.Fatalf("read %s alerts from a cell, want 500", got)
	}
}

func TestHelpForFountainPackages(t *testing.T) {
	s := newTestSession(t)
	text, ok := s.doc("display.Show")
	if !ok || !strings.Contains(text, "func display.Show(") || !strings.Contains(text, "Show displays v now") {
		t.Fatalf("display.Show? gave %q", text)
	}
	text, ok = s.doc("strings.ToUpper")
	if !ok || !strings.Contains(text, "func strings.ToUpper(string) string") {
		t.Fatalf("strings.ToUpper? gave %q", text)
	}
}

func TestFailedCellChangesNothing(t *testing.T) {
	s := newTestSession(t)
	value(t, s, "func keep() int { return 1 }")
	// The declarations compile, the statement after them does not.
	if _, err := s.Run(context.Background(), "func half() int { return 1 }\nfunc keep() int { return 2 }\nv := half() + \"s\""); err == nil {
		t.Fatal("the cell should fail")
	}
	if _, err := s.Run(context.Background(), "half()"); err == nil || !strings.Contains(err.Error(), "undefined: half") {
		t.Fatalf("half() after the failed cell: %v, want undefined", err)
	}
	if got := value(t, s, "keep()"); got != "1" {
		t.Fatalf("keep() = %s after the failed cell, want the old 1", got)
	}
	// Statements before the part that does not compile do not run.
	value(t, s, "runs := 0")
	if _, err := s.Run(context.Background(), "runs++\nfresh := 5\nfunc bad() int { return \"s\" }"); err == nil {
		t.Fatal("the cell with bad() should fail")
	}
	if got := value(t, s, "runs"); got != "0" {
		t.Fatalf("runs = %s after a cell that did not compile, want 0", got)
	}
	if _, err := s.Run(context.Background(), "fresh"); err == nil || !strings.Contains(err.Error(), "undefined: fresh") {
		t.Fatalf("fresh after the failed cell: %v, want undefined", err)
	}
	// Code the interpreter panics on while compiling is the cell's error.
	_, err := s.Run(context.Background(), "ch := make(chan int)\nfor a, b := range ch { runs += a + b }")
	if err == nil || !strings.Contains(err.Error(), "cannot compile") {
		t.Fatalf("two variables over a channel: %v, want the interpreter's error", err)
	}
	if got := value(t, s, "runs + 1"); got != "1" {
		t.Fatalf("runs + 1 = %s after the failed cell", got)
	}
	// A panic is not a compile error: what ran before it stays.
	s.Run(context.Background(), "done := 7\npanic(\"late\")")
	if got := value(t, s, "done"); got != "7" {
		t.Fatalf("done = %s after a panicking cell, want 7", got)
	}
}

func TestFramesFromCells(t *testing.T) {
	s := newTestSession(t)
	got := value(t, s,
		`type obs struct {
	Band string
	Mag  float64
}`,
		`f := frames.FromStructs([]obs{{"g", 18.5}, {"r", 19.25}, {"g", 17.5}})`,
		`g := f.Filter(frames.Col("Mag").Lt(19)).GroupBy("Band").Agg(frames.Count(), frames.Col("Mag").Mean().Alias("mean"))`,
		`g`)
	t.Logf("%s", got)
	if !strings.Contains(got, "g         2  18.0") {
		t.Fatalf("group-by from a cell gave\n%s", got)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	res, err := s.Run(ctx, `f.Select("Magg")`)
	if err == nil || !strings.Contains(err.Error(), `unknown column "Magg" (did you mean "Mag"?)`) {
		t.Fatalf("a failing Frame as the cell's value: err %v, result %v", err, res)
	}
	res, err = s.Run(ctx, `f`)
	if err != nil || !strings.Contains(res.Data["text/html"].(string), "<table") {
		t.Fatalf("a Frame shows as an HTML table: %v %v", err, res)
	}
}

// TestFailedTypeCellLeavesNothing: yaegi keeps the types and methods of a
// cell that failed to compile, half made; declaring them again must work.
func TestFailedTypeCellLeavesNothing(t *testing.T) {
	s := newTestSession(t)
	bad := "type Q struct{}\nfunc (Q) M() int { var _ struct{} = 5; return 2 }"
	for _, step := range []struct{ code, want string }{
		{bad, "error"},
		{"type Q struct{}\nfunc (Q) M() int { return 1 }\nQ{}.M()", "1"},
		{"func (Q) N() int { var _ struct{} = 5; return 2 }", "error"}, // a new method on a good type
		{"func (Q) N() int { return 7 }\nQ{}.N()", "7"},
		{bad, "error"}, // a failed redefinition keeps the old type
		{"Q{}.M() + Q{}.N()", "8"},
		{"type Q struct{ A int }\nfunc (q Q) M() int { return q.A }\nQ{3}.M() + Q{}.N()", "10"},
	} {
		res, err := s.Run(context.Background(), step.code)
		got := "error"
		if err == nil {
			got = fmt.Sprint(res.Data["text/plain"])
		}
		if got != step.want {
			t.Fatalf("%q: got %s (%v), want %s", step.code, got, err, step.want)
		}
	}
}

// TestRangeOverFunc: Go 1.23 iterators in cells, the interpreter lacking
// them (the cell compiler rewrites the loops once a probe has found the
// operand's type).
func TestRangeOverFunc(t *testing.T) {
	s := newTestSession(t)
	value(t, s, "func Count(n int) iter.Seq[int] {\n\treturn func(yield func(int) bool) {\n\t\tfor i := range n {\n\t\t\tif !yield(i) {\n\t\t\t\treturn\n\t\t\t}\n\t\t}\n\t}\n}")
	for _, tc := range []struct{ name, code, want string }{
		{"sum", "sum := 0\nfor x := range Count(5) { sum += x }\nsum", "10"},
		{"return from the func", "func firstOver(k int) (int, bool) {\n\tfor x := range Count(100) {\n\t\tif x > k { return x, true }\n\t}\n\treturn 0, false\n}\nfirstOver(41)", "42 true"},
		{"named results", "func find(k int) (at int, ok bool) {\n\tfor x := range Count(10) {\n\t\tif x == k { at, ok = x, true; return }\n\t}\n\treturn -1, false\n}\na, b := find(3)\nc, d := find(30)\nfmt.Sprint(a, b, c, d)", "3 true -1 false"},
		{"seq2 of a cell type, continue and break", "type Pt struct{ X int }\nfunc Pts(n int) iter.Seq2[int, Pt] {\n\treturn func(yield func(int, Pt) bool) {\n\t\tfor i := range n {\n\t\t\tif !yield(i, Pt{i * i}) { return }\n\t\t}\n\t}\n}\nvar got []int\nfor i, p := range Pts(10) {\n\tif i%2 == 0 { continue }\n\tif i > 7 { break }\n\tgot = append(got, p.X)\n}\ngot", "[1 9 25 49]"},
		{"break stops the iterator", "calls := 0\nseq := func(yield func(int) bool) { for i := 0; i < 5; i++ { calls++; if !yield(i) { return } } }\nfor x := range seq { if x == 1 { break } }\ncalls", "2"},
		{"per-iteration variables", "var fs []func() int\nfor x := range Count(3) { fs = append(fs, func() int { return x }) }\nfs[0]() + fs[1]()*10 + fs[2]()*100", "210"},
		{"nested, with a return through both", "func pair(k int) (int, int) {\n\tfor a := range Count(5) {\n\t\tfor b := range Count(5) {\n\t\t\tif a*b == k { return a, b }\n\t\t\tif b > a { break }\n\t\t}\n\t}\n\treturn -1, -1\n}\na, b := pair(6)\nc, d := pair(7)\nfmt.Sprint(a, b, c, d)", "2 3 -1 -1"},
		{"labels, switch", "out := []string{}\nOuter:\nfor x := range Count(6) {\n\tswitch {\n\tcase x == 1:\n\t\tcontinue Outer\n\tcase x == 4:\n\t\tbreak\n\t}\n\tif x == 5 { break Outer }\n\tout = append(out, fmt.Sprint(x))\n}\nstrings.Join(out, \",\")", "0,2,3,4"},
		{"assignment form", "seq := Count(4)\na, b := 0, 0\nfor a = range seq { b += a }\na*100 + b", "306"},
		{"named iterator type and a method", "type Ints func(func(int) bool)\ntype L []int\nfunc (l L) All() Ints { return func(yield func(int) bool) { for _, v := range l { if !yield(v) { return } } } }\nfunc (l L) Sum() (s int) { for v := range l.All() { s += v }; return }\nL{1, 2, 3}.Sum()", "6"},
		{"inside a slice loop", "n := 0\nfor _, x := range []int{4, 5} { for y := range Count(x) { n += y } }\nn", "16"},
		{"slices and maps iterators", "xs := []string{\"a\", \"b\"}\nr := \"\"\nfor i, v := range slices.Backward(xs) { r += fmt.Sprint(i, v) }\nfor _, v := range maps.All(map[string]int{\"k\": 7}) { r += fmt.Sprint(v) }\nr + fmt.Sprint(slices.Collect[int](Count(3)))", "1b0a7[0 1 2]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := value(t, s, tc.code); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
	// What the rewrite cannot keep the meaning of is a clear error.
	_, err := s.Run(context.Background(), "func f() { for x := range Count(3) { defer fmt.Println(x) } }")
	if err == nil || !strings.Contains(err.Error(), "defer") {
		t.Errorf("defer in the body: %v, want an error about defer", err)
	}
	// Type errors in the body are the cell's error, as usual.
	_, err = s.Run(context.Background(), "for x := range Count(2) { var y string = x; _ = y }")
	if err == nil || !strings.Contains(err.Error(), "cannot use type int as type string") {
		t.Errorf("type error in the body: %v", err)
	}
}

// TestLogFilter: what the interpreter logs as it panics while compiling
// (a range over a func, before the rewrite) stays out of the output; other
// use of the standard logger does not.
// TestRangeOverChannels: yaegi took a range's value variable for its
// operand, and a channel there for a range over that channel ("Len on int
// Value" at run time). Ranges over slices and maps of channels, of this
// cell, of an earlier one and in funcs, go by index (cell.rangeOverChans).
func TestRangeOverChannels(t *testing.T) {
	s := newTestSession(t)
	expectValues(t, s, []cellValue{
		{"chans := []chan int{make(chan int, 1), make(chan int, 1)}\nchans[0] <- 1\nchans[1] <- 2\nlen(chans)", "2"},
		{"n := 0\nfor _, c := range chans { n += <-c }\nn", "3"},
		{"m := map[string]chan int{\"a\": make(chan int, 1)}\nm[\"a\"] <- 5\nk := 0\nfor name, c := range m { k += <-c + len(name) }\nk", "6"},
		{"func drain(cs ...<-chan int) int { t := 0; for _, c := range cs { for v := range c { t += v } }; return t }\na, b := make(chan int, 1), make(chan int, 1)\na <- 4; b <- 5; close(a); close(b)\ndrain(a, b)", "9"},
	})
}

// TestMethodExpressions: yaegi gave a method expression the method's type
// without its receiver, and a call of it failed. They are written as the
// func literals they stand for (cell.methodExpr), for the cells' types and
// compiled ones.
func TestMethodExpressions(t *testing.T) {
	s := newTestSession(t)
	expectValues(t, s, []cellValue{
		{"t0 := time.Unix(0, 0)\nf := time.Time.Before\nf(t0, t0.Add(1)) && time.Time.Before(t0, t0.Add(1))", "true"},
		{"ts := []time.Time{t0.Add(3), t0, t0.Add(1)}\nslices.SortFunc(ts, time.Time.Compare)\nts[0].Equal(t0)", "true"},
		{"var sb strings.Builder\n(*strings.Builder).WriteString(&sb, \"x\")\nsb.String()", "x"},
		{"type P struct{ a int }\nfunc (p P) Less(q P) bool { return p.a < q.a }\nfunc (p *P) Set(v int, rest ...int) { p.a = v + len(rest) }\ng := P.Less\ng(P{1}, P{2})", "true"},
		{"var p P\n(*P).Set(&p, 5, 1, 2)\np.a", "7"},
		{"fmt.Sprintf(\"%T\", time.Duration.String)", "func(time.Duration) string"},
	})
}

func TestLogFilter(t *testing.T) {
	s := newTestSession(t)
	var buf bytes.Buffer
	log.SetOutput(s.LogFilter(&buf))
	defer log.SetOutput(os.Stderr)
	value(t, s, "seq := func(yield func(int) bool) { yield(1) }\nn := 0\nfor v := range seq { n += v }\nn")
	log.Print("not compiling")
	if out := buf.String(); strings.Contains(out, "nil type") || !strings.Contains(out, "not compiling") {
		t.Fatalf("log output %q", out)
	}
}

// TestGenericResultsAtTopLevel: yaegi cannot compile a top-level define of
// a generic call's result, and got a typed var of one silently wrong (0).
func TestGenericResultsAtTopLevel(t *testing.T) {
	s := newTestSession(t)
	value(t, s, "func Sum[T int | float64](xs []T) T { var s T; for _, x := range xs { s += x }; return s }\ntype P struct{ A int }\nfunc Id[T any](v T) T { return v }\n"+
		"func Lookup[K comparable, V any](m map[K]V, k K) (V, bool) { v, ok := m[k]; return v, ok }\n"+
		"func Map[T, U any](xs []T, f func(T) U) []U { var out []U; for _, x := range xs { out = append(out, f(x)) }; return out }\n"+
		"type Stack[T any] struct{ items []T }\nfunc (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }\nfunc (s *Stack[T]) Len() int { return len(s.items) }")
	expectValues(t, s, []cellValue{
		{"xs := slices.Max([]int{1, 2})\nxs", "2"},
		{"s := Sum([]int{1, 2, 3})\ns", "6"},
		{"s := Sum([]float64{1.5})\ns", "1.5"}, // a new type for s
		{"p := Id(P{3})\nq := Id(&P{4})\np.A + q.A", "7"},
		{"m := map[string]int{\"a\": 1, \"b\": 2}\nks := slices.Sorted[string](maps.Keys(m))\nks", "[a b]"},
		{"var vm int = slices.Max([]int{1, 5})\nvm", "5"},
		{"var vn = Sum([]int{2, 4})\nvn", "6"},
		{"var vi any = Id(1)\nfmt.Sprintf(\"%T\", vi)", "int"},
		{"var (\n\tva = Sum([]int{2, 2})\n\tvb int = 3\n\tvc = strings.ToUpper(\"x\")\n)\nfmt.Sprint(va+vb, vc)", "7X"},
		{"v, ok := Lookup(map[string]float64{\"a\": 1.5}, \"a\")\nfmt.Sprint(v, ok)", "1.5 true"},
		{"_, ok2 := Lookup(map[string]int{}, \"z\")\nok2", "false"},
		{"st := &Stack[int]{}\nst.Push(1)\nst.Push(2)\nst.Len()", "2"},
		{"Map[int, string]([]int{1, 2}, strconv.Itoa)", "[1 2]"},
	})
}

// TestNewerStdlib: the standard library of the Go in use, beyond the
// interpreter's Go 1.22 tables, with fmt still writing to the cell.
func TestNewerStdlib(t *testing.T) {
	s := newTestSession(t)
	expectValues(t, s, []cellValue{
		{"r := \"\"\nfor l := range strings.Lines(\"a\\nb\\n\") { r += \"[\" + strings.TrimSpace(l) + \"]\" }\nr", "[a][b]"},
		{"slices.Collect[string](strings.SplitSeq(\"x,y\", \",\"))", "[x y]"},
		{"fmt.Sprintf(\"%x\", sha3.Sum256([]byte(\"abc\")))[:8]", "3a985da7"},
		{"slog.New(slog.DiscardHandler) != nil", "true"},
		{"var wg sync.WaitGroup\nn := int64(0)\nwg.Go(func() { atomic.AddInt64(&n, 1) })\nwg.Wait()\nn", "1"},
		// os since Go 1.22: a Root keeps file access inside its directory.
		{fmt.Sprintf("root, err := os.OpenRoot(%q)\nerr", t.TempDir()), "<nil>"},
		{"f, _ := root.Create(\"x.txt\")\nfmt.Fprint(f, \"hi\")\nf.Close()\nb, _ := root.ReadFile(\"x.txt\")\nstring(b)", "hi"},
		{"_, err = root.Open(\"../x.txt\")\nerr != nil && strings.Contains(err.Error(), \"escapes\")", "true"},
	})
	if _, have := stdsyms.Symbols["fmt/fmt"]; have {
		t.Fatal("fmt must come from the interpreter's tables (its Println writes to the cell)")
	}
	// os.Exit stays the interpreter's: it cannot end the kernel.
	if _, err := s.Run(context.Background(), "os.Exit(3)"); err == nil {
		t.Error("os.Exit(3) ran without an error")
	}
}

// interruptAfter runs code, interrupting it after d, and returns its
// error and how long the interrupt took.
func interruptAfter(t *testing.T, s *Session, code string, d time.Duration) (error, time.Duration) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var at time.Time
	time.AfterFunc(d, func() { at = time.Now(); cancel() })
	_, err := s.Run(ctx, code)
	return err, time.Since(at)
}

// TestInterruptSparesTheRest: an interrupt stops the cell and leaves what
// earlier cells made working: goroutines waiting on a channel or sleeping,
// closures kept anywhere.
func TestInterruptSparesTheRest(t *testing.T) {
	s := newTestSession(t)
	value(t, s, "var got atomic.Int64\nch := make(chan int)\ngo func() { for v := range ch { got.Add(int64(v)) } }()",
		"func counter() func() int { n := 0; return func() int { n++; return n } }\nc := counter()\nc()",
		"ops := map[string]func(int) int{\"double\": func(x int) int { return 2 * x }}\nf := func() int { return 42 }\n0",
		"var slept atomic.Bool\ngo func() { time.Sleep(time.Second); slept.Store(true) }()\n0")
	// A busy loop needs the interpreter's stop.
	err, took := interruptAfter(t, s, "for {}", 50*time.Millisecond)
	if err == nil || !strings.Contains(err.Error(), "interrupted") || strings.Contains(err.Error(), "stopped too") {
		t.Fatalf("busy loop: %v", err)
	}
	if took > time.Second {
		t.Errorf("the interrupt took %v", took)
	}
	expectValues(t, s, []cellValue{
		{"c()", "2"},
		{"ops[\"double\"](4)", "8"},
		{"f()", "42"},
		{"ch <- 5\nch <- 6\nfor got.Load() != 11 { time.Sleep(time.Millisecond) }\ngot.Load()", "11"},
		{"for !slept.Load() { time.Sleep(10 * time.Millisecond) }\nslept.Load()", "true"},
	})
	// A cell asleep is woken and unwinds, running its defers; nothing else
	// is touched.
	value(t, s, "var cleaned bool\nfunc nap() { defer func() { cleaned = true }(); time.Sleep(time.Minute) }")
	err, took = interruptAfter(t, s, "nap()", 50*time.Millisecond)
	if err == nil || !strings.Contains(err.Error(), "interrupted") {
		t.Fatalf("sleep: %v", err)
	}
	if took > softGrace {
		t.Errorf("waking took %v", took)
	}
	expectValues(t, s, []cellValue{{"cleaned", "true"}, {"c()", "3"}})
	// A goroutine busy in interpreted code when the interpreter must stop
	// does stop: the error says so, and says true.
	value(t, s, "var spins atomic.Int64\nvar spinning atomic.Bool\nspinning.Store(true)\ngo func() { for spinning.Load() { spins.Add(1) } }()\n0")
	defer s.Run(context.Background(), "spinning.Store(false)")
	err, _ = interruptAfter(t, s, "for {}", 50*time.Millisecond)
	if err == nil {
		t.Fatal("no error")
	}
	n1 := value(t, s, "spins.Load()")
	time.Sleep(20 * time.Millisecond)
	n2 := value(t, s, "spins.Load()")
	if stopped := n1 == n2; stopped != strings.Contains(err.Error(), "1 goroutine(s) running interpreted code stopped too") {
		t.Errorf("spinner stopped: %v; error: %v", stopped, err)
	}
}

// TestInterruptBlockedInCompiledCode: a cell blocked in compiled code
// cannot end, so the interpreter's stop stays; func values assigned to
// variables are made again and the error says what else no longer runs.
func TestInterruptBlockedInCompiledCode(t *testing.T) {
	s := newTestSession(t)
	value(t, s, "f := func() int { return 42 }\nfunc g() int { return 7 }\nvar h = func() int { return g() + 1 }\nk := 0\nk = 1\nm := func(x int) int { return x * k }\n0")
	err, took := interruptAfter(t, s, "var wg sync.WaitGroup\nwg.Add(1)\nwg.Wait()", 50*time.Millisecond)
	if err == nil || !strings.Contains(err.Error(), "made again") {
		t.Fatalf("interrupt: %v, want a note of the func values made again", err)
	}
	if took > softGrace+endGrace+time.Second {
		t.Errorf("the interrupt took %v", took)
	}
	expectValues(t, s, []cellValue{{"f()", "42"}, {"h()", "8"}, {"g()", "7"}, {"m(3)", "3"}})
	// The next interrupt does not wait for the stuck goroutine again.
	err, took = interruptAfter(t, s, "for {}", 50*time.Millisecond)
	if err == nil || took > endGrace {
		t.Errorf("second interrupt: %v after %v", err, took)
	}
}

// TestRunIDField: the interrupt sets yaegi's run id back through its
// unexported field; a yaegi without it would silently lose that.
func TestRunIDField(t *testing.T) {
	if newTestSession(t).runID == nil {
		t.Fatal("yaegi's Interpreter has no uint64 field id: see interrupt.go")
	}
}

// newer standard library and the packages the interpreter has from source.
func TestCompleteNewerAndSourcePackages(t *testing.T) {
	s := newTestSession(t)
	for code, want := range map[string]string{"strings.Li": "Lines", "sha3.Su": "Sum256", "iter.S": "Seq2", "slices.Col": "Collect", "maps.Ke": "Keys"} {
		if got := s.Complete(code, len(code)).Matches; !slices.Contains(got, want) {
			t.Errorf("complete %q = %v, want %s among them", code, got, want)
		}
	}
	for code, want := range map[string]string{"slices.Collect": "func slices.Collect[E any](seq iter.Seq[E]) []E", "strings.Lines": "func strings.Lines(string) iter.Seq[string]"} {
		if got := fmt.Sprint(s.Inspect(code, len(code), 0).Data["text/plain"]); !strings.HasPrefix(got, want) {
			t.Errorf("inspect %q = %q, want it to start with %q", code, got, want)
		}
	}
}

// TestIteratorTypeArguments: yaegi cannot infer type arguments from an
// iterator; calls of slices and maps funcs that take one get them from a
// probe.
func TestIteratorTypeArguments(t *testing.T) {
	s := newTestSession(t)
	value(t, s, "m := map[string]int{\"b\": 1, \"a\": 2}\nfunc Count(n int) iter.Seq[int] { return func(yield func(int) bool) { for i := range n { if !yield(i) { return } } } }")
	expectValues(t, s, []cellValue{
		{"slices.Sorted(maps.Keys(m))", "[a b]"},
		{"ks := slices.Sorted(maps.Keys(m))\nks", "[a b]"},
		{"func keys() []string { return slices.Collect(maps.Keys(m)) }\nlen(keys())", "2"},
		{"m2 := maps.Collect(maps.All(m))\nm2[\"a\"]", "2"},
		{"slices.AppendSeq([]int{9}, slices.Values([]int{1, 2}))", "[9 1 2]"},
		{"r := 0\nfor _, v := range slices.Collect(Count(4)) { r += v }\nr", "6"},
	})
}

// cellValue is a cell and the text of the value it should show.
type cellValue struct{ code, want string }

// expectValues runs the cells in turn, checking each one's value.
func expectValues(t *testing.T, s *Session, cells []cellValue) {
	t.Helper()
	for _, c := range cells {
		if got := value(t, s, c.code); got != c.want {
			t.Errorf("%q = %s, want %s", c.code, got, c.want)
		}
	}
}

// TestGenericInference: type arguments Go infers and yaegi does not (from
// a func argument, an iterator, a constraint's core type) are written in.
func TestGenericInference(t *testing.T) {
	s := newTestSession(t)
	value(t, s, "func Map[T, U any](xs []T, f func(T) U) []U {\n\tvar r []U\n\tfor _, x := range xs { r = append(r, f(x)) }\n\treturn r\n}",
		"func Sum[T int | float64](seq iter.Seq[T]) T { var s T; for v := range seq { s += v }; return s }",
		"func First[S ~[]E, E any](s S) E { return s[0] }",
		"func Reduce[T, A any](xs []T, init A, f func(A, T) A) A { acc := init; for _, x := range xs { acc = f(acc, x) }; return acc }",
		"func Of[T any](xs ...T) []T { return xs }",
		"type P struct{ X int }\ntype Names []string")
	expectValues(t, s, []cellValue{
		{"Map([]int{1, 2}, strconv.Itoa)", "[1 2]"},
		{"ys := Map([]int{1, 2}, func(i int) string {\n\t// twice\n\treturn fmt.Sprint(i * 2)\n})\nys", "[2 4]"},
		{"func g(xs []int) []string { return Map(xs, strconv.Itoa) }\ng([]int{3})", "[3]"},
		{"Map([]P{{1}, {2}}, func(p P) int { return p.X * 10 })", "[10 20]"},
		{"Map(Map([]int{5}, strconv.Itoa), func(s string) int { return len(s + s) })", "[2]"},
		{"Sum(slices.Values([]int{1, 2, 3}))", "6"},
		{"Sum(slices.Values([]float64{0.5, 2}))", "2.5"},
		{"First(Names{\"b\", \"c\"})", "b"},
		{"Reduce([]int{1, 2, 3}, 0, func(a float64, x int) float64 { return a + float64(x)/2 })", "3"},
		{"len(Of(strconv.Itoa, strconv.Itoa))", "2"},
		{"fs := []func(int) string{strconv.Itoa}\nlen(Of(fs...))", "1"},
		// A redefined type: the probe sees the new one.
		{"type P struct{ X, Y int }\nMap([]P{{1, 2}}, func(p P) int { return p.X + p.Y })", "[3]"},
		// In generic bodies, from the types the source spells out.
		{"func Strs[T any](xs []T) []string { return Map(xs, func(x T) string { return fmt.Sprint(x) }) }\nStrs([]int{1, 2})", "[1 2]"},
		{"func Pairs[T any](xs ...T) [][]T { return Map(xs, func(x T) []T { return []T{x, x} }) }\nPairs(1)", "[[1 1]]"},
		{"func Sorted[T cmp.Ordered](xs []T) []T { ys := slices.Clone(xs); slices.Sort(ys); return ys }\nSorted([]int{3, 1})", "[1 3]"},
		{"func KeysOf[K cmp.Ordered, V any](m map[K]V) []K { return slices.Sorted(maps.Keys(m)) }\nKeysOf(map[string]int{\"b\": 1, \"a\": 2})", "[a b]"},
		{"type Bag[T any] struct{ items []T }\nfunc (b *Bag[T]) Copy() []T { return slices.Clone(b.items) }\n(&Bag[int]{items: []int{1, 2}}).Copy()", "[1 2]"},
		{"func evens() []int { return []int{2, 4} }\nfunc Evens[T any](_ T) []int { return slices.Clone(evens()) }\nEvens(0)", "[2 4]"},
	})
	// Types that cannot agree are the cell's error, before anything runs
	// (yaegi would compile the call and fail when it runs).
	value(t, s, "func Same[T any](a, b T) bool { return true }\nran := 0")
	for code, want := range map[string]string{
		"Same(strconv.Itoa, strconv.Quote)":                                         "func(string) string",
		"ran++\nMap([]int{1}, func(s string) int { return len(s) })":                "in call to Map, cannot infer T: it would be both int and string",
		"ran++\nMap([]P{{1, 2}}, func(s string) int { return len(s) })":             "in call to Map, cannot infer T: it would be both P and string",
		"ran++\nfunc bad() { _ = Map([]float64{1}, func(i int) int { return i }) }": "both float64 and int",
		// An argument of a kind its parameter cannot be (yaegi's compiler
		// panicked on these).
		"ran++\nx := 5\nMap(x, strconv.Itoa)": "in call to Map, type int of x does not match []T (cannot infer T)",
		"ran++\nMap(5, strconv.Itoa)":         "cannot use 5 (untyped int constant) as []T value in argument to Map",
		"ran++\nMap(\"s\", nil)":              "in call to Map, cannot infer T",
		// Go's error, where yaegi instantiated for ever.
		"ran++\ntype Box[T any] struct{ v T }\nfunc (b Box[T]) Wrap() Box[[]T] { return Box[[]T]{} }": "instantiation cycle: T instantiated as []T",
		"ran++\nfunc Deep[T any](n int) int { if n == 0 { return 0 }; return Deep[*T](n - 1) }":       "instantiation cycle: T instantiated as *T",
	} {
		if _, err := s.Run(context.Background(), code); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want an error with %q", code, err, want)
		}
	}
	expectValues(t, s, []cellValue{
		{"ran", "0"},
		// Alike but for parameter names, or an interface, is no conflict.
		{"Same(func(a int) int { return a }, func(b int) int { return b })", "true"},
		{"var e error\nSame(e, error(nil))", "true"},
	})
	// Another error in the same cell is the one shown.
	_, err := s.Run(context.Background(), "Map([]int{1}, strconv.Itoa)\nnoSuchFunc()")
	if err == nil || !strings.Contains(err.Error(), "noSuchFunc") {
		t.Errorf("unrelated error: %v", err)
	}
}

// TestStdGenerics calls every func of slices, maps and cmp (Go 1.26), on
// plain and named slice and map types: the interpreter has them from
// source, some replaced or added (slicesExtra), and infers few of their
// type arguments itself.
func TestStdGenerics(t *testing.T) {
	s := newTestSession(t)
	value(t, s, "type Names []string\ntype M map[string]int\nns := Names{\"b\", \"a\", \"a\"}\nxs := []int{3, 1, 1, 2}\nm := M{\"a\": 1, \"b\": 2}\nbyLen := func(a, b string) int { return len(a) - len(b) }")
	expectValues(t, s, []cellValue{
		{"n := 0\nfor i, v := range slices.All(ns) { n += i * len(v) }\nn", "3"},
		{"slices.AppendSeq(Names{\"z\"}, slices.Values(ns))", "[z b a a]"},
		{"r := \"\"\nfor _, v := range slices.Backward(ns) { r += v }\nr", "aab"},
		{"slices.BinarySearch([]int{1, 3}, 3)", "1 true"},
		{"slices.BinarySearchFunc(Names{\"a\", \"c\"}, \"b\", strings.Compare)", "1 false"},
		{"slices.Collect(slices.Chunk(xs, 3))", "[[3 1 1] [2]]"},
		{"cap(slices.Clip(ns[:1]))", "1"},
		{"slices.Clone(ns)", "[b a a]"},
		{"c := []int{1, 1, 2}\nd := slices.Compact(c)\nfmt.Sprint(d, c)", "[1 2] [1 2 0]"},
		{"slices.CompactFunc(slices.Clone(ns), func(a, b string) bool { return a == b })", "[b a]"},
		{"slices.Compare(ns, Names{\"b\"})", "1"},
		{"slices.CompareFunc(xs, ns, func(a int, b string) int { return 0 })", "1"},
		{"slices.Concat(ns, Names{\"c\"})", "[b a a c]"},
		{"slices.Contains(ns, \"a\")", "true"},
		{"slices.ContainsFunc(xs, func(x int) bool { return x > 2 })", "true"},
		{"e := []int{1, 2, 3}\nf := slices.Delete(e, 0, 1)\nfmt.Sprint(f, e)", "[2 3] [2 3 0]"},
		{"slices.DeleteFunc(slices.Clone(xs), func(x int) bool { return x == 1 })", "[3 2]"},
		{"slices.Equal(ns, Names{\"b\", \"a\", \"a\"})", "true"},
		{"slices.EqualFunc(xs[:3], ns, func(a int, b string) bool { return true })", "true"},
		{"cap(slices.Grow(ns, 10)) >= 13", "true"},
		{"slices.Index(ns, \"a\")", "1"},
		{"slices.IndexFunc(xs, func(x int) bool { return x == 2 })", "3"},
		{"slices.Insert(slices.Clone(ns), 1, \"z\", \"y\")", "[b z y a a]"},
		{"slices.IsSorted(ns)", "false"},
		{"slices.IsSortedFunc(ns, byLen)", "true"},
		{"slices.Max(ns)", "b"},
		{"slices.MaxFunc(Names{\"a\", \"bb\", \"cc\"}, byLen)", "bb"},
		{"slices.Min(xs)", "1"},
		{"slices.MinFunc(Names{\"bb\", \"a\", \"c\"}, byLen)", "a"},
		{"g := []int{1, 2, 3, 4}\nh := slices.Replace(g, 0, 3, 9)\nfmt.Sprint(h, g)", "[9 4] [9 4 0 0]"},
		{"slices.Repeat(ns, 2)", "[b a a b a a]"},
		{"ys := slices.Clone(ns)\nslices.Reverse(ys)\nys", "[a a b]"},
		{"ys2 := slices.Clone(ns)\nslices.Sort(ys2)\nys2", "[a a b]"},
		{"ys3 := slices.Clone(xs)\nslices.SortFunc(ys3, func(a, b int) int { return b - a })\nys3", "[3 2 1 1]"},
		{"ys4 := Names{\"bb\", \"c\", \"a\"}\nslices.SortStableFunc(ys4, byLen)\nys4", "[c a bb]"},
		{"slices.Sorted(slices.Values(xs))", "[1 1 2 3]"},
		{"slices.SortedFunc(slices.Values(xs), func(a, b int) int { return b - a })", "[3 2 1 1]"},
		{"slices.SortedStableFunc(slices.Values(Names{\"bb\", \"c\", \"a\"}), byLen)", "[c a bb]"},
		{"slices.Collect(slices.Values(ns))", "[b a a]"},
		{"n2 := 0\nfor k, v := range maps.All(m) { n2 += len(k) * v }\nn2", "3"},
		{"maps.Clone(m)", "map[a:1 b:2]"},
		{"maps.Collect(maps.All(m))", "map[a:1 b:2]"},
		{"m2 := M{\"c\": 3}\nmaps.Copy(m2, m)\nm2", "map[a:1 b:2 c:3]"},
		{"m3 := maps.Clone(m)\nmaps.DeleteFunc(m3, func(k string, v int) bool { return v == 1 })\nm3", "map[b:2]"},
		{"maps.Equal(m, M{\"a\": 1, \"b\": 2})", "true"},
		{"maps.EqualFunc(m, map[string]string{\"a\": \"1\", \"b\": \"2\"}, func(a int, b string) bool { return fmt.Sprint(a) == b })", "true"},
		{"m4 := M{}\nmaps.Insert(m4, maps.All(m))\nm4", "map[a:1 b:2]"},
		{"slices.Sorted(maps.Keys(m))", "[a b]"},
		{"slices.Sorted(maps.Values(m))", "[1 2]"},
		{"cmp.Compare(\"a\", \"b\")", "-1"},
		{"fmt.Sprint(cmp.Less(2.5, 1), cmp.Less(math.NaN(), 1))", "false true"},
		{"cmp.Or(\"\", \"x\")", "x"},
		{"cmp.Or(0, 0)", "0"},
	})
}

// TestGenericStdMembers: the generic members of compiled standard
// packages come from shims, and packages iter and unique from source;
// their type arguments are inferred like any others.
func TestGenericStdMembers(t *testing.T) {
	s := newTestSession(t)
	value(t, s, "import \"math/rand/v2\"")
	expectValues(t, s, []cellValue{
		{"calls := 0\nget := sync.OnceValue(func() int { calls++; return 7 })\nget() + get() + calls", "15"},
		{"pair := sync.OnceValues(func() (string, error) { return \"x\", nil })\npair()", "x <nil>"},
		{"boom := sync.OnceValue(func() int { panic(\"once\") })\nr1 := fmt.Sprint(func() (r any) { defer func() { r = recover() }(); boom(); return }())\nr2 := fmt.Sprint(func() (r any) { defer func() { r = recover() }(); boom(); return }())\nr1 + r2", "onceonce"},
		{"var ptr atomic.Pointer[string]\nw := \"w\"\nfmt.Sprint(ptr.Load() == nil, ptr.CompareAndSwap(nil, &w), *ptr.Load(), ptr.Swap(nil) == &w)", "true truewtrue"},
		{"d := rand.N(3 * time.Second)\nd >= 0 && d < 3*time.Second", "true"},
		{"b := rand.N(uint8(200))\nb < 200", "true"},
		{"reflect.TypeFor[map[string]int]()", "map[string]int"},
		{"reflect.TypeFor[error]().Kind()", "interface"},
		{"_, oerr := os.Open(\"/nonexistent\")\npe, ok := errors.AsType[*fs.PathError](oerr)\nfmt.Sprint(ok, pe.Path)", "true/nonexistent"},
		{"h1, h2, h3 := unique.Make(\"a\"), unique.Make(\"a\"), unique.Make(\"b\")\nfmt.Sprint(h1 == h2, h1 == h3, h2.Value())", "true falsea"},
		{"next, stop := iter.Pull(slices.Values([]int{1, 2, 3}))\na, _ := next()\nb2, _ := next()\nstop()\n_, more := next()\nfmt.Sprint(a, b2, more)", "1 2 false"},
		{"next2, stop2 := iter.Pull2(maps.All(map[string]int{\"k\": 1}))\nk, v, ok2 := next2()\n_, _, ok3 := next2()\nstop2()\nfmt.Sprint(k, v, ok2, ok3)", "k1 true false"},
	})
	// A panic in the iterator is the puller's.
	_, err := s.Run(context.Background(), "bad, _ := iter.Pull(func(yield func(int) bool) { panic(\"in seq\") })\nbad()")
	if err == nil || !strings.Contains(err.Error(), "in seq") {
		t.Errorf("panic in seq: %v", err)
	}
	// Handles made at top level and by a call are of one type: yaegi
	// made an instance per name it was spelled by (typeIDs.instances).
	expectValues(t, s, []cellValue{
		{"hx := unique.Make(\"x\")", ""},
		{"hx == unique.Make(\"x\")", "true"},
		{"type HP struct{ a int }\nhp := unique.Make(HP{1})", ""},
		{"hp == unique.Make(HP{1}) && hp.Value().a == 1", "true"},
	})
	// weak, runtime.AddCleanup and maphash.Comparable, generic all.
	expectValues(t, s, []cellValue{
		{"type Blob struct{ data [1 << 16]byte; n int }\nfunc mk() weak.Pointer[Blob] { b := &Blob{n: 7}; return weak.Make(b) }\nwp := mk()\nfunc get() int { if p := wp.Value(); p != nil { return p.n }; return -1 }\nget()", "7"},
		{"keep := &Blob{n: 8}\nwk := weak.Make(keep)\nwk == weak.Make(keep) && wk != wp", "true"},
		{"runtime.GC()\nruntime.GC()\nfmt.Sprint(get(), wk.Value().n)", "-1 8"},
		{"done := make(chan string, 1)\nfunc report(s string) { done <- s }\nrep := report\nfunc attach() { o := &Blob{n: 1}; runtime.AddCleanup(o, rep, \"cleaned\") }\nattach()\nruntime.GC()\nmsg := \"timeout\"\nselect {\ncase m := <-done:\n\tmsg = m\ncase <-time.After(5 * time.Second):\n}\nmsg", "cleaned"},
		{"seed := maphash.MakeSeed()\ntype MK struct{ a int; s string }\nmaphash.Comparable(seed, MK{1, \"x\"}) == maphash.Comparable(seed, MK{1, \"x\"}) && maphash.Comparable(seed, MK{1, \"x\"}) != maphash.Comparable(seed, MK{2, \"x\"})", "true"},
		{"var mh maphash.Hash\nmh.SetSeed(seed)\nmaphash.WriteComparable(&mh, 3)\nmh.Sum64() == maphash.Comparable(seed, 3)", "true"},
	})
	// Completion and help know them.
	if m := s.Complete("weak.", 5).Matches; !slices.Contains(m, "Make") || !slices.Contains(m, "Pointer") {
		t.Errorf("completion of weak.: %v", m)
	}
	if m := s.Complete("sync.Once", 9).Matches; !slices.Contains(m, "OnceValue") {
		t.Errorf("completion of sync.Once: %v", m)
	}
	if text, ok := s.doc("sync.OnceValue"); !ok || !strings.Contains(text, "func sync.OnceValue[T any](f func() T) func() T") {
		t.Errorf("help for sync.OnceValue: %q", text)
	}
}

// TestGenericMethodsKeyedByType: yaegi keyed an instance of a generic
// method by its name and type arguments only, so one type's method, or a
// generic func of the same name, answered for another's: Queue[int].Len
// gave Stack[int]'s, List[int].All after slices.All([]int) crashed, and a
// redefined method kept its old body. Each method now has a key of its
// own (typeIDs.sync, keyMethods); lookups by name are unchanged.
func TestGenericMethodsKeyedByType(t *testing.T) {
	for _, tc := range []struct {
		name  string
		cells []string
		want  string
	}{
		{"after a func of the name", []string{"type List[T any] struct{ xs []T }\nfunc (l *List[T]) All() iter.Seq[T] { return func(yield func(T) bool) { for _, x := range l.xs { if !yield(x) { return } } } }",
			"n := 0\nfor range slices.All([]int{1, 2, 3}) { n++ }\nn", "l := &List[int]{[]int{7, 8}}\nslices.Collect(l.All())"}, "[7 8]"},
		{"two types' methods", []string{"type Stack[T any] struct{ xs []T }\nfunc (s *Stack[T]) Len() int { return len(s.xs) }\ntype Queue[T any] struct{ xs []T }\nfunc (q *Queue[T]) Len() int { return 100 + len(q.xs) }",
			"a := &Stack[int]{}; b := &Queue[int]{}; fmt.Sprint(a.Len(), b.Len())"}, "0 100"},
		{"redefined method", []string{"type Box[T any] struct{ v T }\nfunc (b Box[T]) Show() string { return fmt.Sprint(\"A\", b.v) }", "Box[int]{3}.Show()",
			"func (b Box[T]) Show() string { return fmt.Sprint(\"B\", b.v) }", "Box[int]{3}.Show()"}, "B3"},
		{"found by fmt", []string{"type Box[T any] struct{ v T }\nfunc (b Box[T]) String() string { return fmt.Sprint(\"box:\", b.v) }", "fmt.Sprint(Box[int]{3})"}, "box:3"},
		{"through an interface", []string{"type Lener interface{ Len() int }\ntype Stack[T any] struct{ xs []T }\nfunc (s *Stack[T]) Len() int { return len(s.xs) }", "var l Lener = &Stack[int]{[]int{1}}\nl.Len()"}, "1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := value(t, newTestSession(t), tc.cells...); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}

// TestSelectOfManyGoroutines: goroutines running one select statement
// each send and receive their own values. In yaegi they shared the
// statement's cases, and now and then one sent another's value (a
// reading lost, another counted twice).
func TestSelectOfManyGoroutines(t *testing.T) {
	s := newTestSession(t)
	value(t, s, `type Msg struct {
	From string
	N    int
}

func produce(name string, n int, done <-chan struct{}) <-chan Msg {
	out := make(chan Msg)
	go func() {
		defer close(out)
		for i := range n {
			select {
			case out <- Msg{name, i}:
			case <-done:
				return
			}
		}
	}()
	return out
}

func relay(ins []<-chan Msg, done <-chan struct{}) <-chan Msg {
	out := make(chan Msg)
	var wg sync.WaitGroup
	for _, in := range ins {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case m, ok := <-in:
					if !ok {
						return
					}
					select {
					case out <- m:
					case <-done:
						return
					}
				case <-done:
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(out) }()
	return out
}`)
	expectValues(t, s, []cellValue{{`done := make(chan struct{})
var ins []<-chan Msg
for _, name := range []string{"a", "b", "c", "d", "e", "f", "g", "h"} {
	ins = append(ins, produce(name, 5000, done))
}
next := map[string]int{}
bad := 0
for m := range relay(ins, done) {
	// Each producer's messages arrive in order, each once.
	if m.N != next[m.From] {
		bad++
	}
	next[m.From] = m.N + 1
}
fmt.Sprint(bad, next)`, "0 map[a:5000 b:5000 c:5000 d:5000 e:5000 f:5000 g:5000 h:5000]"}})
}

// TestSelectCases: a select works as in Go, case by case.
func TestSelectCases(t *testing.T) {
	s := newTestSession(t)
	value(t, s, "type Shape interface{ Area() float64 }\ntype Sq struct{ S float64 }\nfunc (q Sq) Area() float64 { return q.S * q.S }\ntype Pipe chan int\ntype NotFound struct{ Key string }\nfunc (e *NotFound) Error() string { return e.Key + \" not found\" }")
	expectValues(t, s, []cellValue{
		// A receive defines, or assigns with "=", value and ok.
		{"c := make(chan int, 1)\nc <- 7\nr := \"\"\nselect {\ncase v, ok := <-c:\n\tr = fmt.Sprint(v, ok)\n}\nr", "7 true"},
		{"c := make(chan string)\nclose(c)\nv, ok := \"x\", true\nselect {\ncase v, ok = <-c:\n}\nfmt.Sprintf(\"%q %v\", v, ok)", "\"\" false"},
		// Received into variables of interface types, which the cell
		// compiler wraps the receive for.
		{"errc := make(chan error, 1)\nerrc <- &NotFound{\"k\"}\nvar e error\nselect {\ncase e = <-errc:\n}\nvar nf *NotFound\nfmt.Sprint(errors.As(e, &nf), nf.Key)", "truek"},
		{"sc := make(chan Shape, 1)\nsc <- Sq{2}\nvar sh Shape\nselect {\ncase sh = <-sc:\ndefault:\n}\nsh.Area()", "4"},
		{"var av any\nac := make(chan int, 1)\nac <- 5\nselect {\ncase av = <-ac:\n}\nav", "5"},
		// Values the cell compiler rewrites: a literal of a generic type
		// of two parameters, a func literal made in a loop, a method value.
		{"type Pair[K comparable, V any] struct {\n\tK K\n\tV V\n}\npc := make(chan Pair[string, int], 1)\nselect {\ncase pc <- Pair[string, int]{\"a\", 1}:\n}\np1 := <-pc\nfmt.Sprint(p1.K, \" \", p1.V)", "a 1"},
		{"func loopSend() int {\n\tfc := make(chan func() int, 3)\n\tfor i := range 3 {\n\t\tselect {\n\t\tcase fc <- func() int { return i * 10 }:\n\t\t}\n\t}\n\tclose(fc)\n\tt := 0\n\tfor f := range fc {\n\t\tt += f()\n\t}\n\treturn t\n}\nloopSend()", "30"},
		{"q := Sq{2}\nqc := make(chan func() float64, 1)\nselect {\ncase qc <- q.Area:\n}\nq.S = 3\nqf := <-qc\nqf()", "4"},
		// A nil channel is never ready; the default runs when none is.
		{"var c chan int\nr := \"\"\nselect {\ncase <-c:\n\tr = \"nil\"\ndefault:\n\tr = \"default\"\n}\nr", "default"},
		// What a send sends is converted for the channel's type, as a
		// send converts it.
		{"c := make(chan float64, 1)\nselect {\ncase c <- 2:\n}\nf := <-c\nf", "2"},
		{"c := make(chan any, 1)\nselect {\ncase c <- Sq{2}:\n}\nfmt.Sprintf(\"%T\", <-c)", "main.Sq"},
		{"c := make(chan Shape, 1)\nselect {\ncase c <- Sq{3}:\n}\n(<-c).Area()", "9"},
		{"c := make(chan error, 1)\nselect {\ncase c <- &NotFound{\"k\"}:\n}\n(<-c).Error()", "k not found"},
		{"p := make(Pipe, 1)\nselect {\ncase p <- 4:\n}\nr := 0\nselect {\ncase n := <-p:\n\tr = n * 10\n}\nr", "40"},
		// Channels and values are evaluated once, in source order.
		{"var order []string\nget := func(s string, c chan int) chan int { order = append(order, s); return c }\nval := func(s string) int { order = append(order, s); return 1 }\nc := make(chan int, 1)\nselect {\ncase get(\"c1\", c) <- val(\"v1\"):\ncase <-get(\"c2\", nil):\n}\norder", "[c1 v1 c2]"},
		// Directional channels, and a break out of a labeled loop.
		{"func drain(in <-chan int, out chan<- int) { for { select { case v, ok := <-in: if !ok { close(out); return }; out <- v * 2 } } }\nin, out := make(chan int, 3), make(chan int, 3)\nin <- 1\nin <- 2\nclose(in)\ndrain(in, out)\nn := 0\nloop:\nfor {\n\tselect {\n\tcase v, ok := <-out:\n\t\tif !ok {\n\t\t\tbreak loop\n\t\t}\n\t\tn += v\n\t}\n}\nn", "6"},
		// A select of a generic func.
		{"func first[T any](a, b <-chan T) T { select { case v := <-a: return v; case v := <-b: return v } }\nb := make(chan string, 1)\nb <- \"b\"\nfirst(nil, b)", "b"},
	})
	// Sending on a closed channel panics as in Go.
	if _, err := s.Run(t.Context(), "c := make(chan int)\nclose(c)\nselect {\ncase c <- 1:\n}"); err == nil || !strings.Contains(err.Error(), "send on closed channel") {
		t.Errorf("send on a closed channel: %v", err)
	}
	// A cell waiting in a select is interrupted, and nothing else is.
	err, took := interruptAfter(t, s, "c := make(chan int)\nselect {\ncase <-c:\n}", 50*time.Millisecond)
	if err == nil || !strings.Contains(err.Error(), "interrupted") {
		t.Fatalf("interrupt: %v", err)
	}
	if took > softGrace {
		t.Errorf("waking took %v", took)
	}
	expectValues(t, s, []cellValue{{"Sq{5}.Area()", "25"}})
}

// TestClosuresHandedOutInALoop: func literals a loop makes and hands to
// workers on other goroutines each run once, and goroutines a loop starts
// each run their own. yaegi put an earlier iteration's func value back in
// the loop's frame when a call on another goroutine returned, and the loop
// handed that one out (or started it) again.
func TestClosuresHandedOutInALoop(t *testing.T) {
	s := newTestSession(t)
	value(t, s, `type Task struct{ run func() int }

func handOut(n int) string {
	tasks := make(chan Task, 16)
	results := make(chan int, n)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for task := range tasks {
				results <- task.run()
			}
		}()
	}
	for i := range n {
		tasks <- Task{func() int { return i }}
	}
	close(tasks)
	wg.Wait()
	close(results)
	seen := make([]int, n)
	for r := range results {
		seen[r]++
	}
	bad := 0
	for _, c := range seen {
		if c != 1 {
			bad++
		}
	}
	return fmt.Sprint(len(seen), bad)
}`)
	expectValues(t, s, []cellValue{{"handOut(20000)", "20000 0"}})
	// Goroutines started in a loop that returns (no frame per iteration
	// for it) each run their own iteration's literal, or call.
	value(t, s, `func spawn(n int, direct bool) string {
	results := make(chan int, n)
	var wg sync.WaitGroup
	put := func(i int) { defer wg.Done(); results <- i }
	for i := range n {
		if i < 0 {
			return "negative"
		}
		wg.Add(1)
		if direct {
			go put(i)
			continue
		}
		go func() {
			defer wg.Done()
			results <- i
		}()
	}
	wg.Wait()
	close(results)
	seen := make([]int, n)
	for r := range results {
		seen[r]++
	}
	bad := 0
	for _, c := range seen {
		if c != 1 {
			bad++
		}
	}
	return fmt.Sprint(bad)
}`)
	expectValues(t, s, []cellValue{{"spawn(20000, false) + spawn(20000, true)", "00"}})
}
