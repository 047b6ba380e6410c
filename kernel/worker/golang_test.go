package worker

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/traefik/yaegi/interp"
)

// TestGoAsWritten runs everyday Go in cells, each case in a session of its
// own, and checks the last cell's value (the case's last element): JSON
// with tags, errors (wrapped, joined, custom types of value and pointer
// receivers), type switches, embedding, defer and recover, labels and
// goto, select, sync and context, iota with String, runes, value
// semantics, method values, closures, templates, sorting, regexp.
func TestGoAsWritten(t *testing.T) {
	runCases(t, [][]string{

		{"json tags", "type Obs struct {\n\tID  string  `json:\"id\"`\n\tMag float64 `json:\"mag,omitempty\"`\n}\nb, _ := json.Marshal(Obs{\"z1\", 18.5})\nstring(b)", `{"id":"z1","mag":18.5}`},
		{"json unmarshal", "type Obs struct {\n\tID  string  `json:\"id\"`\n\tMag float64 `json:\"mag\"`\n}\nvar o Obs\nerr := json.Unmarshal([]byte(`{\"id\":\"z\",\"mag\":2}`), &o)\nfmt.Sprint(o, err)", "{z 2} <nil>"},
		{"errors as custom", "type NotFound struct{ Name string }\nfunc (e *NotFound) Error() string { return e.Name + \" not found\" }\nfunc find(n string) error { return fmt.Errorf(\"lookup: %w\", &NotFound{n}) }\nvar nf *NotFound\nerr := find(\"x\")\nfmt.Sprint(errors.As(err, &nf), nf.Name, err)", "truexlookup: x not found"},
		{"errors is", "var ErrX = errors.New(\"x\")\nerr := fmt.Errorf(\"wrap: %w\", ErrX)\nerrors.Is(err, ErrX)", "true"},
		{"errors join", "e := errors.Join(errors.New(\"a\"), errors.New(\"b\"))\ne.Error()", "a\nb"},
		{"type switch", "func kind(v any) string { switch x := v.(type) { case int: return fmt.Sprint(\"int\", x); case string: return \"str\"; case nil: return \"nil\"; default: return fmt.Sprintf(\"%T\", x) } }\nkind(3) + kind(\"a\") + kind(nil) + kind(2.5)", "int3strnilfloat64"},
		{"embedding", "type Base struct{ ID int }\nfunc (b Base) Describe() string { return fmt.Sprint(\"base \", b.ID) }\ntype Derived struct{ Base; Name string }\nd := Derived{Base{1}, \"n\"}\nd.Describe() + \" \" + d.Name", "base 1 n"},
		{"interface embed", "type Namer interface{ Name() string }\ntype Sizer interface{ Size() int }\ntype NS interface{ Namer; Sizer }\ntype F struct{}\nfunc (F) Name() string { return \"f\" }\nfunc (F) Size() int { return 3 }\nvar ns NS = F{}\nfmt.Sprint(ns.Name(), ns.Size())", "f3"},
		{"defer recover", "func safe() (err error) { defer func() { if r := recover(); r != nil { err = fmt.Errorf(\"recovered: %v\", r) } }(); panic(\"boom\") }\nsafe().Error()", "recovered: boom"},
		{"labeled", "n := 0\nouter:\nfor i := 0; i < 3; i++ {\n\tfor j := 0; j < 3; j++ {\n\t\tif j == 2 { continue outer }\n\t\tif i == 2 { break outer }\n\t\tn++\n\t}\n}\nn", "4"},
		{"goto", "func g() int { i := 0\nloop:\n\tif i < 5 { i++; goto loop }\n\treturn i }\ng()", "5"},
		{"select timeout", "ch := make(chan int)\nres := \"\"\nselect { case v := <-ch: res = fmt.Sprint(v); case <-time.After(20 * time.Millisecond): res = \"timeout\" }\nres", "timeout"},
		{"waitgroup mutex", "var mu sync.Mutex\nvar wg sync.WaitGroup\ntotal := 0\nfor i := range 50 { wg.Add(1); go func() { defer wg.Done(); mu.Lock(); total += i; mu.Unlock() }() }\nwg.Wait()\ntotal", "1225"},
		{"context", "ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)\ndefer cancel()\n<-ctx.Done()\nctx.Err().Error()", "context deadline exceeded"},
		{"iota", "type Band int\nconst (\n\tG Band = iota\n\tR\n\tI\n)\nfunc (b Band) String() string { return [...]string{\"g\", \"r\", \"i\"}[b] }\nfmt.Sprint(G, R, I)", "g r i"},
		{"runes", "s := \"héllo\"\nn := 0\nfor _, r := range s { if r > 127 { n++ } }\nfmt.Sprint(len(s), utf8.RuneCountInString(s), n)", "6 5 1"},
		{"anon struct", "p := struct{ X, Y int }{1, 2}\nq := p\nq.X = 5\nfmt.Sprint(p, q, p == struct{ X, Y int }{1, 2})", "{1 2} {5 2} true"},
		{"array value", "a := [3]int{1, 2, 3}\nb := a\nb[0] = 9\nfmt.Sprint(a, b)", "[1 2 3] [9 2 3]"},
		{"map of structs", "type C struct{ N int }\nm := map[string]C{\"a\": {1}}\nc := m[\"a\"]\nc.N++\nm[\"a\"] = c\nm[\"a\"].N", "2"},
		{"method value", "type Counter struct{ n int }\nfunc (c *Counter) Inc() { c.n++ }\nc := &Counter{}\ninc := c.Inc\ninc(); inc()\nc.n", "2"},
		{"closure recursion", "var fib func(int) int\nfib = func(n int) int { if n < 2 { return n }; return fib(n-1) + fib(n-2) }\nfib(15)", "610"},
		{"variadic spread", "func sum(xs ...int) int { t := 0; for _, x := range xs { t += x }; return t }\nnums := []int{1, 2, 3}\nsum(nums...) + sum() + sum(4)", "10"},
		{"template", "type Row struct{ Name string; N int }\ntm := template.Must(template.New(\"t\").Parse(\"{{.Name}}={{.N}}\"))\nvar sb strings.Builder\ntm.Execute(&sb, Row{\"a\", 3})\nsb.String()", "a=3"},
		{"sort slice struct", "type P struct{ Name string; Age int }\nps := []P{{\"b\", 3}, {\"a\", 1}}\nsort.Slice(ps, func(i, j int) bool { return ps[i].Age < ps[j].Age })\nps[0].Name", "a"},
		{"error in fmt", "type E struct{}\nfunc (E) Error() string { return \"custom\" }\nvar err error = E{}\nfmt.Sprintf(\"%v|%s\", err, err)", "custom|custom"},
		{"bufio scanner", "sc := bufio.NewScanner(strings.NewReader(\"a b\\nc\"))\nn := 0\nfor sc.Scan() { n += len(strings.Fields(sc.Text())) }\nn", "3"},
		{"regexp", "re := regexp.MustCompile(`ZTF(\\d+)(\\w+)`)\nre.FindStringSubmatch(\"id ZTF21abc\")[1]", "21"},
		{"complex", "c := complex(1, 2)\nfmt.Sprint(real(c*c), imag(c*c))", "-3 4"},
		{"shadowing", "x := 1\nif x := 2; x > 1 { _ = x }\nx", "1"},
		{"struct compare map key", "type K struct{ A string; B int }\nm := map[K]int{{\"a\", 1}: 5}\nm[K{\"a\", 1}]", "5"},
		{"interface nil", "type I interface{ M() }\ntype T struct{}\nfunc (*T) M() {}\nvar p *T\nvar i I = p\nfmt.Sprint(i == nil, p == nil)", "false true"},
		{"funcs slice", "ops := []func(int) int{func(x int) int { return x + 1 }, func(x int) int { return x * 2 }}\nv := 3\nfor _, f := range ops { v = f(v) }\nv", "8"},
		{"chan pipeline", "gen := func(n int) <-chan int { c := make(chan int); go func() { for i := range n { c <- i }; close(c) }(); return c }\nsq := func(in <-chan int) <-chan int { out := make(chan int); go func() { for v := range in { out <- v * v }; close(out) }(); return out }\ns := 0\nfor v := range sq(gen(4)) { s += v }\ns", "14"},
		{"switch fallthrough", "r := \"\"\nswitch x := 1; x {\ncase 1:\n\tr += \"a\"\n\tfallthrough\ncase 2:\n\tr += \"b\"\ndefault:\n\tr += \"c\"\n}\nr", "ab"},
		{"const typed", "const Big = 1 << 40\nfloat64(Big) / (1 << 30)", "1024"},
		{"struct methods ptr/value", "type V struct{ x int }\nfunc (v V) Get() int { return v.x }\nfunc (v *V) Set(x int) { v.x = x }\nvs := []V{{1}, {2}}\nfor i := range vs { vs[i].Set(vs[i].Get() * 10) }\nvs", "[{10} {20}]"},
		{"time format", "t := time.Date(2024, 3, 1, 12, 30, 0, 0, time.UTC)\nt.Format(time.RFC3339) + \" \" + t.Add(36*time.Hour).Weekday().String()", "2024-03-01T12:30:00Z Sunday"},
		{"strconv err", "_, err := strconv.Atoi(\"x\")\nerr.Error()", `strconv.Atoi: parsing "x": invalid syntax`},
		{"printf struct", "type Q struct{ A int; B string }\nfmt.Sprintf(\"%+v %#v\", Q{1, \"x\"}, []int{1})", "{A:1 B:x} []int{1}"},
		{"generic constraint method", "type Shape interface{ Area() float64 }\ntype Sq struct{ s float64 }\nfunc (q Sq) Area() float64 { return q.s * q.s }\nfunc Total[S Shape](xs []S) float64 { t := 0.0; for _, x := range xs { t += x.Area() }; return t }\nTotal([]Sq{{1}, {2}})", "5"},
		// A value of a type with an Error method of value receiver, set
		// to an error variable, kept its method (cell.interfaceValues), and
		// fmt sees Error (errorsToFmt).
		{"error values", "type Code struct{ N int }\nfunc (c Code) Error() string { return fmt.Sprint(\"code \", c.N) }\nvar e1 error = Code{1}\nvar e2 error\ne2 = Code{2}\ne3 := error(Code{3})\nfunc f() string { var e error; e = Code{4}; return e.Error() }\nfmt.Sprint(e1.Error(), e2, fmt.Sprintf(\"%v\", e3), f(), Code{5})", "code 1code 2code 3code 4code 5"},
		{"errors.As joined", "type NF struct{ Name string }\nfunc (e *NF) Error() string { return e.Name }\nvar nf *NF\nerrors.As(errors.Join(errors.New(\"a\"), fmt.Errorf(\"w: %w\", &NF{\"z\"})), &nf) && nf.Name == \"z\"", "true"},
		{"errors.As miss", "type NF struct{ Name string }\nfunc (e *NF) Error() string { return e.Name }\nvar nf *NF\nerrors.As(errors.New(\"plain\"), &nf)", "false"},
		{"min of durations", "min(time.Minute, time.Second, 3*time.Second)", "1s"},
	})
}

// TestDeferAsGoRunsIt: a deferred call's func, receiver and arguments are
// evaluated at the defer statement (yaegi read them when the call ran: in
// a loop, the last iteration's), a deferred closure made in the same func
// runs (it hung), and a cell's own defers run once, when it ends (yaegi
// ran them again after every later cell).
func TestDeferAsGoRunsIt(t *testing.T) {
	pre := "type F struct{ n int }\nvar closed []int\nfunc (f *F) Close() error { closed = append(closed, f.n); return nil }\ntype V struct{ n int }\nfunc (v V) Close() { closed = append(closed, v.n) }\n"
	runCases(t, [][]string{
		{"defer loop recv", pre + "func run() { for i := range 3 { f := &F{i}; defer f.Close() } }\nrun()\nfmt.Sprint(closed)", "[2 1 0]"},
		{"defer range recv", pre + "func run() { for _, f := range []*F{{0}, {1}, {2}} { defer f.Close() } }\nrun()\nfmt.Sprint(closed)", "[2 1 0]"},
		{"defer value recv loop", pre + "func run() { for i := range 3 { v := V{i}; defer v.Close() } }\nrun()\nfmt.Sprint(closed)", "[2 1 0]"},
		{"defer arg reassigned", "var got []int\nfunc rec(n int) { got = append(got, n) }\nfunc run() { x := 1; defer rec(x); x = 2 }\nrun()\nfmt.Sprint(got)", "[1]"},
		{"defer arg expr loop", "var got []int\nfunc rec(n int) { got = append(got, n) }\nfunc run() { for i := range 3 { defer rec(i * 2) } }\nrun()\nfmt.Sprint(got)", "[4 2 0]"},
		{"defer outer counter", "var got []int\nfunc rec(n int) { got = append(got, n) }\nfunc run() { n := 0; for range 3 { n++; defer rec(n) } }\nrun()\nfmt.Sprint(got)", "[3 2 1]"},
		{"defer compiled recv loop", "var sbs []*strings.Builder\nfunc run() { for i := range 3 { sb := &strings.Builder{}; sbs = append(sbs, sb); defer sb.WriteString(fmt.Sprint(i)) } }\nrun()\nsbs[0].String()+sbs[1].String()+sbs[2].String()", "012"},
		{"defer lit loop", "var got []int\nfunc run() { for i := range 3 { x := i * 2; defer func() { got = append(got, x) }() } }\nrun()\nfmt.Sprint(got)", "[4 2 0]"},
		{"defer lit loop var 3clause", "var got []int\nfunc run() { for i := 0; i < 3; i++ { defer func() { got = append(got, i) }() } }\nrun()\nfmt.Sprint(got)", "[2 1 0]"},
		{"defer lit args", "var got []int\nfunc run() { for i := 0; i < 3; i++ { defer func(n int) { got = append(got, n) }(i * 10) } }\nrun()\nfmt.Sprint(got)", "[20 10 0]"},
		{"defer float const", "var got []float64\nfunc rec(x float64, n int) { got = append(got, x*float64(n)) }\nfunc run() { for i := range 2 { defer rec(1.5, i) } }\nrun()\nfmt.Sprint(got)", "[1.5 0]"},
		{"defer mutex loop", "var mu sync.Mutex\nfunc run() int { for i := range 3 { mu.Lock(); func() { defer mu.Unlock(); _ = i }() }; return 3 }\nrun()+run()", "6"},
		{"defer top loop", pre + "for i := range 3 { f := &F{i}; defer f.Close() }\n", "fmt.Sprint(closed)", "[2 1 0]"},
		{"defer recover loop", "func run() (n int) { for i := range 2 { defer func() { if r := recover(); r != nil { n = 7 } }(); _ = i }; panic(\"x\") }\nrun()", "7"},
		{"defer min arg", "var got []int\nfunc rec(n int) { got = append(got, n) }\nfunc run() { for i := range 3 { defer rec(min(i, 1)) } }\nrun()\nfmt.Sprint(got)", "[1 1 0]"},
		{"defer closure", "var got []int\nfunc run() { f := func() { got = append(got, 1) }; defer f(); got = append(got, 0) }\nrun()\nfmt.Sprint(got)", "[0 1]"},
		{"defer closure reassigned", "var got []int\nfunc run() { f := func() { got = append(got, 1) }; defer f(); f = func() { got = append(got, 2) } }\nrun()\nfmt.Sprint(got)", "[1]"},
		{"closure in defer lit", "var got []int\nfunc run() { n := 5; c := func() { got = append(got, n) }; defer func() { c() }(); n = 7 }\nrun()\nfmt.Sprint(got)", "[7]"},
		{"closure recursion", "func run() (r int) { var fib func(int) int; fib = func(n int) int { if n < 2 { return n }; return fib(n-1) + fib(n-2) }; defer func() { r += fib(3) }(); return fib(10) }\nrun()", "57"},
		{"closure typed", "func run() (s string) { var f func(a, b int) (int, error) = func(a, b int) (int, error) { return a + b, nil }; defer func() { n, _ := f(1, 2); s += fmt.Sprint(n) }(); return \"x\" }\nrun()", "x3"},
		{"closure at top", "var got []int\nf := func() { got = append(got, 1) }\ndefer f()\ngot = append(got, 0)\n", "fmt.Sprint(got)", "[0 1]"},
		{"closure at top", "var got []int\nf := func() { got = append(got, 1) }\ndefer f()\ngot = append(got, 0)\n", "fmt.Sprint(got)", "[0 1]"},
		{"closure at top2", "var got []int\ndefer func() { got = append(got, 1) }()\ngot = append(got, 0)\n", "fmt.Sprint(got)", "[0 1]"},
		{"top3", "var got []int\nfunc add(n int) { got = append(got, n) }\ndefer add(1)\ngot = append(got, 0)\n", "x := 1", "fmt.Sprint(got)", "[0 1]"},
		{"top4", "var got []int\nfunc add(n int) { got = append(got, n) }\ndefer add(1)\ngot = append(got, 0)\nlen(got)", "1"},
		{"top order", "var got []int\nfunc add(n int) { got = append(got, n) }\ndefer add(1)\ndefer add(2)\nn := 5\ndefer add(n)\nn = 6\n", "fmt.Sprint(got)", "[5 2 1]"},
		{"top close", "ch := make(chan int)\ndefer close(ch)\n", "v, ok := <-ch\nfmt.Sprint(v, ok)", "0 false"},
		{"top loop", "var got []int\nfunc add(n int) { got = append(got, n) }\nfor i := range 3 { defer add(i * 10) }\ngot = append(got, 9)\n", "fmt.Sprint(got)", "[9 20 10 0]"},
		{"top method", "var sb strings.Builder\ndefer sb.WriteString(\"end\")\nsb.WriteString(\"start \")\n", "sb.String()", "start end"},
		{"call receiver loop", "type F struct{ n int }\nvar closed []int\nfunc (f *F) Close() error { closed = append(closed, f.n); return nil }\nvar opened []int\nfunc open(n int) *F { opened = append(opened, n); return &F{n} }\n" + "func run() { for i := range 3 { defer open(i).Close(); opened = append(opened, -1) } }\nrun()\nfmt.Sprint(opened, closed)", "[0 -1 1 -1 2 -1] [2 1 0]"},
		{"call receiver reassigned", "type F struct{ n int }\nvar closed []int\nfunc (f *F) Close() error { closed = append(closed, f.n); return nil }\nvar opened []int\nfunc open(n int) *F { opened = append(opened, n); return &F{n} }\n" + "func run() { n := 1; defer open(n).Close(); n = 5 }\nrun()\nfmt.Sprint(opened, closed)", "[1] [1]"},
		{"closure loop deferred", "var got []int\nfunc run() { for i := range 2 { f := func() { got = append(got, i) }; defer f() } }\nrun()\nfmt.Sprint(got)", "[1 0]"},
		{"closure loop 3clause deferred", "var got []int\nfunc run() { for i := 0; i < 3; i++ { f := func() { got = append(got, i*10) }; defer f() } }\nrun()\nfmt.Sprint(got)", "[20 10 0]"},
		{"closures stored with defer", "func run() (out []int) { var fs []func() int; defer func() { for _, f := range fs { out = append(out, f()) } }(); for i := range 3 { x := i * 2; f := func() int { x++; return x }; fs = append(fs, f) }; return nil }\nfmt.Sprint(run())", "[1 3 5]"},
		{"closure loop writes", "func run() (n int) { defer func() {}(); for i := range 3 { add := func() { n += i }; add() }; return }\nrun()", "3"},
	})
}

// TestCommaOKAtTopLevel: "v, ok := m[k]", "v, ok := x.(T)" and
// "v, ok := <-ch" among a cell's statements (yaegi: "nil type").
func TestCommaOKAtTopLevel(t *testing.T) {
	runCases(t, [][]string{
		{"recv ok next cell", "ch := make(chan int)\nclose(ch)\n", "v, ok := <-ch\nfmt.Sprint(v, ok)", "0 false"},
		{"recv ok same cell", "ch := make(chan int, 1)\nch <- 4\nv, ok := <-ch\nfmt.Sprint(v, ok)", "4 true"},
		{"map ok", "m := map[string]int{\"a\": 2}\n", "v, ok := m[\"a\"]\nfmt.Sprint(v, ok)", "2 true"},
		{"map ok same", "m := map[string][]int{}\nv, ok := m[\"a\"]\nfmt.Sprint(v, ok)", "[] false"},
		{"map blank", "m := map[string]int{}\n_, ok := m[\"a\"]\nok", "false"},
		{"assert ok", "var x any = 3\n", "v, ok := x.(int)\nfmt.Sprint(v, ok)", "3 true"},
		{"assert fail", "var x any = 3\n", "v, ok := x.(string)\nfmt.Sprintf(\"%q %v\", v, ok)", "\"\" false"},
		{"assert cell type", "type P struct{ X int }\nvar x any = P{2}\n", "v, ok := x.(P)\nfmt.Sprint(v.X, ok)", "2 true"},
		{"map struct", "type P struct{ X int }\nm := map[string]P{\"a\": {1}}\nv, ok := m[\"a\"]\nfmt.Sprint(v.X, ok)", "1 true"},
		{"later use", "m := map[string]int{\"a\": 2}\nv, ok := m[\"a\"]\n", "v += 1\nfmt.Sprint(v, ok)", "3 true"},
		{"in func", "m := map[string]int{}\nfunc f() bool { _, ok := m[\"a\"]; return ok }\nf()", "false"},
	})
}

// TestValuesInCompiledInterfaces: values of cell types put into interfaces
// of compiled code (error, fmt.Stringer) in a loop keep their own values
// (yaegi's wrapper read them from the loop body's frame when called: every
// one was the last).
func TestValuesInCompiledInterfaces(t *testing.T) {
	pre := "type N struct{ s string }\nfunc (n N) String() string { return n.s }\nfunc (n N) Error() string { return n.s }\ntype E struct{ s string }\nfunc (e *E) Error() string { return e.s }\n"
	runCases(t, [][]string{
		{"errors appended", pre + "var errs []error\nfor _, s := range []string{\"a\", \"b\"} { errs = append(errs, N{s}) }\nerrors.Join(errs...).Error()", "a\nb"},
		{"pointer errors appended", pre + "var errs []error\nfor _, s := range []string{\"a\", \"b\"} { errs = append(errs, &E{s}) }\nerrors.Join(errs...).Error()", "a\nb"},
		{"variable then changed", pre + "func f() string { v := N{\"a\"}; var e error = v; var s fmt.Stringer; s = v; v = N{\"b\"}; return e.Error() + s.String() }\nf()", "aa"},
		{"variable then changed at top level", pre + "v := N{\"a\"}\nvar e error = v\nv = N{\"b\"}\ne.Error()", "a"},
		{"appended variable then changed", pre + "func f() string { v := N{\"a\"}; es := make([]error, 0); es = append(es, v); p := &E{\"p\"}; es = append(es, p); v = N{\"b\"}; p = &E{\"q\"}; return es[0].Error() + es[1].Error() }\nf()", "ap"},
		{"own slice stays", pre + "func f() []N { v := N{\"a\"}; var ns []N; ns = append(ns, v); v.s = \"b\"; return ns }\nf()[0].s", "a"},
		{"literal then changed", pre + "func f() string { v := N{\"a\"}; es := []error{v}; m := map[string]fmt.Stringer{\"k\": v}; v = N{\"b\"}; return es[0].Error() + m[\"k\"].String() }\nf()", "aa"},
		{"map element then changed", pre + "func f() string { v := N{\"a\"}; m := map[string]error{}; m[\"k\"] = v; v = N{\"b\"}; return m[\"k\"].Error() }\nf()", "a"},
		{"through a variable", pre + "var ss []fmt.Stringer\nfor _, s := range []string{\"a\", \"b\"} { n := N{s}; var st fmt.Stringer = n; ss = append(ss, st) }\nfmt.Sprint(ss)", "[a b]"},
		{"map values", pre + "m := map[string]fmt.Stringer{}\nfor _, s := range []string{\"a\", \"b\"} { m[s] = N{s} }\nm[\"a\"].String() + m[\"b\"].String()", "ab"},
		{"break and continue", pre + "func mk() []error { var errs []error\nfor i := 0; i < 5; i++ { if i == 1 { continue }; if i == 3 { break }; errs = append(errs, &E{fmt.Sprint(i)}) }\nreturn errs }\nerrors.Join(mk()...).Error()", "0\n2"},
		{"break of a switch", pre + "var errs []error\nfor i := range 3 { switch i { case 1: break; default: errs = append(errs, &E{fmt.Sprint(i)}) } }\nerrors.Join(errs...).Error()", "0\n2"},
		{"nested loops", pre + "var errs []error\nfor i := range 2 { for j := range 2 { if j == 1 { break }; errs = append(errs, &E{fmt.Sprint(i, j)}) } }\nerrors.Join(errs...).Error()", "0 0\n1 0"},
		{"closures per iteration", pre + "var fs []func() string\nfor i := 0; i < 3; i++ { n := N{fmt.Sprint(i)}; fs = append(fs, func() string { return n.s + fmt.Sprint(i) }) }\nfs[0]() + fs[1]() + fs[2]()", "001122"},
		{"loop variable set in the body", pre + "var errs []error\nfor i := 0; i < 6; i++ { errs = append(errs, &E{fmt.Sprint(i)}); i++ }\nerrors.Join(errs...).Error()", "0\n2\n4"},
		{"return in the body", pre + "func find(xs []string) error { for _, x := range xs { if x == \"b\" { return &E{x} } }; return nil }\nfind([]string{\"a\", \"b\"}).Error()", "b"},
		{"labeled continue", pre + "var errs []error\nouter:\nfor i := range 3 { for j := range 3 { if j == 1 { continue outer }; errs = append(errs, &E{fmt.Sprint(i, j)}) } }\nlen(errs)", "3"},
		{"slice of an earlier cell", pre + "var errs []error\n", "for _, s := range []string{\"a\", \"b\"} { errs = append(errs, &E{s}) }\nerrors.Join(errs...).Error()", "a\nb"},
		{"type of an earlier cell", pre, "var errs []error\nfor _, s := range []string{\"a\", \"b\"} { errs = append(errs, &E{s}) }\nerrors.Join(errs...).Error()", "a\nb"},
		{"slice of its own type", pre + "var ns []N\nfor _, s := range []string{\"a\", \"b\"} { ns = append(ns, N{s}) }\nns[0].String() + ns[1].String()", "ab"},
		{"generic type", "type B[T any] struct{ v T }\nfunc (b B[T]) String() string { return fmt.Sprint(b.v) }\nvar ss []fmt.Stringer\nfor i := range 3 { ss = append(ss, B[int]{i}) }\nfmt.Sprint(ss)", "[0 1 2]"},
	})
}

// TestFmtUsesCellMethods: fmt prints the elements of slices, arrays and
// maps of the cells' types with their String and Error methods, as Go
// does (yaegi's values of them have no methods in compiled code), and a
// cell's value shows so too; types reflect cannot tell apart print plain.
func TestFmtUsesCellMethods(t *testing.T) {
	pre := "type Card struct{ r int }\nfunc (c Card) String() string { return fmt.Sprint(\"c\", c.r) }\ntype P struct{ s string }\nfunc (p *P) String() string { return p.s }\ntype E struct{ s, t string }\nfunc (e E) Error() string { return \"e\" + e.s }\n"
	runCases(t, [][]string{
		{"slice", pre + "fmt.Sprint([]Card{{1}, {2}})", "[c1 c2]"},
		{"fprintln", pre + "var sb strings.Builder\nfmt.Fprintln(&sb, []Card{{1}, {2}})\nfmt.Fprintf(&sb, \"%v\", []Card{{3}})\nsb.String()", "[c1 c2]\n[c3]"},
		{"sprintf v", pre + "fmt.Sprintf(\"%v|%s|%d|%T\", []Card{{1}}, []Card{{2}}, []Card{{3}}, 5)", "[c1]|[c2]|[{3}]|int"},
		{"ptr slice", pre + "fmt.Sprint([]*P{{\"a\"}, {\"b\"}})", "[a b]"},
		{"value slice ptr method", pre + "fmt.Sprint([]P{{\"a\"}})", "[{a}]"},
		{"map", pre + "fmt.Sprint(map[string]Card{\"x\": {1}, \"a\": {2}})", "map[a:c2 x:c1]"},
		{"nested", pre + "fmt.Sprint([][]Card{{{1}}, {{2}, {3}}})", "[[c1] [c2 c3]]"},
		{"error slice", pre + "fmt.Sprint([]E{{\"1\", \"\"}})", "[e1]"},
		{"any slice", pre + "fmt.Sprint([]any{Card{1}, 2, \"x\"})", "[c1 2 x]"},
		{"single", pre + "fmt.Sprint(Card{7})", "c7"},
		{"show value", pre + "[]Card{{1}, {2}}", "[c1 c2]"},
		{"width", pre + "fmt.Sprintf(\"%6v|\", []Card{{1}})", "[    c1]|"},
		{"sharp", pre + "fmt.Sprintf(\"%#v\", []int{1})", "[]int{1}"},
		{"redefined", pre, "type Card struct{ r int }\nfunc (c Card) String() string { return fmt.Sprint(\"k\", c.r) }\n", "fmt.Sprint([]Card{{1}})", "[k1]"},
		{"errorf", pre + "fmt.Errorf(\"x %v: %w\", []Card{{1}}, E{\"z\", \"\"}).Error()", "x [c1]: ez"},
		{"nil slice", pre + "var cs []Card\nfmt.Sprint(cs, len(cs))", "[] 0"},
		{"named basic", "type Band int\nconst (\n\tG Band = iota\n\tR\n)\nfunc (b Band) String() string { return [...]string{\"g\", \"r\"}[b] }\nfmt.Sprint([]Band{G, R}, []int{1})", "[g r] [1]"},
		{"verbs without String", "type P struct{ X, Y int }\nfunc (p P) String() string { return \"p\" }\nv := P{3, 4}\nfmt.Sprintf(\"%d|%+v|%#v|%v|%s\", P{1, 2}, v, v, v, v)", "{1 2}|p|main.P{X:3, Y:4}|p|p"},
		{"stringer assertion", "type P struct{ X, Y int }\nfunc (p P) String() string { return \"p\" }\nvar s fmt.Stringer = P{5, 6}\np, ok := s.(P)\nfmt.Sprint(p.X, p.Y, ok)", "5 6 true"},
		{"sharp names", "type P struct{ X, Y int }\ntype W struct{ P P; Ps []*P; q *P }\nfmt.Sprintf(\"%#v|%#v|%#v|%+v|%#v\", P{1, 2}, []P{{3, 4}}, W{P{5, 6}, []*P{nil}, nil}, W{q: nil}, &P{9, 9})", "main.P{X:1, Y:2}|[]main.P{main.P{X:3, Y:4}}|main.W{P:main.P{X:5, Y:6}, Ps:[]*main.P{(*main.P)(nil)}, q:(*main.P)(nil)}|{P:{X:0 Y:0} Ps:[] q:<nil>}|&main.P{X:9, Y:9}"},
		{"nested pointers print as addresses", "type P struct{ X int }\ntype W struct{ q *P }\ns := fmt.Sprintf(\"%+v|%#v\", W{&P{1}}, W{&P{1}})\nregexp.MustCompile(`0x[0-9a-f]+`).ReplaceAllString(s, \"ADDR\")", "{q:ADDR}|main.W{q:(*main.P)(ADDR)}"},
		{"log", pre + "type Band int\nfunc (b Band) String() string { return \"b\" }\nvar sb strings.Builder\nlog.SetOutput(&sb)\nlog.SetFlags(0)\nlog.Println([]Card{{1}}, []Band{1})\nlog.Printf(\"%v %T\", []Card{{2}}, Band(1))\nlog.Print(Card{3})\nlog.SetOutput(os.Stderr)\nlog.SetFlags(log.LstdFlags)\nsb.String()", "[c1] [b]\n[c2] main.Band\nc3\n"},
		{"embedded compiled String", "type Event struct { time.Time; Name string }\ne := Event{time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC), \"x\"}\nfmt.Sprint(e, \" \", []Event{e})", "2020-01-02 00:00:00 +0000 UTC [2020-01-02 00:00:00 +0000 UTC]"},
		{"named compiled field", "type Event struct { At time.Time; Name string }\nfmt.Sprint(Event{time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC), \"x\"})", "{2020-01-02 00:00:00 +0000 UTC x}"},
		{"show embedded compiled String", "type Event struct { time.Time; Name string }\nEvent{time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC), \"x\"}", "2020-01-02 00:00:00 +0000 UTC"},
		{"embedded builder", "type Doc struct { *strings.Builder; title string }\nd := Doc{&strings.Builder{}, \"t\"}\nd.WriteString(\"hi\")\nfmt.Sprint(d)", "hi"},
		{"pointer String of a value", "type T struct{ n int }\nfunc (t *T) String() string { return \"T\" }\nv := T{1}\nfmt.Sprintf(\"%v %v %s\", v, []T{v}, &v) + fmt.Sprint(\" \", v)", "{1} [{1}] T {1}"},
		{"pointer String of a value in a func", "type T struct{ n int }\nfunc (t *T) String() string { return \"T\" }\nfunc f() string { v := T{2}; return fmt.Sprint(v, &v) }\nf()", "{2} T"},
		{"named basic map", "type IPAddr [4]byte\nfunc (ip IPAddr) String() string { return fmt.Sprintf(\"%v.%v.%v.%v\", ip[0], ip[1], ip[2], ip[3]) }\nhosts := map[string]IPAddr{\"a\": {127, 0, 0, 1}}\nfmt.Sprint(hosts)", "map[a:127.0.0.1]"},
		{"named basic verbs", "type Band int\nfunc (b Band) String() string { return \"b\" + strconv.Itoa(int(b)) }\nbs := []Band{1, 2}\nfmt.Sprintf(\"%v %s %d %T %v\", bs, bs, bs, bs, [2]Band{3})", "[b1 b2] [b1 b2] [1 2] []main.Band [b3 b0]"},
		{"named basic error", "type Code int\nfunc (c Code) Error() string { return \"code\" + strconv.Itoa(int(c)) }\nfunc codes() []Code { cs := []Code{1, 2}; return cs }\nfmt.Sprint([]Code{1, 2})", "[code1 code2]"},
		{"named basic in a func", "type Band int\nfunc (b Band) String() string { return \"b\" + strconv.Itoa(int(b)) }\nfunc show() string { xs := []Band{1, 2}; return fmt.Sprint(xs) }\nshow()", "[b1 b2]"},
		{"named basic redefined", "type Band int\nfunc (b Band) String() string { return \"b\" }\n", "type Band int\nfunc (b Band) String() string { return \"B\" }", "fmt.Sprint([]Band{1})", "[B]"},
		{"named basic map keys", "type Weekday int\nfunc (d Weekday) String() string { return [...]string{\"Sun\", \"Mon\", \"Tue\"}[d] }\ncounts := map[Weekday]int{2: 1, 1: 3, 0: 5}\nm := map[Weekday]Weekday{1: 2}\nfmt.Sprint(counts, \" \") + fmt.Sprintf(\"%v %s\", m, m)", "map[Sun:5 Mon:3 Tue:1] map[Mon:Tue] map[Mon:Tue]"},
		{"show named basic map keys", "type Weekday int\nfunc (d Weekday) String() string { return [...]string{\"Sun\", \"Mon\"}[d] }\nmap[Weekday]int{1: 3, 0: 1}", "map[Sun:1 Mon:3]"},
		{"named basic pointer", "type Celsius float64\nfunc (c Celsius) String() string { return fmt.Sprintf(\"%.1f°C\", float64(c)) }\nc := Celsius(3)\nfmt.Sprint(&c)", "3.0°C"},
		{"show named basic", "type Band int\nfunc (b Band) String() string { return \"b\" + strconv.Itoa(int(b)) }\nBand(3)", "b3"},
		{"show named basic slice", "type Band int\nfunc (b Band) String() string { return \"b\" + strconv.Itoa(int(b)) }\nbs := []Band{1, 2}\nbs", "[b1 b2]"},
		{"show named basic map", "type Band int\nfunc (b Band) String() string { return \"b\" + strconv.Itoa(int(b)) }\nmap[string]Band{\"x\": 1}", "map[x:b1]"},
		{"same structure", "type A struct{ n int }\nfunc (a A) String() string { return \"a\" }\ntype B struct{ n int }\nfmt.Sprint([]A{{1}}, []B{{2}})", "[{1}] [{2}]"},
		{"any value", pre + "var v any = Card{3}\nfmt.Sprint(v, []any{v})", "c3 [c3]"},
		{"struct field", pre + "type Hand struct{ Cards []Card; Top Card; n int }\nfmt.Sprint(Hand{[]Card{{1}}, Card{2}, 3})", "{[c1] c2 3}"},
		{"unexported field raw", pre + "type H struct{ top Card }\nfmt.Sprint(H{Card{2}})", "{{2}}"},
		{"recursive type", "type N struct{ Kids []N; V int }\nfmt.Sprint(N{[]N{{nil, 1}}, 2})", "{[{[] 1}] 2}"},
		{"recursive with stringer", pre + "type N struct{ Kids []N; C Card }\nfmt.Sprint(N{[]N{{nil, Card{1}}}, Card{2}})", "{[{[] c1}] c2}"},
		{"show", pre + "type Hand struct{ Top Card }\nHand{Card{4}}", "{c4}"},
		{"print iface slice", "type Shape interface{ Area() float64 }\ntype Ci struct{ r float64 }\nfunc (c Ci) Area() float64 { return 3 * c.r * c.r }\ntype Sq struct{ s float64 }\nfunc (q Sq) Area() float64 { return q.s * q.s }\nfunc (q Sq) String() string { return \"sq\" }\n" + "shapes := []Shape{Ci{1}, Sq{2}}\nfmt.Sprint(shapes)", "[{1} sq]"},
		{"show iface slice", "type Shape interface{ Area() float64 }\ntype Ci struct{ r float64 }\nfunc (c Ci) Area() float64 { return 3 * c.r * c.r }\ntype Sq struct{ s float64 }\nfunc (q Sq) Area() float64 { return q.s * q.s }\nfunc (q Sq) String() string { return \"sq\" }\n" + "shapes := []Shape{Ci{1}, Sq{2}}\nshapes", "[{1} sq]"},
		{"print iface", "type Shape interface{ Area() float64 }\ntype Ci struct{ r float64 }\nfunc (c Ci) Area() float64 { return 3 * c.r * c.r }\ntype Sq struct{ s float64 }\nfunc (q Sq) Area() float64 { return q.s * q.s }\nfunc (q Sq) String() string { return \"sq\" }\n" + "var s Shape = Ci{1}\nfmt.Sprint(s)", "{1}"},
		{"print any slice", "type Shape interface{ Area() float64 }\ntype Ci struct{ r float64 }\nfunc (c Ci) Area() float64 { return 3 * c.r * c.r }\ntype Sq struct{ s float64 }\nfunc (q Sq) Area() float64 { return q.s * q.s }\nfunc (q Sq) String() string { return \"sq\" }\n" + "xs := []any{Ci{1}, 2}\nfmt.Sprint(xs)", "[{1} 2]"},
		{"map iface", "type Shape interface{ Area() float64 }\ntype Ci struct{ r float64 }\nfunc (c Ci) Area() float64 { return 3 * c.r * c.r }\ntype Sq struct{ s float64 }\nfunc (q Sq) Area() float64 { return q.s * q.s }\nfunc (q Sq) String() string { return \"sq\" }\n" + "m := map[string]Shape{\"c\": Ci{1}}\nfmt.Sprint(m)", "map[c:{1}]"},
		{"sort shapes", "type Shape interface{ Area() float64 }\ntype Ci struct{ r float64 }\nfunc (c Ci) Area() float64 { return 3 * c.r * c.r }\ntype Sq struct{ s float64 }\nfunc (q Sq) Area() float64 { return q.s * q.s }\nfunc (q Sq) String() string { return \"sq\" }\n" + "shapes := []Shape{Sq{2}, Ci{1}}\nsort.Slice(shapes, func(i, j int) bool { return shapes[i].Area() < shapes[j].Area() })\nshapes[0].Area()", "3"},
		{"printf v iface", "type Shape interface{ Area() float64 }\ntype Ci struct{ r float64 }\nfunc (c Ci) Area() float64 { return 3 * c.r * c.r }\ntype Sq struct{ s float64 }\nfunc (q Sq) Area() float64 { return q.s * q.s }\nfunc (q Sq) String() string { return \"sq\" }\n" + "var s Shape = Sq{2}\nfmt.Sprintf(\"%v %s\", s, s)", "sq sq"},
		{"no stringers at all", "type Shape interface{ Area() float64 }\ntype Ci struct{ r float64 }\nfunc (c Ci) Area() float64 { return 3 * c.r * c.r }\nfmt.Sprint([]Shape{Ci{1}})", "[{1}]"},
	})
}

// TestJSONMethods: encoding/json uses the MarshalJSON, UnmarshalJSON,
// MarshalText and UnmarshalText methods of the cells' types inside structs,
// slices, maps and pointers, as Go does (reflect sees no methods on them:
// a Status field was written as its number, and reading one failed).
func TestJSONMethods(t *testing.T) {
	st := "type Status int\nfunc (s Status) MarshalJSON() ([]byte, error) { return json.Marshal([]string{\"off\", \"on\"}[s]) }\nfunc (s *Status) UnmarshalJSON(b []byte) error { var str string; if err := json.Unmarshal(b, &str); err != nil { return err }; *s = map[string]Status{\"off\": 0, \"on\": 1}[str]; return nil }\n"
	runCases(t, [][]string{
		{"field", st + "type Dev struct { Name string `json:\"name\"`; S Status `json:\"status\"` }", "b, err := json.Marshal(Dev{\"d\", 1})\nfmt.Sprint(string(b), \" \", err)", "{\"name\":\"d\",\"status\":\"on\"} <nil>"},
		{"value itself", st, "b, err := json.Marshal(Status(1))\nfmt.Sprint(string(b), \" \", err)", "\"on\" <nil>"},
		{"nested", st + "type Dev struct { Name string `json:\"name\"`; S Status `json:\"status\"`; Hist []Status `json:\"hist,omitempty\"`; P *Status `json:\"p\"`; M map[string]Status `json:\"m\"` }\ntype Fleet struct { Devs []Dev; Main *Dev }", "on := Status(1)\nf := Fleet{Devs: []Dev{{\"a\", 1, []Status{0, 1}, &on, map[string]Status{\"x\": 1}}}, Main: &Dev{Name: \"m\"}}\nb, err := json.Marshal(f)\nfmt.Sprint(string(b), \" \", err)", "{\"Devs\":[{\"name\":\"a\",\"status\":\"on\",\"hist\":[\"off\",\"on\"],\"p\":\"on\",\"m\":{\"x\":\"on\"}}],\"Main\":{\"name\":\"m\",\"status\":\"off\",\"p\":null,\"m\":null}} <nil>"},
		{"recursive types", st + "type Node struct { S Status; Kids []Node }\ntype L struct { S Status; Next *L }", "n := Node{1, []Node{{0, nil}, {1, []Node{{1, nil}}}}}\nb, err := json.Marshal(n)\nb2, _ := json.Marshal(&L{1, &L{0, nil}})\nfmt.Sprint(string(b), \" \", err, \" \", string(b2))", "{\"S\":\"on\",\"Kids\":[{\"S\":\"off\",\"Kids\":null},{\"S\":\"on\",\"Kids\":[{\"S\":\"on\",\"Kids\":null}]}]} <nil> {\"S\":\"on\",\"Next\":{\"S\":\"off\",\"Next\":null}}"},
		{"indent", st + "type Dev struct { S Status `json:\"s\"` }", "b, _ := json.MarshalIndent(Dev{1}, \"\", \" \")\nstring(b)", "{\n \"s\": \"on\"\n}"},
		{"unmarshal keeps the rest", st + "type Dev struct { Name string `json:\"name\"`; S Status `json:\"status\"` }", "d := Dev{Name: \"keep\"}\nerr := json.Unmarshal([]byte(`{\"status\":\"on\"}`), &d)\nfmt.Sprint(d.Name, \" \", int(d.S), \" \", err)", "keep 1 <nil>"},
		{"unmarshal nested", st + "type Dev struct { Name string `json:\"name\"`; S Status `json:\"status\"`; Hist []Status `json:\"hist\"`; P *Status; M map[string]Status }", "var ds []Dev\nerr := json.Unmarshal([]byte(`[{\"name\":\"a\",\"status\":\"on\",\"hist\":[\"on\",\"off\"],\"P\":\"on\",\"M\":{\"k\":\"on\"}}]`), &ds)\nfmt.Sprint(len(ds), \" \", ds[0].Name, \" \", int(ds[0].S), \" \", ds[0].Hist, \" \", int(*ds[0].P), \" \", int(ds[0].M[\"k\"]), \" \", err)", "1 a 1 [1 0] 1 1 <nil>"},
		{"text map keys", "type Color int\nfunc (c Color) MarshalText() ([]byte, error) { return []byte([]string{\"red\", \"green\"}[c]), nil }\nfunc (c *Color) UnmarshalText(b []byte) error { if string(b) == \"green\" { *c = 1 }; return nil }", "b, _ := json.Marshal(map[Color]int{1: 2})\nvar m map[Color]int\nerr := json.Unmarshal(b, &m)\nfmt.Sprint(string(b), \" \", m[1], \" \", err)", "{\"green\":2} 2 <nil>"},
		{"unmarshal only", "type Level int\nfunc (l *Level) UnmarshalJSON(b []byte) error { *l = Level(len(b)); return nil }\ntype Cfg struct { L Level; N int }", "var c Cfg\nerr := json.Unmarshal([]byte(`{\"L\": \"high\", \"N\": 2}`), &c)\nout, _ := json.Marshal(c)\nfmt.Sprint(int(c.L), \" \", c.N, \" \", err, \" \", string(out))", "6 2 <nil> {\"L\":6,\"N\":2}"},
		{"no methods", "type P struct { A int `json:\"a\"`; b int }", "bs, _ := json.Marshal(P{1, 2})\nvar p P\njson.Unmarshal([]byte(`{\"a\":5}`), &p)\nfmt.Sprint(string(bs), \" \", p.A)", "{\"a\":1} 5"},
		{"marshal error", "type Bad int\nfunc (b Bad) MarshalJSON() ([]byte, error) { return nil, errors.New(\"no\") }\ntype W struct{ B Bad }", "_, err := json.Marshal(W{1})\nstrings.Contains(fmt.Sprint(err), \"no\")", "true"},
		{"unmarshal error", st + "type Dev struct { S Status }", "var d Dev\nerr := json.Unmarshal([]byte(`{\"S\": 5}`), &d)\nerr != nil", "true"},
		{"encoder", st + "type Dev struct { Name string `json:\"name\"`; S Status `json:\"status\"` }", "var sb strings.Builder\nenc := json.NewEncoder(&sb)\nenc.SetIndent(\"\", \"\")\nenc.Encode(Dev{\"a\", 1})\njson.NewEncoder(&sb).Encode([]Dev{{\"b\", 0}})\nsb.String()", "{\"name\":\"a\",\"status\":\"on\"}\n[{\"name\":\"b\",\"status\":\"off\"}]\n"},
		{"decoder", st + "type Dev struct { Name string `json:\"name\"`; S Status `json:\"status\"` }", "dec := json.NewDecoder(strings.NewReader(`{\"name\":\"a\",\"status\":\"on\"} {\"name\":\"b\",\"status\":\"off\"}`))\nvar ds []Dev\nfor { var d Dev; if err := dec.Decode(&d); err != nil { break }; ds = append(ds, d) }\nfmt.Sprint(len(ds), \" \", int(ds[0].S), \" \", ds[1].Name)", "2 1 b"},
		{"gob untouched", "type P struct{ A int }\nvar buf bytes.Buffer\nenc := gob.NewEncoder(&buf)\nerr := enc.Encode(P{3})\nvar q P\ngob.NewDecoder(&buf).Decode(&q)\nfmt.Sprint(err, \" \", q.A)", "<nil> 3"},
		{"redefined without methods", st + "type Dev struct { S Status }", "type Status int\ntype Dev struct { S Status }", "b, _ := json.Marshal(Dev{1})\nstring(b)", "{\"S\":1}"},
	})
}

// TestStandardExamples runs the examples of container/heap and sort, and
// programs of Go by Example, as cells.
func TestStandardExamples(t *testing.T) {
	intHeap := "type IntHeap []int\nfunc (h IntHeap) Len() int           { return len(h) }\nfunc (h IntHeap) Less(i, j int) bool { return h[i] < h[j] }\nfunc (h IntHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }\nfunc (h *IntHeap) Push(x any) { *h = append(*h, x.(int)) }\nfunc (h *IntHeap) Pop() any { old := *h; n := len(old); x := old[n-1]; *h = old[0 : n-1]; return x }"
	runCases(t, [][]string{
		{"heap ints", intHeap, "h := &IntHeap{2, 1, 5}\nheap.Init(h)\nheap.Push(h, 3)\nmin := (*h)[0]\nvar first = (*h)[0]\nvar out []int\nfor h.Len() > 0 { out = append(out, heap.Pop(h).(int)) }\nfmt.Sprint(min, first, out)", "1 1 [1 2 3 5]"},
		{"heap priority queue", "type Item struct { value string; priority int; index int }\ntype PriorityQueue []*Item\nfunc (pq PriorityQueue) Len() int { return len(pq) }\nfunc (pq PriorityQueue) Less(i, j int) bool { return pq[i].priority > pq[j].priority }\nfunc (pq PriorityQueue) Swap(i, j int) { pq[i], pq[j] = pq[j], pq[i]; pq[i].index = i; pq[j].index = j }\nfunc (pq *PriorityQueue) Push(x any) { n := len(*pq); item := x.(*Item); item.index = n; *pq = append(*pq, item) }\nfunc (pq *PriorityQueue) Pop() any { old := *pq; n := len(old); item := old[n-1]; old[n-1] = nil; item.index = -1; *pq = old[0 : n-1]; return item }\nfunc (pq *PriorityQueue) update(item *Item, value string, priority int) { item.value = value; item.priority = priority; heap.Fix(pq, item.index) }",
			"items := map[string]int{\"banana\": 3, \"apple\": 2, \"pear\": 4}\npq := make(PriorityQueue, len(items))\ni := 0\nfor _, value := range []string{\"banana\", \"apple\", \"pear\"} { pq[i] = &Item{value: value, priority: items[value], index: i}; i++ }\nheap.Init(&pq)\nitem := &Item{value: \"orange\", priority: 1}\nheap.Push(&pq, item)\npq.update(item, item.value, 5)\nvar out []string\nfor pq.Len() > 0 { item := heap.Pop(&pq).(*Item); out = append(out, fmt.Sprintf(\"%.2d:%s\", item.priority, item.value)) }\nstrings.Join(out, \" \")", "05:orange 04:pear 03:banana 02:apple"},
		{"sort.Sort", "type ByAge []Person\ntype Person struct { Name string; Age int }\nfunc (a ByAge) Len() int { return len(a) }\nfunc (a ByAge) Swap(i, j int) { a[i], a[j] = a[j], a[i] }\nfunc (a ByAge) Less(i, j int) bool { return a[i].Age < a[j].Age }",
			"people := []Person{{\"Alice\", 30}, {\"Bob\", 25}, {\"Carol\", 35}}\nsort.Sort(ByAge(people))\nfmt.Sprint(people)", "[{Bob 25} {Alice 30} {Carol 35}]"},
		{"gobyexample enums", "type ServerState int\nconst (\n\tStateIdle ServerState = iota\n\tStateConnected\n\tStateError\n\tStateRetrying\n)\nvar stateName = map[ServerState]string{StateIdle: \"idle\", StateConnected: \"connected\", StateError: \"error\", StateRetrying: \"retrying\"}\nfunc (ss ServerState) String() string { return stateName[ss] }\nfunc transition(s ServerState) ServerState { switch s { case StateIdle: return StateConnected; case StateConnected, StateRetrying: return StateIdle; case StateError: return StateError; default: panic(fmt.Errorf(\"unknown state: %s\", s)) } }",
			"ns := transition(StateIdle)\nns2 := transition(ns)\nfmt.Sprintln(ns) + fmt.Sprintln(ns2)", "connected\nidle\n"},
		{"gobyexample embedding", "type base struct { num int }\nfunc (b base) describe() string { return fmt.Sprintf(\"base with num=%v\", b.num) }\ntype container struct { base; str string }\ntype describer interface { describe() string }",
			"co := container{base: base{num: 1}, str: \"some name\"}\nvar d describer = co\nfmt.Sprintf(\"co={num: %v, str: %v} %v %s %s\", co.num, co.str, co.base.num, co.describe(), d.describe())", "co={num: 1, str: some name} 1 base with num=1 base with num=1"},
		{"gobyexample string formatting", "type point struct { x, y int }", "p := point{1, 2}\nfmt.Sprintf(\"%v|%+v|%#v|%T|%t|%d|%b|%c|%x|%f|%e|%s|%q|%x\", p, p, p, p, true, 123, 14, 33, 456, 78.9, 123400000.0, \"\\\"string\\\"\", \"\\\"string\\\"\", \"hex this\")", "{1 2}|{x:1 y:2}|main.point{x:1, y:2}|main.point|true|123|1110|!|1c8|78.900000|1.234000e+08|\"string\"|\"\\\"string\\\"\"|6865782074686973"},
		{"gobyexample text templates", "t1 := template.New(\"t1\")\nt1, _ = t1.Parse(\"Value is {{.}}\\n\")\ntype Person struct{ Name string }\nt2 := template.Must(template.New(\"t2\").Parse(\"Name: {{.Name}}\\n\"))\nvar sb strings.Builder\nt1.Execute(&sb, \"some text\")\nt2.Execute(&sb, Person{\"Jane Doe\"})\nt2.Execute(&sb, map[string]string{\"Name\": \"Mickey Mouse\"})\nt3 := template.Must(template.New(\"t3\").Parse(\"{{if . -}} yes {{else -}} no {{end}}\\n\"))\nt3.Execute(&sb, \"not empty\")\nt3.Execute(&sb, \"\")\nt4 := template.Must(template.New(\"t4\").Parse(\"Range: {{range .}}{{.}} {{end}}\\n\"))\nt4.Execute(&sb, []string{\"Go\", \"Rust\"})\nsb.String()", "Value is some text\nName: Jane Doe\nName: Mickey Mouse\nyes \nno \nRange: Go Rust \n"},
		{"gobyexample xml", "type Plant struct {\n\tXMLName xml.Name `xml:\"plant\"`\n\tId      int      `xml:\"id,attr\"`\n\tName    string   `xml:\"name\"`\n\tOrigin  []string `xml:\"origin\"`\n}\nfunc (p Plant) String() string { return fmt.Sprintf(\"Plant id=%v, name=%v, origin=%v\", p.Id, p.Name, p.Origin) }",
			"coffee := &Plant{Id: 27, Name: \"Coffee\"}\ncoffee.Origin = []string{\"Ethiopia\", \"Brazil\"}\nout, _ := xml.MarshalIndent(coffee, \" \", \"  \")\nvar p Plant\nerr := xml.Unmarshal(out, &p)\nstring(out) + \"|\" + fmt.Sprint(err) + \"|\" + p.String()", " <plant id=\"27\">\n   <name>Coffee</name>\n   <origin>Ethiopia</origin>\n   <origin>Brazil</origin>\n </plant>|<nil>|Plant id=27, name=Coffee, origin=[Ethiopia Brazil]"},
		{"gobyexample stateful goroutines", "type readOp struct { key int; resp chan int }\ntype writeOp struct { key int; val int; resp chan bool }",
			"reads := make(chan readOp)\nwrites := make(chan writeOp)\ngo func() { var state = make(map[int]int); for { select { case read := <-reads: read.resp <- state[read.key]; case write := <-writes: state[write.key] = write.val; write.resp <- true } } }()\nfor i := range 5 { w := writeOp{key: i, val: i * i, resp: make(chan bool)}; writes <- w; <-w.resp }\ntotal := 0\nfor i := range 5 { r := readOp{key: i, resp: make(chan int)}; reads <- r; total += <-r.resp }\ntotal", "30"},
		{"gobyexample url parsing", "s := \"postgres://user:pass@host.com:5432/path?k=v#f\"\nu, err := url.Parse(s)\nif err != nil { panic(err) }\np, _ := u.User.Password()\nhost, port, _ := net.SplitHostPort(u.Host)\nm, _ := url.ParseQuery(u.RawQuery)\nfmt.Sprint(u.Scheme, \" \", u.User.Username(), \" \", p, \" \", host, \" \", port, \" \", u.Path, \" \", u.Fragment, \" \", m[\"k\"][0])", "postgres user pass host.com 5432 /path f v"},
		{"gobyexample sha256 base64", "h := sha256.New()\nh.Write([]byte(\"sha256 this string\"))\nbs := h.Sum(nil)\nsEnc := base64.StdEncoding.EncodeToString([]byte(\"abc123!?$*&()'-=@~\"))\nsDec, _ := base64.StdEncoding.DecodeString(sEnc)\nfmt.Sprintf(\"%x %s %s\", bs, sEnc, sDec)", "1af1dfa857bf1d8814fe1af8983c18080019922e557f15a8a0d3db739d77aacb YWJjMTIzIT8kKiYoKSctPUB+ abc123!?$*&()'-=@~"},
		{"gobyexample interfaces", "type geometry interface { area() float64; perim() float64 }\ntype rect struct { width, height float64 }\ntype circle struct { radius float64 }\nfunc (r rect) area() float64 { return r.width * r.height }\nfunc (r rect) perim() float64 { return 2*r.width + 2*r.height }\nfunc (c circle) area() float64 { return math.Pi * c.radius * c.radius }\nfunc (c circle) perim() float64 { return 2 * math.Pi * c.radius }\nfunc measure(g geometry) string { return fmt.Sprint(g, \" \", g.area(), \" \", g.perim()) }\nfunc detectCircle(g geometry) string { if c, ok := g.(circle); ok { return fmt.Sprint(\"circle with radius \", c.radius) }; return \"\" }",
			"r := rect{width: 3, height: 4}\nc := circle{radius: 5}\nmeasure(r) + \"|\" + measure(c) + \"|\" + detectCircle(r) + \"|\" + detectCircle(c)", "{3 4} 12 14|{5} 78.53981633974483 31.41592653589793||circle with radius 5"},
	})
}

// TestRangeOverIntOperands: range over an integer works whatever the
// operand (yaegi cannot range over one; the cell compiler rewrites the loop
// where the syntax tells, and a probe tells the rest): a call's result, a
// field, a map or slice element, a constant, a type of the cells over int.
func TestRangeOverIntOperands(t *testing.T) {
	runCases(t, [][]string{
		{"call", "func count() int { return 3 }\ns := 0\nfor i := range count() { s += i }\ns", "3"},
		{"call once", "calls := 0\nfunc count() int { calls++; return 3 }\ns := 0\nfor i := range count() { s += i }\nfmt.Sprint(s, calls)", "3 1"},
		{"field", "type S struct{ N int }\nv := S{4}\ns := 0\nfor i := range v.N { s += i }\ns", "6"},
		{"map element", "m := map[string]int{\"a\": 3}\ns := 0\nfor i := range m[\"a\"] { s += i }\ns", "3"},
		{"slice element", "xs := []int{2, 3}\ns := 0\nfor i := range xs[1] { s += i }\ns", "3"},
		{"constant", "const N = 4\ns := 0\nfor i := range N { s += i }\ns", "6"},
		{"iota constant", "const (\n\tA = iota\n\tB\n\tC\n)\ntotal := 0\nfor i := range C { total += i }\ntotal", "1"},
		{"method body", "type Grid struct{ W, H int }\nfunc (g Grid) Cells() int { s := 0; for y := range g.H { for x := range g.W { s += x + y } }; return s }\nGrid{2, 2}.Cells()", "4"},
		{"package func", "s := 0\nfor i := range strings.Count(\"a,b,c\", \",\") { s += i }\ns", "1"},
		{"named type", "type Celsius int\nc := Celsius(3)\nvar s Celsius\nfor i := range c { s += i }\nfmt.Sprintf(\"%T %v\", s, int(s))", "main.Celsius 3"},
		{"int64 param", "func f(n int64) int64 { var s int64; for i := range n { s += i }; return s }\nf(4)", "6"},
		{"constant in a generic call", "const K = 3\nfunc Max[T cmp.Ordered](a, b T) T { if a > b { return a }; return b }\nx := 2.5\nfmt.Sprintf(\"%v %T\", Max(K, x), Max(K, x))", "3 float64"},
		{"constant alone in a generic call", "const Pi = 3.5\nfunc Id[T any](x T) T { return x }\nfmt.Sprintf(\"%v %T\", Id(Pi), Id(Pi))", "3.5 float64"},
	})
}

// TestValueReceiverErrors: errors of the cells' struct types with Error
// methods of value receivers match assertions, type switches, errors.As
// and errors.Is as in Go (yaegi kept only their last field where those
// look, and none matched).
func TestValueReceiverErrors(t *testing.T) {
	pre := "type NotFound struct{ Name string; N int }\nfunc (e NotFound) Error() string { return e.Name + \" not found\" }\nfunc find(n string) error { return NotFound{n, 1} }\n"
	runCases(t, [][]string{
		{"assert", pre, "err := find(\"x\")\nnf, ok := err.(NotFound)\nfmt.Sprint(nf.Name, \" \", ok)", "x true"},
		{"assert panic form", pre, "err := find(\"x\")\nerr.(NotFound).Name", "x"},
		{"assert fails", pre, "_, ok := errors.New(\"e\").(NotFound)\nok", "false"},
		{"switch", pre, "err := find(\"x\")\nout := \"\"\nswitch e := err.(type) { case NotFound: out = \"nf \" + e.Name; default: out = \"other\" }\nout", "nf x"},
		{"as", pre, "err := fmt.Errorf(\"w: %w\", find(\"x\"))\nvar nf NotFound\nok := errors.As(err, &nf)\nfmt.Sprint(ok, \" \", nf.Name)", "true x"},
		{"as joined", pre, "err := errors.Join(errors.New(\"a\"), find(\"j\"))\nvar nf NotFound\nfmt.Sprint(errors.As(err, &nf), \" \", nf.Name)", "true j"},
		{"is", pre, "err := fmt.Errorf(\"w: %w\", find(\"x\"))\nfmt.Sprint(errors.Is(err, NotFound{\"x\", 1}), errors.Is(err, NotFound{\"y\", 1}))", "true false"},
		{"is sentinel", "var ErrNotFound = errors.New(\"not found\")\nfunc get() error { return fmt.Errorf(\"get: %w\", ErrNotFound) }", "errors.Is(get(), ErrNotFound)", "true"},
		{"in a func", pre + "func check(err error) string { if nf, ok := err.(NotFound); ok { return \"nf \" + nf.Name }; return \"other\" }", "check(find(\"y\")) + check(errors.New(\"z\"))", "nf yother"},
		{"unnamed receiver", "type E struct{ A, B int }\nfunc (E) Error() string { return \"e\" }\nfunc f() error { return E{1, 2} }", "e, ok := f().(E)\nfmt.Sprint(e.A, e.B, ok, f())", "1 2 true e"},
		{"any holding", pre, "var a any = NotFound{\"q\", 2}\nnf, ok := a.(NotFound)\nfmt.Sprint(nf.N, ok)", "2 true"},
		{"goroutines", pre, "var wg sync.WaitGroup\nvar bad atomic.Int64\nfor i := range 8 { wg.Add(1); go func() { defer wg.Done(); for range 200 { err := find(strconv.Itoa(i)); if err.Error() != strconv.Itoa(i)+\" not found\" { bad.Add(1) }; if nf, ok := err.(NotFound); !ok || nf.Name != strconv.Itoa(i) { bad.Add(1) } } }() }\nwg.Wait()\nbad.Load()", "0"},
		{"== sentinel struct", "type E struct{ c int }\nfunc (e E) Error() string { return \"e\" + strconv.Itoa(e.c) }\nvar ErrThree = E{3}\nfunc f(n int) error { return E{n} }", "fmt.Sprint(f(3) == ErrThree, \" \", f(4) == ErrThree, \" \", f(4) != ErrThree)", "true false true"},
		{"== unwrapped", "type E struct{ c int }\nfunc (e E) Error() string { return \"e\" }\nbase := E{3}\nerr := fmt.Errorf(\"ctx: %w\", base)\nerrors.Unwrap(err) == error(base)", "true"},
		{"== two results", "type E struct{ c int }\nfunc (e E) Error() string { return \"e\" }\nfunc f(n int) error { return E{n} }\na, b, c := f(1), f(1), f(2)\nfmt.Sprint(a == b, \" \", a == c)", "true false"},
		{"== errors.New", "var ErrX = errors.New(\"x\")\nfunc g() error { return ErrX }", "fmt.Sprint(g() == ErrX, \" \", g() == errors.New(\"x\"), \" \", g() != nil)", "true false true"},
		{"pointer receiver", "type P struct{ s string }\nfunc (p *P) Error() string { return p.s }\nfunc f() error { return &P{\"p\"} }", "p, ok := f().(*P)\nvar q *P\nfmt.Sprint(p.s, ok, errors.As(f(), &q), q.s)", "ptrue truep"},
	})
}

// TestTypedNilErrors: a nil pointer to an error type returned as an error
// is a non-nil error, as in Go (the Go FAQ's "Why is my nil error value
// not equal to nil?"; yaegi made it nil), and a recovered panic value
// asserted to error in a deferred func is that error.
func TestTypedNilErrors(t *testing.T) {
	pre := "type MyErr struct{ msg string }\nfunc (e *MyErr) Error() string { if e == nil { return \"nil MyErr\" }; return e.msg }\n"
	runCases(t, [][]string{
		{"faq", pre + "func returnsError(bad bool) error { var p *MyErr = nil; if bad { p = &MyErr{\"bad\"} }; return p }", "e1, e2 := returnsError(false), returnsError(true)\nfmt.Sprint(e1 == nil, \" \", e1, \" \", e2 == nil, \" \", e2)", "false nil MyErr false bad"},
		{"two results", pre + "func f() (int, error) { var p *MyErr; return 1, p }", "_, err := f()\nerr != nil", "true"},
		{"errors.As", pre + "func f() error { var p *MyErr; return p }", "var t *MyErr\nfmt.Sprint(errors.As(f(), &t), \" \", t == nil)", "true true"},
		{"func literal", pre, "f := func() error { var p *MyErr; return p }\nf() != nil", "true"},
		{"nil itself", pre + "func f() error { return nil }", "f() == nil", "true"},
		{"recovered error", "type E struct{ c int }\nfunc (e E) Error() string { return \"e\" }\nfunc f() (err error) { defer func() { if r := recover(); r != nil { err = r.(error) } }(); panic(E{4}) }", "err := f()\nvar e E\nfmt.Sprint(err, \" \", errors.As(err, &e), \" \", e.c)", "e true 4"},
	})
}

// TestValuesIntoCompiledInterfaces: a value of a cell's type converted to
// a compiled interface (io.Writer(w), http.Handler(h)), or passed as a
// variadic argument of one (io.MultiWriter, errors.Join), has its methods
// (yaegi passed the bare struct: "cannot use *struct {...} as type
// io.Writer").
func TestValuesIntoCompiledInterfaces(t *testing.T) {
	count := "type Count struct{ n int }\nfunc (c *Count) Write(p []byte) (int, error) { c.n += len(p); return len(p), nil }\n"
	runCases(t, [][]string{
		{"MultiWriter", count, "var sb strings.Builder\nc := &Count{}\nw := io.MultiWriter(&sb, c)\nfmt.Fprint(w, \"hello\")\nfmt.Sprint(sb.String(), c.n)", "hello5"},
		{"conversion", count, "c := &Count{}\nw := io.Writer(c)\nfmt.Fprint(w, \"abc\")\nc.n", "3"},
		{"http.Handler", "type Srv struct{ hits int }\nfunc (s *Srv) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.hits++; fmt.Fprint(w, \"ok\", s.hits) }", "s := &Srv{}\nh := http.Handler(s)\nrec := httptest.NewRecorder()\nh.ServeHTTP(rec, httptest.NewRequest(\"GET\", \"/\", nil))\nrec.Body.String()", "ok1"},
		{"errors.Join", "type E struct{ c int }\nfunc (e E) Error() string { return \"e\" + strconv.Itoa(e.c) }", "err := errors.Join(E{1}, errors.New(\"x\"), E{2})\nvar e E\nfmt.Sprint(strings.ReplaceAll(err.Error(), \"\\n\", \"|\"), \" \", errors.As(err, &e), \" \", e.c)", "e1|x|e2 true 1"},
		{"errors.Join pointers", "type P struct{ s string }\nfunc (p *P) Error() string { return p.s }", "err := errors.Join(&P{\"a\"}, nil)\nerr.Error()", "a"},
		{"httptest server", "type Srv struct{ hits int }\nfunc (s *Srv) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.hits++; fmt.Fprint(w, \"ok\", s.hits) }", "ts := httptest.NewServer(&Srv{})\ndefer ts.Close()\nresp, _ := http.Get(ts.URL)\nb, _ := io.ReadAll(resp.Body)\nresp.Body.Close()\nstring(b)", "ok1"},
	})
}

// TestMethodValues: a method value of a value-receiver method binds its
// receiver when made, as in Go (yaegi read the variable when it ran); one
// of a pointer receiver reads the variable itself.
func TestMethodValues(t *testing.T) {
	pre := "type C struct{ n int }\nfunc (c C) Get() int { return c.n }\nfunc (c C) Add(d int, more ...int) int { for _, m := range more { d += m }; return c.n + d }\nfunc (c *C) Inc() { c.n++ }\n"
	runCases(t, [][]string{
		{"value receiver", pre + "func f() int { c := C{1}; g := c.Get; c.n = 5; return g() }\nf()", "1"},
		{"at top level", pre + "c := C{1}\ng := c.Get\nc.n = 5\ng()", "1"},
		{"variadic", pre + "func f() int { c := C{1}; g := c.Add; c.n = 5; return g(1, 2, 3) }\nf()", "7"},
		{"pointer receiver", pre + "func f() int { c := C{1}; inc := c.Inc; inc(); inc(); return c.n }\nf()", "3"},
		{"as a callback", pre + "func apply(f func() int) int { return f() }\nfunc f() int { c := C{2}; return apply(c.Get) }\nf()", "2"},
		{"calls and fields stay", pre + "func f() int { c := C{4}; x := c.n; return x + c.Get() }\nf()", "8"},
	})
}

// TestTourOfGo runs the programs of the Tour of Go (go.dev/tour) that run
// without its own packages, as a newcomer types them into cells, printing
// to a strings.Builder where the Tour prints, and checks what they print.
func TestTourOfGo(t *testing.T) {
	runCases(t, [][]string{
		{"stringers", "type Person struct { Name string; Age int }\nfunc (p Person) String() string { return fmt.Sprintf(\"%v (%v years)\", p.Name, p.Age) }",
			"a := Person{\"Arthur Dent\", 42}\nz := Person{\"Zaphod Beeblebrox\", 9001}\nfmt.Sprintln(a, z)", "Arthur Dent (42 years) Zaphod Beeblebrox (9001 years)\n"},
		{"exercise stringers", "type IPAddr [4]byte\nfunc (ip IPAddr) String() string { return fmt.Sprintf(\"%v.%v.%v.%v\", ip[0], ip[1], ip[2], ip[3]) }",
			"hosts := map[string]IPAddr{\"loopback\": {127, 0, 0, 1}, \"googleDNS\": {8, 8, 8, 8}}\nvar out strings.Builder\nfor _, name := range []string{\"googleDNS\", \"loopback\"} { fmt.Fprintf(&out, \"%v: %v\\n\", name, hosts[name]) }\nfmt.Fprint(&out, hosts)\nout.String()", "googleDNS: 8.8.8.8\nloopback: 127.0.0.1\nmap[googleDNS:8.8.8.8 loopback:127.0.0.1]"},
		{"errors", "type MyError struct { When time.Time; What string }\nfunc (e *MyError) Error() string { return fmt.Sprintf(\"at %v, %s\", e.When.Year(), e.What) }\nfunc run() error { return &MyError{time.Date(2009, 1, 1, 0, 0, 0, 0, time.UTC), \"it didn't work\"} }",
			"var out string\nif err := run(); err != nil { out = fmt.Sprint(err) }\nout", "at 2009, it didn't work"},
		{"exercise errors", "type ErrNegativeSqrt float64\nfunc (e ErrNegativeSqrt) Error() string { return fmt.Sprint(\"cannot Sqrt negative number: \", float64(e)) }\nfunc Sqrt(x float64) (float64, error) { if x < 0 { return 0, ErrNegativeSqrt(x) }; return math.Sqrt(x), nil }",
			"fmt.Sprintln(Sqrt(2)) + fmt.Sprintln(Sqrt(-2))", "1.4142135623730951 <nil>\n0 cannot Sqrt negative number: -2\n"},
		{"readers", "r := strings.NewReader(\"Hello, Reader!\")\nb := make([]byte, 8)\nvar out strings.Builder\nfor { n, err := r.Read(b); fmt.Fprintf(&out, \"n = %v err = %v b = %v\\n\", n, err, b); fmt.Fprintf(&out, \"b[:n] = %q\\n\", b[:n]); if err == io.EOF { break } }\nout.String()",
			"n = 8 err = <nil> b = [72 101 108 108 111 44 32 82]\nb[:n] = \"Hello, R\"\nn = 6 err = <nil> b = [101 97 100 101 114 33 32 82]\nb[:n] = \"eader!\"\nn = 0 err = EOF b = [101 97 100 101 114 33 32 82]\nb[:n] = \"\"\n"},
		{"exercise rot13Reader", "type rot13Reader struct { r io.Reader }\nfunc (rr rot13Reader) Read(b []byte) (int, error) { n, err := rr.r.Read(b); for i := 0; i < n; i++ { c := b[i]; switch { case c >= 'a' && c <= 'z': b[i] = 'a' + (c-'a'+13)%26; case c >= 'A' && c <= 'Z': b[i] = 'A' + (c-'A'+13)%26 } }; return n, err }",
			"s := strings.NewReader(\"Lbh penpxrq gur pbqr!\")\nr := rot13Reader{s}\nvar out strings.Builder\nio.Copy(&out, &r)\nout.String()", "You cracked the code!"},
		{"exercise readers", "type MyReader struct{}\nfunc (MyReader) Read(b []byte) (int, error) { for i := range b { b[i] = 'A' }; return len(b), nil }",
			"buf := make([]byte, 5)\nn, err := io.ReadFull(MyReader{}, buf)\nfmt.Sprint(n, err, \" \", string(buf))", "5 <nil> AAAAA"},
		{"exercise images", "type Image struct{ w, h int }\nfunc (i Image) ColorModel() color.Model { return color.RGBAModel }\nfunc (i Image) Bounds() image.Rectangle { return image.Rect(0, 0, i.w, i.h) }\nfunc (i Image) At(x, y int) color.Color { v := uint8(x ^ y); return color.RGBA{v, v, 255, 255} }",
			"var buf bytes.Buffer\nerr := png.Encode(&buf, Image{4, 3})\nimg, err2 := png.Decode(&buf)\nfmt.Sprint(err, err2, img.Bounds(), img.At(3, 1))", "<nil> <nil> (0,0)-(4,3) {2 2 255 255}"},
		{"interfaces", "type Abser interface { Abs() float64 }\ntype MyFloat float64\nfunc (f MyFloat) Abs() float64 { if f < 0 { return float64(-f) }; return float64(f) }\ntype Vertex struct { X, Y float64 }\nfunc (v *Vertex) Abs() float64 { return math.Sqrt(v.X*v.X + v.Y*v.Y) }",
			"var a Abser\nf := MyFloat(-math.Sqrt2)\nv := Vertex{3, 4}\na = f\nr1 := a.Abs()\na = &v\nfmt.Sprint(r1, \" \", a.Abs())", "1.4142135623730951 5"},
		{"interface values", "type I interface { M() }\ntype T struct { S string }\nfunc (t *T) M() { if t == nil { fmt.Print(\"<nil>\"); return }; fmt.Print(t.S) }\ntype F float64\nfunc (f F) M() { fmt.Print(f) }\nfunc describe(i I) string { return fmt.Sprintf(\"(%v, %T)\\n\", i, i) }",
			"var i I\nvar t *T\ni = t\na := describe(i)\ni = &T{\"Hello\"}\nb := describe(i)\ni = F(math.Pi)\nc := describe(i)\na + b + c", "(<nil>, *main.T)\n(&{Hello}, *main.T)\n(3.141592653589793, main.F)\n"},
		{"empty interface", "func describe(i interface{}) string { return fmt.Sprintf(\"(%v, %T)\\n\", i, i) }",
			"var i interface{}\na := describe(i)\ni = 42\nb := describe(i)\ni = \"hello\"\na + b + describe(i)", "(<nil>, <nil>)\n(42, int)\n(hello, string)\n"},
		{"type switches", "func do(i interface{}) string { switch v := i.(type) { case int: return fmt.Sprintf(\"Twice %v is %v\", v, v*2); case string: return fmt.Sprintf(\"%q is %v bytes long\", v, len(v)); default: return fmt.Sprintf(\"I don't know about type %T!\", v) } }",
			"do(21) + \"|\" + do(\"hello\") + \"|\" + do(true)", "Twice 21 is 42|\"hello\" is 5 bytes long|I don't know about type bool!"},
		{"type assertions", "var i interface{} = \"hello\"\ns := i.(string)\ns, ok := i.(string)\nf, ok2 := i.(float64)\nfmt.Sprint(s, \" \", ok, \" \", f, \" \", ok2)", "hello true 0 false"},
		{"channels", "func sum(s []int, c chan int) { sum := 0; for _, v := range s { sum += v }; c <- sum }",
			"s := []int{7, 2, 8, -9, 4, 0}\nc := make(chan int)\ngo sum(s[:len(s)/2], c)\ngo sum(s[len(s)/2:], c)\nx, y := <-c, <-c\nx + y", "12"},
		{"range and close", "func fibonacci(n int, c chan int) { x, y := 0, 1; for i := 0; i < n; i++ { c <- x; x, y = y, x+y }; close(c) }",
			"c := make(chan int, 10)\ngo fibonacci(cap(c), c)\nvar r []int\nfor i := range c { r = append(r, i) }\nr", "[0 1 1 2 3 5 8 13 21 34]"},
		{"select", "func fibonacci(c, quit chan int) { x, y := 0, 1; for { select { case c <- x: x, y = y, x+y; case <-quit: return } } }",
			"c := make(chan int)\nquit := make(chan int)\nvar r []int\ngo func() { for i := 0; i < 10; i++ { r = append(r, <-c) }; quit <- 0 }()\nfibonacci(c, quit)\nr", "[0 1 1 2 3 5 8 13 21 34]"},
		{"sync.Mutex", "type SafeCounter struct { mu sync.Mutex; v map[string]int }\nfunc (c *SafeCounter) Inc(key string) { c.mu.Lock(); c.v[key]++; c.mu.Unlock() }\nfunc (c *SafeCounter) Value(key string) int { c.mu.Lock(); defer c.mu.Unlock(); return c.v[key] }",
			"c := SafeCounter{v: make(map[string]int)}\nvar wg sync.WaitGroup\nfor i := 0; i < 1000; i++ { wg.Add(1); go func() { defer wg.Done(); c.Inc(\"somekey\") }() }\nwg.Wait()\nc.Value(\"somekey\")", "1000"},
		{"exercise web crawler", "type Fetcher interface { Fetch(url string) (body string, urls []string, err error) }\ntype fakeFetcher map[string]*fakeResult\ntype fakeResult struct { body string; urls []string }\nfunc (f fakeFetcher) Fetch(url string) (string, []string, error) { if res, ok := f[url]; ok { return res.body, res.urls, nil }; return \"\", nil, fmt.Errorf(\"not found: %s\", url) }\nvar fetcher = fakeFetcher{\"https://golang.org/\": &fakeResult{\"The Go Programming Language\", []string{\"https://golang.org/pkg/\", \"https://golang.org/cmd/\"}}, \"https://golang.org/pkg/\": &fakeResult{\"Packages\", []string{\"https://golang.org/\", \"https://golang.org/cmd/\", \"https://golang.org/pkg/fmt/\"}}, \"https://golang.org/pkg/fmt/\": &fakeResult{\"Package fmt\", []string{\"https://golang.org/\", \"https://golang.org/pkg/\"}}}\ntype seen struct { mu sync.Mutex; m map[string]bool }\nfunc Crawl(url string, depth int, fetcher Fetcher, s *seen, out chan<- string, wg *sync.WaitGroup) { defer wg.Done(); if depth <= 0 { return }; s.mu.Lock(); if s.m[url] { s.mu.Unlock(); return }; s.m[url] = true; s.mu.Unlock(); body, urls, err := fetcher.Fetch(url); if err != nil { out <- err.Error(); return }; out <- fmt.Sprintf(\"found: %s %q\", url, body); for _, u := range urls { wg.Add(1); go Crawl(u, depth-1, fetcher, s, out, wg) } }",
			"out := make(chan string, 100)\nvar wg sync.WaitGroup\nwg.Add(1)\nCrawl(\"https://golang.org/\", 4, fetcher, &seen{m: map[string]bool{}}, out, &wg)\nwg.Wait()\nclose(out)\nvar lines []string\nfor l := range out { lines = append(lines, l) }\nslices.Sort(lines)\nstrings.Join(lines, \"|\")",
			"found: https://golang.org/ \"The Go Programming Language\"|found: https://golang.org/pkg/ \"Packages\"|found: https://golang.org/pkg/fmt/ \"Package fmt\"|not found: https://golang.org/cmd/"},
		{"pointer receivers", "type Vertex struct { X, Y float64 }\nfunc (v Vertex) Abs() float64 { return math.Sqrt(v.X*v.X + v.Y*v.Y) }\nfunc (v *Vertex) Scale(f float64) { v.X = v.X * f; v.Y = v.Y * f }",
			"v := Vertex{3, 4}\nv.Scale(10)\np := &Vertex{4, 3}\np.Scale(3)\nfmt.Sprint(v.Abs(), \" \", p.Abs(), \" \", v, \" \", p)", "50 15 {30 40} &{12 9}"},
		{"exercise maps", "func WordCount(s string) map[string]int { m := map[string]int{}; for _, w := range strings.Fields(s) { m[w]++ }; return m }", "WordCount(\"I am learning Go! Go is fun\")[\"Go!\"]", "1"},
		{"exercise slices", "func Pic(dx, dy int) [][]uint8 { p := make([][]uint8, dy); for y := range p { p[y] = make([]uint8, dx); for x := range p[y] { p[y][x] = uint8((x + y) / 2) } }; return p }", "Pic(3, 2)", "[[0 0 1] [0 1 1]]"},
		{"exercise fibonacci closure", "func fibonacci() func() int { a, b := 0, 1; return func() int { r := a; a, b = b, a+b; return r } }", "f := fibonacci()\nvar r []int\nfor i := 0; i < 10; i++ { r = append(r, f()) }\nr", "[0 1 1 2 3 5 8 13 21 34]"},
		{"basic types", "var (\n\tToBe   bool       = false\n\tMaxInt uint64     = 1<<64 - 1\n\tz      complex128 = cmplx.Sqrt(-5 + 12i)\n)", "fmt.Sprintf(\"Type: %T Value: %v\\nType: %T Value: %v\\nType: %T Value: %v\\n\", ToBe, ToBe, MaxInt, MaxInt, z, z)", "Type: bool Value: false\nType: uint64 Value: 18446744073709551615\nType: complex128 Value: (2+3i)\n"},
	})
}

// TestTypeVerbs: %T names the cells' types as Go does, also those that are
// not structs (yaegi hands fmt a value of type MyInt as an int) and values
// held in the cells' interfaces (the Tour of Go's "Interface values").
func TestTypeVerbs(t *testing.T) {
	runCases(t, [][]string{
		{"tour describe", "type I interface { M() }\ntype T struct { S string }\nfunc (t *T) M() { if t == nil { fmt.Print(\"<nil>\"); return }; fmt.Print(t.S) }\ntype F float64\nfunc (f F) M() { fmt.Print(f) }\nfunc describe(i I) string { return fmt.Sprintf(\"(%v, %T)\", i, i) }",
			"var i I\nvar t *T\ni = t\na := describe(i)\ni = &T{\"Hello\"}\nb := describe(i)\ni = F(math.Pi)\nc := describe(i)\na + b + c", "(<nil>, *main.T)(&{Hello}, *main.T)(3.141592653589793, main.F)"},
		{"named", "type Celsius float64\nfunc (c Celsius) String() string { return fmt.Sprintf(\"%.1f°C\", float64(c)) }\ntype Plain int", "c := Celsius(20)\nvar p Plain = 3\nfmt.Sprintf(\"%T %T %v %T %T\", c, p, c, 3, nil)", "main.Celsius main.Plain 20.0°C int <nil>"},
		{"earlier cells", "type MyInt int\nvar x MyInt = 5\nvar xs = []MyInt{1}\nvar m = map[string]MyInt{}", "fmt.Sprintf(\"%T %T %T %T %T %v\", x, xs, m, MyInt(3), &x, x)", "main.MyInt []main.MyInt map[string]main.MyInt main.MyInt *main.MyInt 5"},
		{"in a func", "type MyInt int\nfunc f() string { v := MyInt(1); var w []MyInt; return fmt.Sprintf(\"%T %T %T\", v, w, len(w)) }", "f()", "main.MyInt []main.MyInt int"},
		{"redefined", "type F float64\nfunc (f F) M() {}", "type F int\nfunc (f F) M() {}", "fmt.Sprintf(\"%T %v\", F(2), F(2))", "main.F 2"},
		{"errorf", "type Code int\nfunc (c Code) Error() string { return \"code \" + strconv.Itoa(int(c)) }", "err := fmt.Errorf(\"%T: %w\", Code(3), Code(3))\nfmt.Sprint(err)", "main.Code: code 3"},
		{"printf", "type MyInt int\nvar sb strings.Builder\nfmt.Fprintf(&sb, \"%T|\", MyInt(1))\nsb.String()", "main.MyInt|"},
		{"tour basic types", "var (\n\tToBe   bool       = false\n\tMaxInt uint64     = 1<<64 - 1\n\tz      complex128 = cmplx.Sqrt(-5 + 12i)\n)", "fmt.Sprintf(\"Type: %T Value: %v|Type: %T Value: %v|Type: %T Value: %v\", ToBe, ToBe, MaxInt, MaxInt, z, z)", "Type: bool Value: false|Type: uint64 Value: 18446744073709551615|Type: complex128 Value: (2+3i)"},
		{"tour type inference", "v := 42.5\nfmt.Sprintf(\"v is of type %T\", v)", "v is of type float64"},
		{"struct", "type P struct{ X int }\nfunc (p P) M() {}\nvar a any = P{1}\nfmt.Sprintf(\"%T %T %T\", P{}, &P{}, a)", "main.P *main.P main.P"},
	})
}

// TestHeldTypeName checks the fields of yaegi's interface values that
// heldTypeName reads.
func TestHeldTypeName(t *testing.T) {
	s := newTestSession(t)
	var got string
	if err := s.in.Use(interp.Exports{"fountaintest/fountaintest": {"Held": reflect.ValueOf(func(v any) { got = heldTypeName(reflect.ValueOf(v)) })}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.in.Eval("import \"fountaintest\"\ntype F float64\nfunc (F) M() {}\nfunc held() { var a any = F(1); fountaintest.Held(a) }"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.in.Eval("held()"); err != nil {
		t.Fatal(err)
	}
	if got != "main.F" {
		t.Fatalf("heldTypeName of an any holding main.F = %q: yaegi's valueInterface.node.typ.str is not what it was", got)
	}
}

// TestUnexportedFields: json and frames leave a struct's unexported fields
// out, and %+v and %#v show them by their names (yaegi exports them under
// other names: "a" is "Xa").
func TestUnexportedFields(t *testing.T) {
	pre := "type T struct{ a int; B string }\ntype W struct{ t T; Ts []T; p *T }\n"
	runCases(t, [][]string{
		{"json unexported", pre + "b, _ := json.Marshal(T{1, \"x\"})\nstring(b)", "{\"B\":\"x\"}"},
		{"json tagged unexported", "type U struct{ a int `json:\"a\"`; B int `json:\"b,omitempty\"` }\nb, _ := json.Marshal(U{1, 2})\nstring(b)", "{\"b\":2}"},
		{"printf +v", pre + "fmt.Sprintf(\"%+v\", T{1, \"x\"})", "{a:1 B:x}"},
		{"printf #v", pre + "fmt.Sprintf(\"%#v\", T{1, \"x\"})", "main.T{a:1, B:\"x\"}"},
		{"printf +v ptr", pre + "fmt.Sprintf(\"%+v\", &T{1, \"x\"})", "&{a:1 B:x}"},
		{"printf +v nested", pre + "fmt.Sprintf(\"%+v\", W{T{1, \"x\"}, []T{{2, \"y\"}}, nil})", "{t:{a:1 B:x} Ts:[{a:2 B:y}] p:<nil>}"},
		{"printf v", pre + "fmt.Sprintf(\"%v %d\", T{1, \"x\"}, 3)", "{1 x} 3"},
		{"printf +v exported", "type E struct{ X, Y int }\nfmt.Sprintf(\"%+v\", E{1, 2})", "{X:1 Y:2}"},
		{"frames unexported", "type R struct{ name string; N int }\nf := frames.FromStructs([]R{{\"a\", 1}})\nf.Columns()", "[N]"},
		{"%T", "type Card struct{ r int }\nfmt.Sprintf(\"%T %T %T %T %-8T|\", Card{}, &Card{}, []Card{}, map[string]*Card{}, 1)", "main.Card *main.Card []main.Card map[string]*main.Card int     |"},
	})
}

// TestTypeAssertionsAndSwitches: assertions and type switches on values of
// the cells' types match as in Go: to the cells' interfaces, to compiled
// ones (error, fmt.Stringer), by the methods' names, and recovered panic
// values too (yaegi panicked, never matched "case error", matched concrete
// cases of types with methods in a bound switch on any never, and matched
// interfaces by the shapes of methods).
func TestTypeAssertionsAndSwitches(t *testing.T) {
	runCases(t, [][]string{
		{"cell iface ok in func", "type Shape interface{ Area() float64 }\ntype Sq struct{ s float64 }\nfunc (q Sq) Area() float64 { return q.s * q.s }\n" + "func f(v any) float64 { if s, ok := v.(Shape); ok { return s.Area() }; return -1 }\nfmt.Sprint(f(Sq{2}), f(3))", "4 -1"},
		{"cell iface single", "type Shape interface{ Area() float64 }\ntype Sq struct{ s float64 }\nfunc (q Sq) Area() float64 { return q.s * q.s }\n" + "var v any = Sq{3}\nv.(Shape).Area()", "9"},
		{"cell iface switch", "type Shape interface{ Area() float64 }\ntype Sq struct{ s float64 }\nfunc (q Sq) Area() float64 { return q.s * q.s }\n" + "func f(v any) float64 { switch s := v.(type) { case Shape: return s.Area() }; return -1 }\nfmt.Sprint(f(Sq{2}), f(3))", "4 -1"},
		{"concrete ok", "type Shape interface{ Area() float64 }\ntype Sq struct{ s float64 }\nfunc (q Sq) Area() float64 { return q.s * q.s }\n" + "func f(v any) float64 { if s, ok := v.(Sq); ok { return s.s }; return -1 }\nfmt.Sprint(f(Sq{2}), f(3))", "2 -1"},
		{"shape to shape", "type Shape interface{ Area() float64 }\ntype Sq struct{ s float64 }\nfunc (q Sq) Area() float64 { return q.s * q.s }\n" + "var s Shape = Sq{2}\nq, ok := s.(Sq)\nfmt.Sprint(q.s, ok)", "2 true"},
		{"compiled value error ok", "func f(v any) string { if e, ok := v.(error); ok { return e.Error() }; return \"no\" }\nf(errors.New(\"x\")) + f(1)", "xno"},
		{"compiled stringer ok", "func f(v any) string { if e, ok := v.(fmt.Stringer); ok { return e.String() }; return \"no\" }\nf(time.Second) + f(1)", "1sno"},
		{"error ok", "type N struct{ s string }\nfunc (n N) String() string { return n.s }\nfunc (n N) Error() string { return n.s }\ntype P struct{ s string }\nfunc (p *P) String() string { return p.s }\nfunc (p *P) Error() string { return p.s }\ntype Q struct{}\n" + "func f(v any) string { if e, ok := v.(error); ok { return e.Error() }; return \"no\" }\nf(N{\"a\"}) + f(&P{\"b\"}) + f(3) + f(errors.New(\"c\")) + f(Q{})", "abnocno"},
		{"stringer ok", "type N struct{ s string }\nfunc (n N) String() string { return n.s }\nfunc (n N) Error() string { return n.s }\ntype P struct{ s string }\nfunc (p *P) String() string { return p.s }\nfunc (p *P) Error() string { return p.s }\ntype Q struct{}\n" + "func f(v any) string { if e, ok := v.(fmt.Stringer); ok { return e.String() }; return \"no\" }\nf(N{\"a\"}) + f(&P{\"b\"}) + f(3) + f(time.Second) + f(Q{})", "abno1sno"},
		{"error single", "type N struct{ s string }\nfunc (n N) String() string { return n.s }\nfunc (n N) Error() string { return n.s }\ntype P struct{ s string }\nfunc (p *P) String() string { return p.s }\nfunc (p *P) Error() string { return p.s }\ntype Q struct{}\n" + "var v any = &P{\"q\"}\nv.(error).Error()", "q"},
		{"error single fail", "type N struct{ s string }\nfunc (n N) String() string { return n.s }\nfunc (n N) Error() string { return n.s }\ntype P struct{ s string }\nfunc (p *P) String() string { return p.s }\nfunc (p *P) Error() string { return p.s }\ntype Q struct{}\n" + "var v any = 3\nfunc f() (s string) { defer func() { s = fmt.Sprint(recover()) }(); _ = v.(error); return }\nf()", "interface conversion: int is not error"},
		{"top comma", "type N struct{ s string }\nfunc (n N) String() string { return n.s }\nfunc (n N) Error() string { return n.s }\ntype P struct{ s string }\nfunc (p *P) String() string { return p.s }\nfunc (p *P) Error() string { return p.s }\ntype Q struct{}\n" + "var v any = &P{\"q\"}\ns, ok := v.(fmt.Stringer)\nfmt.Sprint(s.String(), \" \", ok)", "q true"},
		{"errors join", "type N struct{ s string }\nfunc (n N) String() string { return n.s }\nfunc (n N) Error() string { return n.s }\ntype P struct{ s string }\nfunc (p *P) String() string { return p.s }\nfunc (p *P) Error() string { return p.s }\ntype Q struct{}\n" + "var vs []any = []any{N{\"a\"}, errors.New(\"b\")}\nvar errs []error\nfor _, v := range vs { if e, ok := v.(error); ok { errs = append(errs, e) } }\nerrors.Join(errs...).Error()", "a\nb"},
		{"single in func", "type Shape interface{ Area() float64 }\ntype Sq struct{ s float64 }\nfunc (q Sq) Area() float64 { return q.s * q.s }\n" + "func f(v any) float64 { return v.(Shape).Area() }\nf(Sq{3})", "9"},
		{"single top next cell", "type Shape interface{ Area() float64 }\ntype Sq struct{ s float64 }\nfunc (q Sq) Area() float64 { return q.s * q.s }\n" + "var v any = Sq{3}\n", "v.(Shape).Area()", "9"},
		{"single top define", "type Shape interface{ Area() float64 }\ntype Sq struct{ s float64 }\nfunc (q Sq) Area() float64 { return q.s * q.s }\n" + "v := any(Sq{3})\nv.(Shape).Area()", "9"},
		{"switch top", "type Shape interface{ Area() float64 }\ntype Sq struct{ s float64 }\nfunc (q Sq) Area() float64 { return q.s * q.s }\n" + "var v any = Sq{3}\nr := 0.0\nswitch s := v.(type) { case Shape: r = s.Area() }\nr", "9"},
		{"switch top next", "type Shape interface{ Area() float64 }\ntype Sq struct{ s float64 }\nfunc (q Sq) Area() float64 { return q.s * q.s }\n" + "var v any = Sq{3}\n", "r := 0.0\nswitch s := v.(type) { case Shape: r = s.Area() }\nr", "9"},
		{"global passed", "type Shape interface{ Area() float64 }\ntype Sq struct{ s float64 }\nfunc (q Sq) Area() float64 { return q.s * q.s }\nfunc f(v any) float64 { switch s := v.(type) { case Shape: return s.Area() }; return -1 }\n" + "var v any = Sq{3}\n", "f(v)", "9"},
		{"global passed same", "type Shape interface{ Area() float64 }\ntype Sq struct{ s float64 }\nfunc (q Sq) Area() float64 { return q.s * q.s }\nfunc f(v any) float64 { switch s := v.(type) { case Shape: return s.Area() }; return -1 }\n" + "var v any = Sq{3}\nf(v)", "9"},
		{"local passed", "type Shape interface{ Area() float64 }\ntype Sq struct{ s float64 }\nfunc (q Sq) Area() float64 { return q.s * q.s }\nfunc f(v any) float64 { switch s := v.(type) { case Shape: return s.Area() }; return -1 }\n" + "func g() float64 { var v any = Sq{3}; return f(v) }\ng()", "9"},
		{"local switch", "type Shape interface{ Area() float64 }\ntype Sq struct{ s float64 }\nfunc (q Sq) Area() float64 { return q.s * q.s }\nfunc f(v any) float64 { switch s := v.(type) { case Shape: return s.Area() }; return -1 }\n" + "func g() float64 { var v any = Sq{3}; switch s := v.(type) { case Shape: return s.Area() }; return -1 }\ng()", "9"},
		{"slice elem", "type Shape interface{ Area() float64 }\ntype Sq struct{ s float64 }\nfunc (q Sq) Area() float64 { return q.s * q.s }\nfunc f(v any) float64 { switch s := v.(type) { case Shape: return s.Area() }; return -1 }\n" + "vs := []any{Sq{3}}\nf(vs[0])", "9"},
		{"concrete case global", "type Shape interface{ Area() float64 }\ntype Sq struct{ s float64 }\nfunc (q Sq) Area() float64 { return q.s * q.s }\nfunc f(v any) float64 { switch s := v.(type) { case Shape: return s.Area() }; return -1 }\n" + "var v any = Sq{3}\nr := 0.0\nswitch s := v.(type) { case Sq: r = s.s }\nr", "3"},
		{"via id", "type Shape interface{ Area() float64 }\ntype Sq struct{ s float64 }\nfunc (q Sq) Area() float64 { return q.s * q.s }\nfunc f(v any) float64 { switch s := v.(type) { case Shape: return s.Area() }; return -1 }\nfunc id(v any) any { return v }\nfunc ids(v Shape) Shape { return v }\nfunc as[I any](v I) I { return v }\n" + "var v any = id(Sq{3})\nf(v)", "9"},
		{"via generic", "type Shape interface{ Area() float64 }\ntype Sq struct{ s float64 }\nfunc (q Sq) Area() float64 { return q.s * q.s }\nfunc f(v any) float64 { switch s := v.(type) { case Shape: return s.Area() }; return -1 }\nfunc id(v any) any { return v }\nfunc ids(v Shape) Shape { return v }\nfunc as[I any](v I) I { return v }\n" + "var v any = as[any](Sq{3})\nf(v)", "9"},
		{"shape var", "type Shape interface{ Area() float64 }\ntype Sq struct{ s float64 }\nfunc (q Sq) Area() float64 { return q.s * q.s }\nfunc f(v any) float64 { switch s := v.(type) { case Shape: return s.Area() }; return -1 }\nfunc id(v any) any { return v }\nfunc ids(v Shape) Shape { return v }\nfunc as[I any](v I) I { return v }\n" + "var s Shape = Sq{3}\nf(s)", "9"},
		{"shape var via", "type Shape interface{ Area() float64 }\ntype Sq struct{ s float64 }\nfunc (q Sq) Area() float64 { return q.s * q.s }\nfunc f(v any) float64 { switch s := v.(type) { case Shape: return s.Area() }; return -1 }\nfunc id(v any) any { return v }\nfunc ids(v Shape) Shape { return v }\nfunc as[I any](v I) I { return v }\n" + "var s Shape = ids(Sq{3})\nf(s)", "9"},
		{"shape var assert concrete", "type Shape interface{ Area() float64 }\ntype Sq struct{ s float64 }\nfunc (q Sq) Area() float64 { return q.s * q.s }\nfunc f(v any) float64 { switch s := v.(type) { case Shape: return s.Area() }; return -1 }\nfunc id(v any) any { return v }\nfunc ids(v Shape) Shape { return v }\nfunc as[I any](v I) I { return v }\n" + "var s Shape = Sq{3}\nq, ok := s.(Sq)\nfmt.Sprint(q.s, ok)", "3 true"},
		{"map value", "type Shape interface{ Area() float64 }\ntype Sq struct{ s float64 }\nfunc (q Sq) Area() float64 { return q.s * q.s }\nfunc f(v any) float64 { switch s := v.(type) { case Shape: return s.Area() }; return -1 }\nfunc id(v any) any { return v }\nfunc ids(v Shape) Shape { return v }\nfunc as[I any](v I) I { return v }\n" + "m := map[string]any{}\nm[\"a\"] = Sq{3}\nf(m[\"a\"])", "9"},
		{"struct field", "type Shape interface{ Area() float64 }\ntype Sq struct{ s float64 }\nfunc (q Sq) Area() float64 { return q.s * q.s }\nfunc f(v any) float64 { switch s := v.(type) { case Shape: return s.Area() }; return -1 }\nfunc id(v any) any { return v }\nfunc ids(v Shape) Shape { return v }\nfunc as[I any](v I) I { return v }\n" + "type B struct{ V any }\nb := B{Sq{3}}\nf(b.V)", "9"},
		{"assign var", "type Shape interface{ Area() float64 }\ntype Sq struct{ s float64 }\nfunc (q Sq) Area() float64 { return q.s * q.s }\nfunc f(v any) float64 { switch s := v.(type) { case Shape: return s.Area() }; return -1 }\nfunc id(v any) any { return v }\nfunc ids(v Shape) Shape { return v }\nfunc as[I any](v I) I { return v }\n" + "var v any\nv = Sq{3}\nf(v)", "9"},
		{"classic", "type Shape interface{ Area() float64 }\ntype Sq struct{ s float64 }\nfunc (q Sq) Area() float64 { return q.s * q.s }\ntype Ci struct{ r float64 }\nfunc (c *Ci) Area() float64 { return 3 * c.r * c.r }\nfunc (c *Ci) String() string { return \"ci\" }\ntype E struct{ m string }\nfunc (e E) Error() string { return e.m }\n" + "func d(v any) string { switch x := v.(type) { case Sq: return fmt.Sprint(\"sq\", x.s); case *Ci: return fmt.Sprint(\"ci\", x.r); case int: return fmt.Sprint(\"int\", x); case nil: return \"nil\"; default: return \"?\" } }\nd(Sq{1}) + d(&Ci{2}) + d(3) + d(nil) + d(\"s\")", "sq1ci2int3nil?"},
		{"mixed", "type Shape interface{ Area() float64 }\ntype Sq struct{ s float64 }\nfunc (q Sq) Area() float64 { return q.s * q.s }\ntype Ci struct{ r float64 }\nfunc (c *Ci) Area() float64 { return 3 * c.r * c.r }\nfunc (c *Ci) String() string { return \"ci\" }\ntype E struct{ m string }\nfunc (e E) Error() string { return e.m }\n" + "func d(v any) string { switch x := v.(type) { case Sq: return \"sq\"; case Shape: return fmt.Sprint(x.Area()); case error: return \"err:\" + x.Error(); case fmt.Stringer: return \"str:\" + x.String() }; return \"-\" }\nd(Sq{1}) + d(&Ci{1}) + d(E{\"e\"}) + d(errors.New(\"c\")) + d(time.Second) + d(2)", "sq3err:eerr:cstr:1s-"},
		{"multi", "type Shape interface{ Area() float64 }\ntype Sq struct{ s float64 }\nfunc (q Sq) Area() float64 { return q.s * q.s }\ntype Ci struct{ r float64 }\nfunc (c *Ci) Area() float64 { return 3 * c.r * c.r }\nfunc (c *Ci) String() string { return \"ci\" }\ntype E struct{ m string }\nfunc (e E) Error() string { return e.m }\n" + "func d(v any) string { switch x := v.(type) { case Sq, *Ci: return fmt.Sprint(x.(Shape).Area()); case int, string: return fmt.Sprint(x) }; return \"-\" }\nd(Sq{2}) + d(&Ci{1}) + d(5) + d(1.5)", "435-"},
		{"break continue", "type Shape interface{ Area() float64 }\ntype Sq struct{ s float64 }\nfunc (q Sq) Area() float64 { return q.s * q.s }\ntype Ci struct{ r float64 }\nfunc (c *Ci) Area() float64 { return 3 * c.r * c.r }\nfunc (c *Ci) String() string { return \"ci\" }\ntype E struct{ m string }\nfunc (e E) Error() string { return e.m }\n" + "n := 0\nfor _, v := range []any{Sq{1}, 2, Sq{3}, \"x\"} { switch x := v.(type) { case Sq: if x.s > 2 { break }; n += 10; case int: continue }; n++ }\nn", "13"},
		{"init", "type Shape interface{ Area() float64 }\ntype Sq struct{ s float64 }\nfunc (q Sq) Area() float64 { return q.s * q.s }\ntype Ci struct{ r float64 }\nfunc (c *Ci) Area() float64 { return 3 * c.r * c.r }\nfunc (c *Ci) String() string { return \"ci\" }\ntype E struct{ m string }\nfunc (e E) Error() string { return e.m }\n" + "func d(vs []any) string { switch v := vs[0]; x := v.(type) { case Sq: return fmt.Sprint(x.s) }; return \"-\" }\nd([]any{Sq{4}})", "4"},
		{"call subject", "type Shape interface{ Area() float64 }\ntype Sq struct{ s float64 }\nfunc (q Sq) Area() float64 { return q.s * q.s }\ntype Ci struct{ r float64 }\nfunc (c *Ci) Area() float64 { return 3 * c.r * c.r }\nfunc (c *Ci) String() string { return \"ci\" }\ntype E struct{ m string }\nfunc (e E) Error() string { return e.m }\n" + "func get() any { return &Ci{7} }\nr := 0.0\nswitch x := get().(type) { case *Ci: r = x.r }\nr", "7"},
		{"unbound", "type Shape interface{ Area() float64 }\ntype Sq struct{ s float64 }\nfunc (q Sq) Area() float64 { return q.s * q.s }\ntype Ci struct{ r float64 }\nfunc (c *Ci) Area() float64 { return 3 * c.r * c.r }\nfunc (c *Ci) String() string { return \"ci\" }\ntype E struct{ m string }\nfunc (e E) Error() string { return e.m }\n" + "func d(v any) string { switch v.(type) { case Sq: return \"sq\"; case error: return \"err\"; case Shape: return \"shape\" }; return \"-\" }\nd(Sq{1}) + d(E{}) + d(&Ci{}) + d(errors.New(\"x\")) + d(1)", "sqerrshapeerr-"},
		{"shape param", "type Shape interface{ Area() float64 }\ntype Sq struct{ s float64 }\nfunc (q Sq) Area() float64 { return q.s * q.s }\ntype Ci struct{ r float64 }\nfunc (c *Ci) Area() float64 { return 3 * c.r * c.r }\nfunc (c *Ci) String() string { return \"ci\" }\ntype E struct{ m string }\nfunc (e E) Error() string { return e.m }\n" + "func area(s Shape) float64 { switch x := s.(type) { case Sq: return x.s; case *Ci: return x.r }; return -1 }\narea(Sq{2}) + area(&Ci{3})", "5"},
		{"recover", "type Shape interface{ Area() float64 }\ntype Sq struct{ s float64 }\nfunc (q Sq) Area() float64 { return q.s * q.s }\ntype Ci struct{ r float64 }\nfunc (c *Ci) Area() float64 { return 3 * c.r * c.r }\nfunc (c *Ci) String() string { return \"ci\" }\ntype E struct{ m string }\nfunc (e E) Error() string { return e.m }\n" + "func try(f func()) (msg string) { defer func() { switch x := recover().(type) { case error: msg = \"error \" + x.Error(); case string: msg = \"string \" + x } }(); f(); return }\ntry(func() { panic(E{\"boom\"}) }) + \"|\" + try(func() { panic(\"s\") }) + \"|\" + try(func() { panic(fmt.Errorf(\"f\")) })", "error boom|string s|error f"},
		{"assign in clause", "type Shape interface{ Area() float64 }\ntype Sq struct{ s float64 }\nfunc (q Sq) Area() float64 { return q.s * q.s }\ntype Ci struct{ r float64 }\nfunc (c *Ci) Area() float64 { return 3 * c.r * c.r }\nfunc (c *Ci) String() string { return \"ci\" }\ntype E struct{ m string }\nfunc (e E) Error() string { return e.m }\n" + "var total float64\nfor _, v := range []any{Sq{2}, &Ci{1}} { switch s := v.(type) { case Shape: total += s.Area() } }\ntotal", "7"},
		{"names, not shapes", "type Shape interface{ Area() float64 }\ntype Cube struct{ s float64 }\nfunc (c Cube) Volume() float64 { return c.s }\nfunc d(v any) string { _, ok := v.(Shape); switch v.(type) { case Shape: return fmt.Sprint(ok, \"shape\") }; return fmt.Sprint(ok) }\nd(Cube{})", "false"},
		{"String is not Error", "type C struct{}\nfunc (*C) String() string { return \"c\" }\nfunc d(v any) string { if _, ok := v.(error); ok { return \"err\" }; switch v.(type) { case error: return \"err\"; case fmt.Stringer: return \"str\" }; return \"-\" }\nd(&C{})", "str"},
		{"recovered values", "type E struct{ m string }\nfunc (e E) Error() string { return e.m }\nfunc try(f func()) (msg string) { defer func() { switch x := recover().(type) { case error: msg = \"error \" + x.Error(); case string: msg = \"string \" + x } }(); f(); return }\ntry(func() { panic(E{\"boom\"}) }) + \"|\" + try(func() { panic(\"s\") }) + \"|\" + try(func() { panic(fmt.Errorf(\"f\")) })", "error boom|string s|error f"},
		{"recovered comma-ok", "func try() (msg string) { defer func() { if err, ok := recover().(error); ok { msg = err.Error() } }(); var m map[string]int; m[\"a\"] = 1; return }\ntry()", "assignment to entry in nil map"},
		{"failed assertion message", "type Shape interface{ Area() float64 }\ntype Cube struct{ s float64 }\nfunc (c Cube) Volume() float64 { return c.s }\nfunc f() (s string) { defer func() { s = fmt.Sprint(recover()) }(); var v any = Cube{}; _ = v.(Shape); return }\nf()", "interface conversion: main.Cube is not main.Shape"},
	})
}

// TestRewritesTogether: the cell compiler's rewrites in the same code:
// generics with assertions and switches, defers in methods, fmt in generic
// funcs, errors.As on errors made in a loop, closures deferred.
func TestRewritesTogether(t *testing.T) {
	runCases(t, [][]string{
		{"generic assert", "func As[T any](v any) (T, bool) { t, ok := v.(T); return t, ok }\nn, ok := As[int](3)\nfmt.Sprint(n, ok)", "3 true"},
		{"generic switch", "func Kind[T any](v T) string { switch any(v).(type) { case int: return \"int\"; case string: return \"str\" }; return \"?\" }\nKind(1) + Kind(\"a\") + Kind(1.5)", "intstr?"},
		{"generic interface assert", "type Sh interface{ A() int }\ntype Q struct{}\nfunc (Q) A() int { return 4 }\nfunc Areas[T any](xs []T) int { t := 0; for _, x := range xs { if s, ok := any(x).(Sh); ok { t += s.A() } }; return t }\nAreas([]Q{{}, {}})", "8"},
		{"method defers", "type Acc struct{ log []string }\nfunc (a *Acc) Do(n int) { defer a.note(\"done\"); for i := range n { defer a.note(fmt.Sprint(i)) } }\nfunc (a *Acc) note(s string) { a.log = append(a.log, s) }\na := &Acc{}\na.Do(2)\nfmt.Sprint(a.log)", "[1 0 done]"},
		{"stringer in a generic func", "type C struct{ n int }\nfunc (c C) String() string { return fmt.Sprint(\"c\", c.n) }\nfunc Show[T any](xs []T) string { return fmt.Sprint(xs) }\nShow([]C{{1}, {2}})", "[c1 c2]"},
		{"errors.As after a loop", "type E struct{ f string }\nfunc (e *E) Error() string { return e.f }\nvar errs []error\nfor _, f := range []string{\"a\", \"b\"} { errs = append(errs, &E{f}) }\nvar t *E\nfmt.Sprint(errors.As(errs[1], &t), \" \", t.f)", "true b"},
		{"json round trip", "type P struct{ Name string `json:\"name\"`; age int }\nb, _ := json.Marshal([]P{{\"a\", 1}})\nvar back []P\njson.Unmarshal(b, &back)\nstring(b) + fmt.Sprint(len(back))", "[{\"name\":\"a\"}]1"},
		{"closures deferred", "func f() (n int) { inc := func() { n++ }; defer inc(); defer inc(); return 1 }\nf()", "3"},
		{"map value shown", "type C struct{ n int }\nfunc (c C) String() string { return fmt.Sprint(\"c\", c.n) }\nm := map[string]C{\"x\": {1}}\nm", "map[x:c1]"},
		{"switch on an error of a pointer type", "type NotFound struct{ k string }\nfunc (e *NotFound) Error() string { return e.k + \" not found\" }\nfunc classify(err error) string { switch e := err.(type) { case nil: return \"ok\"; case *NotFound: return \"nf:\" + e.k; default: return \"other:\" + e.Error() } }\nclassify(nil) + \"|\" + classify(&NotFound{\"a\"}) + \"|\" + classify(errors.New(\"b\"))", "ok|nf:a|other:b"},
		{"comma-ok on an error of a pointer type", "type NotFound struct{ k string }\nfunc (e *NotFound) Error() string { return e.k }\nfunc f(err error) string { if nf, ok := err.(*NotFound); ok { return \"nf:\" + nf.k }; return \"other\" }\nf(&NotFound{\"a\"}) + f(errors.New(\"x\"))", "nf:aother"},
	})
}

// TestSelectBreaks: "break label" from inside a select leaves the labeled
// loop (yaegi went round it for ever).
func TestSelectBreaks(t *testing.T) {
	runCases(t, [][]string{
		{"select loop in func", "func run() int { ch := make(chan int)\ndone := make(chan struct{})\ngo func() { for i := range 3 { ch <- i }; close(done) }()\ns := 0\nloop:\nfor { select { case v := <-ch: s += v; case <-done: break loop } }\nreturn s }\nrun()", "3"},
		{"select loop top no label", "ch := make(chan int)\ndone := make(chan struct{})\ngo func() { for i := range 3 { ch <- i }; close(done) }()\ns := 0\nfin := false\nfor !fin { select { case v := <-ch: s += v; case <-done: fin = true } }\ns", "3"},
		{"labeled for top", "s := 0\nouter:\nfor i := range 5 { for { if i == 3 { break outer }; s++; break } }\ns", "3"},
		{"labeled select break top", "ch := make(chan int, 1)\nch <- 1\ns := 0\nloop:\nfor { select { case v := <-ch: s += v; default: break loop } }\ns", "1"},
		{"consumer with done", "results := make(chan int)\ndone := make(chan struct{})\nvar wg sync.WaitGroup\nfor i := range 3 { wg.Add(1); go func() { defer wg.Done(); results <- i * i }() }\ngo func() { wg.Wait(); close(done) }()\ntotal := 0\nloop:\nfor {\n\tselect {\n\tcase r := <-results:\n\t\ttotal += r\n\tcase <-done:\n\t\tbreak loop\n\t}\n}\ntotal", "5"},
		{"timeout in a loop", "tick := time.NewTicker(time.Millisecond)\ndefer tick.Stop()\nn := 0\ntimeout := time.After(30 * time.Millisecond)\nwait:\nfor {\n\tselect {\n\tcase <-tick.C:\n\t\tn++\n\t\tif n == 3 { break wait }\n\tcase <-timeout:\n\t\tbreak wait\n\t}\n}\nn", "3"},
	})
}

// TestConcurrencyAndEmbedding: worker pools, cancellation, sync types, and
// embedded types whose methods satisfy interfaces in switches and
// assertions (yaegi saw no promoted methods there).
func TestConcurrencyAndEmbedding(t *testing.T) {
	runCases(t, [][]string{
		{"worker pool", "jobs := make(chan int, 10)\nres := make(chan int, 10)\nvar wg sync.WaitGroup\nfor w := range 3 { wg.Add(1); go func(id int) { defer wg.Done(); for j := range jobs { res <- j * 2 } }(w) }\nfor i := 1; i <= 5; i++ { jobs <- i }\nclose(jobs)\nwg.Wait()\nclose(res)\ns := 0\nfor r := range res { s += r }\ns", "30"},
		{"ctx cancel workers", "ctx, cancel := context.WithCancel(context.Background())\nvar n atomic.Int32\nvar wg sync.WaitGroup\nfor range 3 { wg.Add(1); go func() { defer wg.Done(); <-ctx.Done(); n.Add(1) }() }\ncancel()\nwg.Wait()\nn.Load()", "3"},
		{"afterfunc", "ch := make(chan string, 1)\ntime.AfterFunc(5*time.Millisecond, func() { ch <- \"fired\" })\nv := <-ch\nv", "fired"},
		{"sync map", "var m sync.Map\nm.Store(\"a\", 1)\nv, ok := m.Load(\"a\")\nfmt.Sprint(v, ok)", "1 true"},
		{"ptr stringer print", "type T struct{ n int }\nfunc (t *T) String() string { return fmt.Sprint(\"t\", t.n) }\nfmt.Sprint(&T{1}, []*T{{2}})", "t1 [t2]"},
		{"embedded iface satisfy", "type Namer interface{ Name() string }\ntype Base struct{ n string }\nfunc (b Base) Name() string { return b.n }\ntype User struct{ Base; age int }\nvar nm Namer = User{Base{\"u\"}, 3}\nnm.Name()", "u"},
		{"embedded switch", "type Namer interface{ Name() string }\ntype Base struct{ n string }\nfunc (b Base) Name() string { return b.n }\ntype User struct{ Base; age int }\nfunc nameOf(v any) string { switch x := v.(type) { case Namer: return x.Name() }; return \"-\" }\nnameOf(User{Base{\"u\"}, 3})", "u"},
		{"embedded assert", "type Namer interface{ Name() string }\ntype Base struct{ n string }\nfunc (b Base) Name() string { return b.n }\ntype User struct{ Base; age int }\nfunc nameOf(v any) string { if x, ok := v.(Namer); ok { return x.Name() }; return \"-\" }\nnameOf(User{Base{\"u\"}, 3}) + nameOf(3)", "u-"},
		{"errgroup-ish", "var mu sync.Mutex\nvar errs []error\nvar wg sync.WaitGroup\nfor i := range 3 { wg.Add(1); go func() { defer wg.Done(); if i == 1 { mu.Lock(); errs = append(errs, fmt.Errorf(\"job %d failed\", i)); mu.Unlock() } }() }\nwg.Wait()\nerrors.Join(errs...).Error()", "job 1 failed"},
		{"generic stack of structs", "type Stack[T any] struct{ items []T }\nfunc (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }\nfunc (s *Stack[T]) Pop() (T, bool) { var z T; if len(s.items) == 0 { return z, false }; v := s.items[len(s.items)-1]; s.items = s.items[:len(s.items)-1]; return v, true }\ntype P struct{ x int }\nvar s Stack[P]\nfor i := range 3 { s.Push(P{i}) }\nv, _ := s.Pop()\nv.x", "2"},
		{"map of funcs loop", "ops := map[string]func(int) int{}\nfor _, k := range []int{1, 2, 3} { ops[fmt.Sprint(k)] = func(x int) int { return x * k } }\nops[\"1\"](10) + ops[\"3\"](10)", "40"},
		{"defer in goroutine loop", "var mu sync.Mutex\nvar order []int\nvar wg sync.WaitGroup\nfor i := range 3 { wg.Add(1); go func() { defer wg.Done(); mu.Lock(); defer mu.Unlock(); order = append(order, i) }() }\nwg.Wait()\nslices.Sort(order)\nfmt.Sprint(order)", "[0 1 2]"},
		{"ambiguous embedding", "type A struct{}\nfunc (A) Close() error { return nil }\nfunc (A) Read() string { return \"r\" }\ntype B struct{}\nfunc (B) Close() error { return nil }\ntype AB struct{ A; B }\nAB{}.Read()", "r"},
	})
}

// TestEverydayData: data-notebook code (counting, statistics, time,
// pipelines of methods, enums with String in every verb, error chains,
// JSON into any and back, generics over numbers and maps).
func TestEverydayData(t *testing.T) {
	runCases(t, [][]string{
		{"word count", "text := \"the cat the dog the end\"\ncounts := map[string]int{}\nfor _, w := range strings.Fields(text) { counts[w]++ }\ntype kv struct{ k string; v int }\nvar kvs []kv\nfor k, v := range counts { kvs = append(kvs, kv{k, v}) }\nsort.Slice(kvs, func(i, j int) bool { if kvs[i].v != kvs[j].v { return kvs[i].v > kvs[j].v }; return kvs[i].k < kvs[j].k })\nfmt.Sprint(kvs[0].k, \" \", kvs[0].v, \" \", len(kvs))", "the 3 4"},
		{"stats", "xs := []float64{1, 2, 3, 4}\nsum := 0.0\nfor _, x := range xs { sum += x }\nmean := sum / float64(len(xs))\nvar ss float64\nfor _, x := range xs { ss += (x - mean) * (x - mean) }\nfmt.Sprintf(\"%.2f %.3f\", mean, math.Sqrt(ss/float64(len(xs)-1)))", "2.50 1.291"},
		{"time parse", "t, err := time.Parse(\"2006-01-02\", \"2024-03-05\")\nfmt.Sprint(t.Weekday(), err)", "Tuesday <nil>"},
		{"duration math", "d := 90 * time.Minute\nfmt.Sprint(d.Hours(), d)", "1.5 1h30m0s"},
		{"strconv", "n, err := strconv.Atoi(\"42\")\nf, _ := strconv.ParseFloat(\"2.5\", 64)\nfmt.Sprint(n+1, f*2, err)", "43 5 <nil>"},
		{"struct methods pipeline", "type Obs struct{ Band string; Mag float64 }\ntype Obss []Obs\nfunc (o Obss) Filter(f func(Obs) bool) Obss { var out Obss; for _, x := range o { if f(x) { out = append(out, x) } }; return out }\nfunc (o Obss) Mean() float64 { s := 0.0; for _, x := range o { s += x.Mag }; return s / float64(len(o)) }\nobs := Obss{{\"g\", 18}, {\"r\", 17}, {\"g\", 20}}\nobs.Filter(func(o Obs) bool { return o.Band == \"g\" }).Mean()", "19"},
		{"matrix", "m := [][]float64{{1, 2}, {3, 4}}\nt := make([][]float64, 2)\nfor i := range t { t[i] = make([]float64, 2); for j := range t[i] { t[i][j] = m[j][i] } }\nfmt.Sprint(t)", "[[1 3] [2 4]]"},
		{"enum stringer switch", "type State int\nconst (\n\tIdle State = iota\n\tRunning\n\tDone\n)\nfunc (s State) String() string { switch s { case Idle: return \"idle\"; case Running: return \"running\" }; return \"done\" }\nvar s State = Running\nfmt.Sprintf(\"%v %d %s\", s, s, Done)", "running 1 done"},
		{"closure generator", "func gen() func() int { a, b := 0, 1; return func() int { r := a; a, b = b, a+b; return r } }\nf := gen()\nvar out []int\nfor range 6 { out = append(out, f()) }\nfmt.Sprint(out)", "[0 1 1 2 3 5]"},
		{"error wrap chain", "type ParseErr struct{ Line int }\nfunc (e *ParseErr) Error() string { return fmt.Sprint(\"line \", e.Line) }\nfunc parse() error { return &ParseErr{3} }\nfunc load() error { if err := parse(); err != nil { return fmt.Errorf(\"load: %w\", err) }; return nil }\nerr := load()\nvar pe *ParseErr\nfmt.Sprint(err, \" \", errors.As(err, &pe), \" \", pe.Line)", "load: line 3 true 3"},
		{"interface nil check", "type Sh interface{ A() float64 }\nvar s Sh\nfmt.Sprint(s == nil)", "true"},
		{"switch true", "x := 7\nr := \"\"\nswitch { case x > 5: r = \"big\"; default: r = \"small\" }\nr", "big"},
		{"bits", "fmt.Sprintf(\"%08b %x %o\", 5, 255, 8)", "00000101 ff 10"},
		{"multiline string", "s := `a\nb`\nlen(strings.Split(s, \"\\n\"))", "2"},
		{"json any walk", "var v any\njson.Unmarshal([]byte(`{\"a\": [1, \"x\", {\"b\": true}], \"n\": null}`), &v)\nvar walk func(any) int\nwalk = func(x any) int { switch t := x.(type) { case map[string]any: n := 0; for _, e := range t { n += walk(e) }; return n + 1; case []any: n := 0; for _, e := range t { n += walk(e) }; return n + 1; case float64, string, bool: return 1; case nil: return 1 }; return 100 }\nwalk(v)", "7"},
		{"json map decode", "var m map[string]any\njson.Unmarshal([]byte(`{\"mag\": 18.5, \"band\": \"g\"}`), &m)\nmag, ok := m[\"mag\"].(float64)\nfmt.Sprint(mag, ok, m[\"band\"])", "18.5 trueg"},
		{"json struct slice field", "type Alert struct{ ID string `json:\"id\"`; Mags []float64 `json:\"mags\"` }\nvar a Alert\nerr := json.Unmarshal([]byte(`{\"id\": \"z\", \"mags\": [1, 2]}`), &a)\nfmt.Sprint(a.ID, a.Mags, err)", "z[1 2] <nil>"},
		{"json encode map", "b, _ := json.Marshal(map[string]int{\"b\": 2, \"a\": 1})\nstring(b)", "{\"a\":1,\"b\":2}"},
		{"any slice mixed", "xs := []any{1, \"a\", 2.5, nil, []int{1}}\nvar kinds []string\nfor _, x := range xs { kinds = append(kinds, fmt.Sprintf(\"%T\", x)) }\nstrings.Join(kinds, \",\")", "int,string,float64,<nil>,[]int"},
		{"assert in loop any", "xs := []any{1, 2, \"x\"}\ns := 0\nfor _, x := range xs { if n, ok := x.(int); ok { s += n } }\ns", "3"},
		{"generic sum constraint", "type Number interface{ ~int | ~float64 }\nfunc Sum[T Number](xs []T) T { var s T; for _, x := range xs { s += x }; return s }\nfmt.Sprint(Sum([]int{1, 2}), Sum([]float64{1.5, 2}))", "3 3.5"},
		{"generic map keys", "func Keys[K comparable, V any](m map[K]V) []K { var ks []K; for k := range m { ks = append(ks, k) }; return ks }\nks := Keys(map[string]int{\"a\": 1, \"b\": 2})\nslices.Sort(ks)\nfmt.Sprint(ks)", "[a b]"},
		{"struct with map field", "type Inv struct{ items map[string]int }\ninv := Inv{items: map[string]int{}}\ninv.items[\"x\"] += 3\ninv.items[\"x\"]", "3"},
		{"bytes and runes", "s := \"héllo\"\nb := []byte(s)\nr := []rune(s)\nfmt.Sprint(len(b), len(r), string(r[1]))", "6 5é"},
	})
}

// TestWholeProgramFindings holds, as small cases, what running whole
// programs (TestProgramsAsGoRunsThem) found yaegi getting wrong: a method
// with unnamed parameters, a range over a pointer to an array, a func's
// or method's result of a named type that is not a struct printing
// without its String, a method promoted from an embedded struct called
// through an interface before a later declaration of the cell, a generic
// call in the cell declaring its generic types (a probe's failed compile
// left a second instance of a recursive generic type), "return <-ch",
// select cases receiving with "=", typed iota constants, run-time panics
// as runtime errors, fields and generic instances that print themselves,
// instances of two type parameters as type arguments, json text methods
// inside values, errors below the Unwrap of your error types, and
// goroutines started in a loop.
func TestWholeProgramFindings(t *testing.T) {
	tree := "type Tree[K cmp.Ordered, V any] struct { root *node[K, V] }\ntype node[K cmp.Ordered, V any] struct { key K; val V; left, right *node[K, V] }\nfunc (t *Tree[K, V]) Put(k K, v V) { p := &t.root; for *p != nil { if k < (*p).key { p = &(*p).left } else { p = &(*p).right } }; *p = &node[K, V]{key: k, val: v} }\nfunc Keys[K cmp.Ordered, V any](t *Tree[K, V]) []K { var ks []K; for n := t.root; n != nil; n = n.right { ks = append(ks, n.key) }; return ks }\nfunc (t *Tree[K, V]) All() iter.Seq2[K, V] { return func(yield func(K, V) bool) { for n := t.root; n != nil; n = n.right { if !yield(n.key, n.val) { return } } } }\n"
	runCases(t, [][]string{
		{"unnamed method parameters", "type Num float64\nfunc (n Num) Eval(map[string]float64, ...int) (float64, error) { return float64(n), nil }\nv, err := Num(2).Eval(nil)\nfmt.Sprint(v, err)", "2 <nil>"},
		{"range over a pointer to an array", "type Vec [3]float64\nfunc (v *Vec) Scale(f float64) { for i := range v { v[i] *= f } }\nfunc sum(p *[2]int) (s int) { for _, x := range p { s += x }; return }\nv := Vec{1, 2, 3}\nv.Scale(2)\nq := &[2]int{4, 5}\nt := 0\nfor i, x := range q { t += i * x }\nfmt.Sprint(v, sum(&[2]int{1, 2}), t)", "[2 4 6] 3 5"},
		{"results of named non-struct types", "type Matrix [][]float64\nfunc (m Matrix) String() string { return fmt.Sprint(len(m), \"rows\") }\nfunc (m Matrix) T() Matrix { return m }\ntype C float64\ntype F float64\nfunc (c C) String() string { return fmt.Sprintf(\"%g°C\", float64(c)) }\nfunc (f F) String() string { return fmt.Sprintf(\"%g°F\", float64(f)) }\nfunc (c C) ToF() F { return F(c*9/5 + 32) }\nfunc Boil() C { return 100 }\na := Matrix{{1}, {2}}\nc := C(30)\nfmt.Sprint(a.T(), \" \", c.ToF(), \" \", Boil(), \" \", Boil().ToF(), \" \", C(5))", "2rows 86°F 100°C 212°F 5°C"},
		{"results of named types of range variables", "type C float64\ntype F float64\nfunc (c C) ToF() F { return F(c*9/5 + 32) }\nfunc (f F) String() string { return fmt.Sprintf(\"%.1f°F\", float64(f)) }\ntemps := []C{0, 100}\nm := map[string]C{\"x\": 37}\nvar out []string\nfor _, c := range temps { out = append(out, fmt.Sprint(c.ToF())) }\nfor _, c := range m { out = append(out, fmt.Sprint(c.ToF())) }\nstrings.Join(out, \" \")", "32.0°F 212.0°F 98.6°F"},
		{"results of named types of fields", "type C float64\nfunc (c C) String() string { return \"c\" }\nfunc (c C) Twice() C { return 2 * c }\ntype Day struct { Hi, Lo C }\nd := Day{30, 20}\nds := []Day{d}\nfmt.Sprint(d.Hi.Twice(), ds[0].Lo.Twice(), d.Hi)", "c c c"},
		{"result of named type as the cell's value", "type C float64\nfunc (c C) String() string { return \"c\" }\nfunc (c C) Twice() C { return 2 * c }\nC(1).Twice()", "c"},
		{"promoted method through an interface, declarations after", "type Shape interface { Area() float64 }\ntype Rect struct{ W, H float64 }\ntype Square struct{ Rect }\nfunc (r Rect) Area() float64 { return r.W * r.H }\nshapes := []Shape{Rect{3, 4}, Square{Rect{2, 2}}}\nout := fmt.Sprint(shapes[1].Area())\nvar st fmt.Stringer = time.Second\nout + \" \" + st.String()", "4 1s"},
		{"receive returned and assigned to a named result", "func first(c chan int) int { return <-c }\nfunc named(c chan int) (r int, s string) { r = <-c; s = \"s\"; return }\nc := make(chan int, 2)\nc <- 1\nc <- 2\na := first(c)\nb, s := named(c)\nfmt.Sprint(a, b, s)", "1 2s"},
		{"select case assigning a received value", "func pick(c chan int) (v int, ok bool) { select { case v, ok = <-c: v++ }; return }\nc := make(chan int, 1)\nc <- 4\nclose(c)\nv, ok := pick(c)\nw, ok2 := pick(c)\nm := map[string]int{}\nd := make(chan int, 1)\nd <- 7\nselect { case m[\"k\"] = <-d: }\nfmt.Sprint(v, ok, w, ok2, m[\"k\"])", "5 true 1 false 7"},
		{"typed constants computed with iota", "type Kind int\nconst (\n\tIdent Kind = iota + 1\n\tNumber\n)\ntype Flag uint\nconst (\n\tRead Flag = 1 << iota\n\tWrite\n)\nvar k Kind = 2\nm := map[Kind]string{Ident: \"i\", Number: \"n\"}\nf := Read | Write\nfmt.Sprint(k == Number, k == Ident, m[Number], f&Write == Write)", "true falsentrue"},
		{"run-time panics recovered as Go's runtime errors", "func try(f func()) (s string) { defer func() { r := recover(); _, isRt := r.(runtime.Error); s = fmt.Sprint(r, \" \", isRt) }(); f(); return }\nxs := []int{1}\ni := 3\nvar p *struct{ X int }\nvar a any = 1\ntry(func() { _ = xs[i] }) + \"|\" + try(func() { _ = p.X }) + \"|\" + try(func() { _ = a.(string) })", "runtime error: index out of range true|runtime error: invalid memory address or nil pointer dereference true|interface conversion: interface {} is int, not string true"},
		{"fields of types that print themselves", "type Kind int\nfunc (k Kind) String() string { return [...]string{\"A\", \"B\"}[k] }\ntype Token struct { Kind Kind; Text string }\ntoks := []Token{{1, \"x\"}}\nt := Token{0, \"y\"}\nfmt.Sprintf(\"%v %v %+v %+v\", toks, t, toks[0], t)", "[{B x}] {A y} {Kind:B Text:x} {Kind:A Text:y}"},
		{"a String that formats its own receiver", "type State uint8\nfunc (s State) String() string { if s < 2 { return \"ok\" }; return fmt.Sprintf(\"State(%d)\", s) }\nfmt.Sprint(State(1), State(7), []State{9})", "ok State(7) [State(9)]"},
		{"slices of generic instances that print themselves", "type Pair[A, B any] struct { First A; Second B }\nfunc (p Pair[A, B]) String() string { return fmt.Sprintf(\"<%v, %v>\", p.First, p.Second) }\nfunc Zip[A, B any](as []A, bs []B) []Pair[A, B] { out := make([]Pair[A, B], len(as)); for i := range as { out[i] = Pair[A, B]{as[i], bs[i]} }; return out }\nps := Zip([]string{\"a\"}, []int{1})\nqs := []Pair[int, int]{{1, 2}}\nfmt.Sprint(ps, qs)", "[<a, 1>] [<1, 2>]"},
		{"generic funcs over instances of two type parameters", "type Pair[A, B any] struct { First A; Second B }\nfunc MaxBy[T any, K cmp.Ordered](xs []T, key func(T) K) (T, bool) { var best T; if len(xs) == 0 { return best, false }; best = xs[0]; for _, x := range xs[1:] { if key(x) > key(best) { best = x } }; return best, true }\nps := []Pair[string, int]{{\"b\", 2}, {\"a\", 1}, {\"c\", 3}}\nslices.SortFunc(ps, func(x, y Pair[string, int]) int { return x.Second - y.Second })\nbest, ok := MaxBy(ps, func(p Pair[string, int]) int { return p.Second })\nfmt.Sprint(ps, best, ok)", "[{a 1} {b 2} {c 3}] {c 3} true"},
		{"generic calls told by compiled funcs' results and spread arguments", "type Set[T comparable] map[T]struct{}\nfunc NewSet[T comparable](xs ...T) Set[T] { s := Set[T]{}; for _, x := range xs { s[x] = struct{}{} }; return s }\nfunc Sorted[T cmp.Ordered](s Set[T]) []T { var out []T; for x := range s { out = append(out, x) }; slices.Sort(out); return out }\nwords := NewSet(strings.Fields(\"to be or not to be\")...)\nfmt.Sprint(Sorted(words))", "[be not or to]"},
		{"explicit type arguments of two type parameters", "type Pair[A, B any] struct { First A; Second B }\nfunc MaxBy[T any, K cmp.Ordered](xs []T, key func(T) K) (T, bool) { var best T; for _, x := range xs { if key(x) > key(best) { best = x } }; return best, true }\nfunc top(ps []Pair[string, int]) Pair[string, int] { b, _ := MaxBy[Pair[string, int], int](ps, func(p Pair[string, int]) int { return p.Second }); return b }\nps := []Pair[string, int]{{\"a\", 1}, {\"b\", 2}}\nbest, ok := MaxBy[Pair[string, int], int](ps, func(p Pair[string, int]) int { return p.Second })\nfmt.Sprint(best, ok, top(ps))", "{b 2} true {b 2}"},
		{"Format and GoString of your types inside values", "type Money int64\nfunc (m Money) Format(f fmt.State, verb rune) { fmt.Fprintf(f, \"$%d.%02d\", int64(m/100), int64(m%100)) }\ntype Secret string\nfunc (s Secret) GoString() string { return `Secret(\"***\")` }\nfunc (s Secret) String() string { return \"***\" }\ntype Acct struct { Bal Money; Next *Acct }\ns := Secret(\"pw\")\na := Acct{250, &Acct{}}\nout := fmt.Sprintf(\"%v %#v %v %v\", []Money{100, 5}, s, s, a)\nstrings.Contains(out, \"[$1.00 $0.05] Secret(\\\"***\\\") *** {$2.50 0x\")", "true"},
		{"recursive funcs adding to named results", "func count(v any) (n int) {\n\tswitch x := v.(type) {\n\tcase []any:\n\t\tfor _, e := range x {\n\t\t\tn += count(e)\n\t\t}\n\tdefault:\n\t\tn = 1\n\t}\n\treturn\n}\nfunc depth(v any) (d int, leaves int) {\n\tif xs, ok := v.([]any); ok {\n\t\tfor _, x := range xs {\n\t\t\tcd, cl := depth(x)\n\t\t\td = max(d, cd)\n\t\t\tleaves += cl\n\t\t}\n\t\td++\n\t\treturn\n\t}\n\treturn 0, 1\n}\nt := []any{1, []any{2, []any{3}}, 4}\nd, l := depth(t)\nfmt.Sprint(count(t), d, l)", "4 3 4"},
		{"vars declared after the funcs that use them, and before the funcs they call", "func f() error { return fmt.Errorf(\"f: %w\", errBad) }\nvar errBad = errors.New(\"bad\")\nvar x = g()\nfunc g() int { return 7 }\nfmt.Sprint(f(), x)", "f: bad 7"},
		{"untyped constants shifted by variables", "type Bits []uint64\nfunc (b Bits) Has(i int) bool { return b[i/64]&(1<<(i%64)) != 0 }\ntype Flag uint8\nfunc (f Flag) Has(i int) bool { return f&(1<<i) != 0 }\ntype K int\nfunc (k K) Has(i int) bool { return k&(1<<i) != 0 }\nvar w uint32 = 6\nn := 2\nfmt.Sprint(K(4).Has(2), Bits{5}.Has(2), Bits{5}.Has(1), Flag(4).Has(2), w&(1<<n) != 0, w|1<<n)", "true true false true true 6"},
		{"log.Logger's whole method set", "type P struct{ X int }\nfunc (p P) String() string { return \"p\" }\nvar lb strings.Builder\nl := log.New(&lb, \"[app] \", 0)\nl.SetPrefix(\"[db] \")\nl.Printf(\"%v %s\", []P{{1}}, l.Prefix())\nvar l2 *log.Logger = log.Default()\nfmt.Sprint(lb.String(), l2 != nil)", "[db] [p] [db] \ntrue"},
		{"partial type arguments, ranges over int fields in generic bodies, generic results that print themselves", "type Number interface{ ~int | ~float64 }\nfunc Convert[To, From Number](xs []From) []To { out := make([]To, len(xs)); for i, x := range xs { out[i] = To(x) }; return out }\ntype Ring[T any] struct { buf []T; size int }\nfunc (r *Ring[T]) Sum(f func(T) int) (s int) { for i := range r.size { s += f(r.buf[i]) }; return s }\ntype Opt[T any] struct { v T; ok bool }\nfunc Some[T any](v T) Opt[T] { return Opt[T]{v, true} }\nfunc (o Opt[T]) String() string { return fmt.Sprintf(\"Some(%v)\", o.v) }\nr := &Ring[string]{[]string{\"ab\", \"c\", \"zzz\"}, 2}\nfmt.Sprint(Convert[float64]([]int{3, -1}), r.Sum(func(s string) int { return len(s) }), Some(\"x\"))", "[3 -1] 3 Some(x)"},
		{"interfaces of your non-struct types, nil assertions, interface equality", "type Reader interface{ Read() string }\ntype Named interface{ Name() string }\ntype Token string\nfunc (t Token) Read() string { return string(t) }\nvar v any = Token(\"t\")\n_, named := v.(Named)\n_, reads := v.(Reader)\nvar nothing Reader\nrecovered := \"\"\nfunc() { defer func() { r := recover(); _, isRt := r.(runtime.Error); recovered = fmt.Sprint(r, isRt) }(); _ = nothing.(Named) }()\nvar a, b any = Token(\"x\"), Token(\"x\")\nvar c any = \"x\"\nvar r1, r2 Reader = Token(\"k\"), Token(\"k\")\nfmt.Sprint(named, reads, a == b, a == c, r1 == r2, r1 != r2, \" \", recovered)", "false true true false true false interface conversion: interface is nil, not main.Named true"},
		{"methods of an embedded interface called on the struct", "type Plugin interface { Name() string; Run(s string) string }\ntype upper struct{}\nfunc (upper) Name() string { return \"upper\" }\nfunc (upper) Run(s string) string { return strings.ToUpper(s) }\ntype logged struct { Plugin; n *int }\nfunc (l logged) Run(s string) string { *l.n++; return l.Name() + \":\" + l.Plugin.Run(s) }\nn := 0\nl := logged{upper{}, &n}\nvar p Plugin = l\nfmt.Sprint(l.Run(\"a\"), \" \", p.Run(\"b\"), \" \", l.Name(), \" \", n)", "upper:A upper:B upper 2"},
		{"comma-ok map reads of structs and arrays that find no key", "type P struct{ X int }\nfunc tally(keys []string) string {\n\tm := map[string]P{}\n\tc := map[string][2]int{}\n\tvar out []int\n\tfor _, k := range keys {\n\t\te, ok := m[k]\n\t\tout = append(out, e.X)\n\t\tif !ok {\n\t\t\te.X = 10\n\t\t}\n\t\te.X++\n\t\tm[k] = e\n\t\ta, _ := c[k]\n\t\ta[0]++\n\t\tc[k] = a\n\t}\n\treturn fmt.Sprint(out, m, c)\n}\ntally([]string{\"a\", \"b\", \"a\"})", "[0 0 11] map[a:{12} b:{11}] map[a:[2 0] b:[1 0]]"},
		{"failed comma-ok assertions to structs and arrays", "type P struct{ X int }\nfunc f(vs []any) []int {\n\tvar out []int\n\tfor _, v := range vs {\n\t\tp, ok := v.(P)\n\t\ta, _ := v.([2]int)\n\t\t_ = ok\n\t\tout = append(out, p.X, a[0])\n\t}\n\treturn out\n}\nfmt.Sprint(f([]any{P{3}, [2]int{7, 0}, 1, P{5}, \"x\"}))", "[3 0 0 7 0 0 5 0 0 0]"},
		{"values sent in select cases, ranges over slices of channels in generic bodies", "type Msg[T any] struct { Seq int; Body T }\ntype B[T any] struct { subs map[string][]chan Msg[T]; seq int }\nfunc (b *B[T]) Pub(t string, body T) (n int) { b.seq++; for _, ch := range b.subs[t] { select { case ch <- Msg[T]{b.seq, body}: n++; default: } }; return }\nfunc (b *B[T]) Close() { for _, chs := range b.subs { for _, ch := range chs { close(ch) } } }\nc := make(chan Msg[string], 2)\nb := &B[string]{subs: map[string][]chan Msg[string]{\"x\": {c}}}\nb.Pub(\"x\", \"a\")\nb.Pub(\"x\", \"b\")\nb.Close()\nvar got []string\nfor m := range c { got = append(got, fmt.Sprint(m.Seq, m.Body)) }\nfmt.Sprint(got)", "[1a 2b]"},
		{"nil to several fields of a generic type that refers to itself", "type entry[K comparable, V any] struct { key K; val V; prev, next *entry[K, V] }\nfunc unlink[K comparable, V any](e *entry[K, V]) { e.prev, e.next = nil, nil }\na := &entry[string, int]{key: \"a\"}\nb := &entry[string, int]{key: \"b\", prev: a}\na.next = b\nunlink(b)\nfmt.Sprint(b.prev == nil, b.next == nil, a.next.key)", "true trueb"},
		{"json text methods inside values", "type Status int\nfunc (s Status) MarshalText() ([]byte, error) { return []byte([]string{\"off\", \"on\"}[s]), nil }\nfunc (s *Status) UnmarshalText(b []byte) error { if string(b) == \"on\" { *s = 1 } else { *s = 0 }; return nil }\ntype Dev struct { Name string; State Status }\nb, _ := json.Marshal([]Dev{{\"a\", 1}})\nvar back []Dev\nerr := json.Unmarshal([]byte(`[{\"Name\":\"b\",\"State\":\"on\"}]`), &back)\nfmt.Sprint(string(b), err, back[0].State == 1)", "[{\"Name\":\"a\",\"State\":\"on\"}]<nil> true"},
		{"errors below your error types' Unwrap", "type Multi struct{ errs []error }\nfunc (m Multi) Error() string { return \"multi\" }\nfunc (m Multi) Unwrap() []error { return m.errs }\ntype FieldErr struct{ F string }\nfunc (e *FieldErr) Error() string { return e.F }\ntype Wrap struct{ inner error }\nfunc (w *Wrap) Error() string { return \"wrap: \" + w.inner.Error() }\nfunc (w *Wrap) Unwrap() error { return w.inner }\nvar ErrX = errors.New(\"x\")\n_, perr := strconv.Atoi(\"q\")\nvar err error = Multi{[]error{&FieldErr{\"name\"}, &Wrap{fmt.Errorf(\"age: %w\", perr)}, &Wrap{ErrX}}}\nvar fe *FieldErr\nvar ne *strconv.NumError\nfmt.Sprint(errors.As(err, &fe), fe.F, errors.As(err, &ne), ne.Num, errors.Is(err, ErrX), errors.Is(err, strconv.ErrSyntax), errors.Is(err, io.EOF))", "truenametrueqtrue true false"},
		{"goroutines started in a loop", "var mu sync.Mutex\nvar wg sync.WaitGroup\nbad := 0\nfor run := range 20 {\n\ttotal := 0\n\tfor i := range 50 { wg.Add(1); go func() { defer wg.Done(); mu.Lock(); total += i; mu.Unlock() }() }\n\twg.Wait()\n\tif total != 1225 { bad++ }\n\t_ = run\n}\nbad", "0"},
		{"ranges assigning to variables declared before", "func find(xs []int, x int) (i, v int) { for i, v = range xs { if v == x { break } }; return }\ntype P struct{ X int }\nvar k string\nvar n int\nfor k, n = range map[string]int{\"a\": 1} {}\nvar p P\nfor p.X = range 4 {}\nfor _, n = range []int{5, 6} {}\ni, v := find([]int{3, 9, 14}, 9)\nfmt.Sprint(i, v, k, n, p.X)", "1 9a6 3"},
		{"nil and other values assigned at once", "func wrap(ws []string) int { var line []string; n := 0; for _, w := range ws { line = append(line, w); n++; if n == 2 { line, n = nil, 0 } }; return len(line)*10 + n }\nvar a any = 1\nb := 2\na, b = nil, 3\nfmt.Sprint(wrap([]string{\"a\", \"b\", \"c\"}), a, b)", "11 <nil> 3"},
		{"switch on an interface value with value cases", "type Value interface{}\ntype Symbol string\ntype Cell struct{ Car Value }\nfunc kind(v Value) string { switch v { case Symbol(\"q\"), Symbol(\"quote\"): return \"quote\"; case \"s\": return \"string\"; case 1: return \"one\"; case nil: return \"nil\" }; return \"other\" }\nfunc head(x Value) string { switch c := x.(type) { case *Cell: switch c.Car { case Symbol(\"if\"): return \"if\" }; return \"call\" }; return \"atom\" }\nfmt.Sprint(kind(Symbol(\"quote\")), kind(\"s\"), kind(1), kind(int64(1)), kind(nil), \" \", head(&Cell{Symbol(\"if\")}), head(&Cell{Symbol(\"f\")}), head(2))", "quotestringoneothernil ifcallatom"},
		{"values of empty interfaces assigned at once", "type Value interface{}\ntype Env struct{ n int }\ntype Lambda struct { body Value; env *Env }\nfunc step(x Value, env *Env) string { f := &Lambda{\"body\", &Env{2}}; x, env = f.body, f.env; return fmt.Sprint(x, env.n) }\nvar a, b any = 1, \"s\"\na, b = b, a\ntype S struct{ v any; n float64 }\nvar s S\ns.v, s.n = a, 7\nfmt.Sprint(step(nil, nil), a, b, s)", "body2s1 {s 7}"},
		{"comparisons returned as an any", "type Value interface{}\nfunc less(a, b float64) Value { return a < b }\nfunc not(v bool) any { return !v }\nfunc both(a, b int) (any, error) { return a == b, nil }\neq, err := both(1, 1)\nfmt.Sprint(less(1, 2), not(true), eq, err)", "true false true <nil>"},
		{"a type named T", "type T int\nfunc (t T) String() string { return fmt.Sprintf(\"T%d\", int(t)) }\nfmt.Sprint(T(1), min(T(2), 3), max(2.5, 1))", "T1 T2 2.5"},
		{"errors asserted to interfaces of yours", "type Temporary interface{ Timeout() bool }\ntype tErr struct{ op string }\nfunc (t tErr) Error() string { return \"timed out \" + t.op }\nfunc (t tErr) Timeout() bool { return true }\ntype pErr struct{ code int }\nfunc (t *pErr) Error() string { return \"p\" }\nfunc (t *pErr) Retry() int { return t.code }\nfunc classify(err error) string { if e, ok := err.(Temporary); ok { return fmt.Sprint(\"timeout \", e.Timeout()) }; switch e := err.(type) { case *strconv.NumError: return \"num\"; case interface{ Retry() int }: return fmt.Sprint(\"retry \", e.Retry()) }; return \"other\" }\nfmt.Sprint(classify(tErr{\"x\"}), classify(&pErr{3}), classify(errors.New(\"x\")))", "timeout trueretry 3other"},
		{"error types declared after the func asserting to their interface", "type Temporary interface{ Timeout() bool }\nfunc classify(err error) string { if e, ok := err.(Temporary); ok { return fmt.Sprint(\"timeout \", e.Timeout()) }; return \"other\" }", "type tErr struct{ op string }\nfunc (t tErr) Error() string { return t.op }\nfunc (t tErr) Timeout() bool { return true }\nr1 := classify(tErr{\"x\"})", "type pErr struct{ code int }\nfunc (p *pErr) Error() string { return \"p\" }\nr2 := classify(&pErr{1})", "func (p *pErr) Timeout() bool { return false }\nfmt.Sprint(r1, \" \", r2, \" \", classify(&pErr{1}))", "timeout true other timeout false"},
		{"a type of yours over string beside case string, %T of a nil interface", "type Label string\nfunc (l Label) Name() string { return string(l) }\ntype Named interface{ Name() string }\nfunc desc(v any) string { switch x := v.(type) { case string: return \"string \" + x; case Named: return \"named \" + x.Name() }; return \"?\" }\ntype Expr interface{ expr() }\nfunc show(e Expr) string { switch e := e.(type) { case nil: return fmt.Sprintf(\"%T\", e) }; return \"x\" }\nfmt.Sprint(desc(Label(\"tag\")), desc(\"s\"), desc(3), show(nil))", "named tagstring s?<nil>"},
		{"an empty struct error asserted to its type", "type eErr struct{}\nfunc (eErr) Error() string { return \"e\" }\nvar x any = eErr{}\n_, ok := x.(eErr)\nvar e error = eErr{}\n_, ok2 := e.(eErr)\nfmt.Sprint(ok, ok2)", "true true"},
		{"embedded structs and type errors in JSON", "type Meta struct { ID int `json:\"id\"` }\ntype Job struct { Meta; Name string `json:\"name\"` }\ntype Click struct{ X, Y int }\nb, _ := json.Marshal(Job{Meta{7}, \"build\"})\nvar j Job\nerr1 := json.Unmarshal([]byte(`{\"id\":8,\"name\":\"t\"}`), &j)\nvar c Click\nerr2 := json.Unmarshal([]byte(`{\"X\":\"oops\"}`), &c)\nfmt.Sprint(string(b), err1, j.ID, j.Name, err2)", "{\"id\":7,\"name\":\"build\"}<nil> 8tjson: cannot unmarshal string into Go struct field Click.X of type int"},
		{"methods of typed constants", "type Weekday int\nconst (\n\tSunday Weekday = iota\n\tMonday\n)\nconst Friday Weekday = 5\nfunc (d Weekday) String() string { return [...]string{\"Sun\", \"Mon\", \"Tue\", \"Wed\", \"Thu\", \"Fri\", \"Sat\"}[d] }\nfunc (d Weekday) Next() Weekday { return (d + 1) % 7 }\nfmt.Sprint(Monday.Next(), \" \", Friday.Next(), \" \", Sunday)", "Tue Sat Sun"},
		{"method values of pointers and interfaces among a cell's statements", "type Greeter interface{ Greet(string) string }\ntype GreetFunc func(string) string\nfunc (f GreetFunc) Greet(s string) string { return f(s) }\ntype Counter struct { name string; n int }\nfunc (c Counter) Label() string { return fmt.Sprintf(\"%s=%d\", c.name, c.n) }\nfunc (c *Counter) Inc() { c.n++ }\na := &Counter{name: \"a\"}\nsnap := a.Label\nvalueOfA := (*a).Label\ninc := a.Inc\ninc()\nvar g Greeter = GreetFunc(func(s string) string { return \"hi \" + s })\ngreet := g.Greet\ng = GreetFunc(strings.ToUpper)\nfmt.Sprint(greet(\"x\"), \" \", g.Greet(\"y\"), \" \", snap(), \" \", valueOfA(), \" \", a.Label())", "hi x Y a=0 a=0 a=1"},
		{"a struct embedding an interface that embeds interfaces", "type Named interface{ Name() string }\ntype Aged interface{ Age() int }\ntype Person interface { Named; Aged }\ntype person struct { name string; age int }\nfunc (p person) Name() string { return p.name }\nfunc (p person) Age() int { return p.age }\ntype Employee struct { Person; Title string }\ne := Employee{person{\"w\", 50}, \"ceo\"}\nvar n Named = e\np, ok := n.(Person)\nfmt.Sprint(e.Name(), e.Age(), n.Name(), ok, p.Age())", "w50wtrue 50"},
		{"values of your types handed back by compiled code, asserted to interfaces", "type Event interface{ At() float64 }\ntype base struct{ at float64 }\nfunc (b base) At() float64 { return b.at }\ntype Arrival struct { base; who int }\ntype P struct{ X int }\nfunc (p P) String() string { return fmt.Sprint(\"p\", p.X) }\ntype Q struct{ N int }\nfunc (q *Q) Error() string { return fmt.Sprint(\"q\", q.N) }\nvar l list.List\nl.PushBack(Arrival{base{1.5}, 2})\nl.PushBack(P{3})\nl.PushBack(&Q{4})\nvar out []string\nfor e := l.Front(); e != nil; e = e.Next() {\n\tev, isEv := e.Value.(Event)\n\ts, isS := e.Value.(fmt.Stringer)\n\t_, isE := e.Value.(error)\n\tout = append(out, fmt.Sprint(isEv, isS, isE, ev != nil && ev.At() == 1.5, s))\n\tswitch v := e.Value.(type) {\n\tcase Event:\n\t\tout = append(out, fmt.Sprint(\"event \", v.At()))\n\tcase error:\n\t\tout = append(out, \"error \"+v.Error())\n\t}\n}\nstrings.Join(out, \"|\")", "true false false true <nil>|event 1.5|false true false false p3|false false true false <nil>|error q4"},
		{"instances of generic types over instances of several type parameters", "type List[T any] struct { items []T }\nfunc (l *List[T]) Add(v T) { l.items = append(l.items, v) }\ntype Pair[K comparable, V any] struct { K K; V V }\ntype Sorted[K comparable, V any] struct { *List[Pair[K, V]] }\nfunc NewSorted[K comparable, V any]() Sorted[K, V] { return Sorted[K, V]{&List[Pair[K, V]]{}} }\ns := NewSorted[string, int]()\ns.Add(Pair[string, int]{\"a\", 1})\nvar l List[Pair[string, int]]\nl.Add(Pair[string, int]{\"b\", 2})\np := new(List[*Pair[string, int]])\np.Add(&Pair[string, int]{\"c\", 3})\nq := List[Pair[string, int]]{items: []Pair[string, int]{{\"d\", 4}}}\nfmt.Sprint(s.items, l, len(p.items), p.items[0].K, q)", "[{a 1}] {[{b 2}]} 1c{[{d 4}]}"},
		{"embedded types declared again", "type Base struct{ ID int }\nfunc (b Base) Hello() string { return fmt.Sprint(\"hi \", b.ID) }\ntype Derived struct { Base; Name string }", "type Base struct{ ID int }\nfunc (b Base) Hello() string { return fmt.Sprint(\"hi \", b.ID) }\ntype Derived struct { Base; Name string }\nd := Derived{Base{1}, \"x\"}\nd2 := Derived{Base: Base{2}}\nfmt.Sprint(d.Base.ID, d.Hello(), d.ID, d2.Base) + fmt.Sprintf(\" %+v\", d)", "1hi 11 {2} {Base:{ID:1} Name:x}"},
		{"lists of a tagless switch's cases", "func h(x int) string { switch { case x == 1, x == 2: return \"small\"; case x < 0, x > 100, x == 50: return \"odd\" }; return \"other\" }\nfunc k(x int) string { switch y := x * 2; true { case y == 2, y == 4: return \"yes\" }; return \"no\" }\nn := 0\nswitch { case n > 0, n == 0: n = 7 }\nfmt.Sprint(h(1), h(2), h(3), h(-1), h(50), h(101), k(1), k(2), k(3), n)", "smallsmallotheroddoddoddyesyesno7"},
		{"values of your non-struct types returned as an any", "type Node interface{ Accept(v Visitor) any }\ntype Visitor interface{ VisitNum(n Num) any }\ntype Num float64\nfunc (n Num) Accept(v Visitor) any { return v.VisitNum(n) }\ntype simp struct{}\nfunc (simp) VisitNum(n Num) any { return n }\nfunc id(n Num) any { return n }\nfunc two(n Num) (any, error) { return n * 2, nil }\n_, ok1 := id(3).(Node)\nvar v Visitor = simp{}\n_, ok2 := v.VisitNum(5).(Node)\nr, _ := two(1)\n_, ok3 := r.(Node)\nn, ok4 := Num(6).Accept(simp{}).(Num)\nfmt.Sprint(ok1, ok2, ok3, ok4, n)", "true true true true 6"},
		{"assertions to instances of several type parameters", "type entry[K comparable, V any] struct { key K; val V }\ntype LRU[K comparable, V any] struct { ll *list.List; items map[K]*list.Element }\nfunc (c *LRU[K, V]) Put(k K, v V) { if e, ok := c.items[k]; ok { e.Value.(*entry[K, V]).val = v; return }; c.items[k] = c.ll.PushFront(&entry[K, V]{k, v}) }\nfunc (c *LRU[K, V]) Val(k K) (V, bool) { if e, ok := c.items[k]; ok { if en, ok := e.Value.(*entry[K, V]); ok { return en.val, true } }; var zero V; return zero, false }\nc := &LRU[string, int]{list.New(), map[string]*list.Element{}}\nc.Put(\"a\", 1)\nc.Put(\"a\", 2)\nv, ok := c.Val(\"a\")\nvar x any = &entry[string, int]{\"b\", 3}\ne := x.(*entry[string, int])\n_, same := x.(entry[string, int])\nmsg := \"\"\nfunc() { defer func() { r := recover(); _, isRt := r.(runtime.Error); msg = fmt.Sprint(r, \" \", isRt) }(); _ = x.(*entry[string, bool]) }()\nfmt.Sprint(v, ok, e.key, same, \" \", msg)", "2 truebfalse interface conversion: interface {} holds another type, not *main.entry[string, bool] true"},
		{"pointers to instances of several type parameters declared", "type entry[K comparable, V any] struct { key K; val V }\nfunc find[K comparable, V any](xs []*entry[K, V], k K) V { var en *entry[K, V]; for _, x := range xs { if x.key == k { en = x } }; return en.val }\nvar top *entry[string, int]\nxs := []*entry[string, int]{{\"a\", 1}, {\"b\", 2}}\nfmt.Sprint(find(xs, \"b\"), top == nil)", "2 true"},
		{"methods of generic types using methods declared after them", "type Cache[K comparable, V any] struct { m map[K]V; misses int }\nfunc (c *Cache[K, V]) Get(k K) (V, bool) { v, ok := c.m[k]; if !ok { c.miss() }; return v, ok }\nfunc (c *Cache[K, V]) Put(k K, v V) { c.ensure(); c.m[k] = v }\nfunc (c *Cache[K, V]) ensure() { if c.m == nil { c.m = map[K]V{} }; c.touch() }\nfunc (c *Cache[K, V]) miss() { c.misses++ }\nfunc (c *Cache[K, V]) touch() {}\nc := &Cache[string, int]{}\nc.Put(\"a\", 1)\nv, ok := c.Get(\"a\")\n_, ok2 := c.Get(\"b\")\nfmt.Sprint(v, ok, ok2, c.misses)", "1 true false 1"},
		{"type switch cases of instances of several type parameters", "type E[K comparable, V any] struct { k K; v V }\nfunc kind[K comparable, V any](v any) string { switch x := v.(type) { case *E[K, V]: return fmt.Sprint(\"ptr \", x.k); case E[K, V]: return fmt.Sprint(\"val \", x.v); case int, string: return \"basic\" }; return \"other\" }\nvar v any = &E[string, int]{\"a\", 1}\nout := \"\"\nswitch x := v.(type) { case *E[string, int]: out = \"E \" + x.k; default: out = \"other\" }\nfmt.Sprint(out, \"|\", kind[string, int](v), \"|\", kind[string, int](E[string, int]{\"b\", 2}), \"|\", kind[string, int](3), \"|\", kind[string, bool](v))", "E a|ptr a|val 2|basic|other"},
		{"method expressions of interfaces", "type Named interface{ Name() string }\ntype Shape interface{ Named; Scale(f float64) float64 }\ntype sq float64\nfunc (s sq) Name() string { return \"sq\" }\nfunc (s sq) Scale(f float64) float64 { return float64(s) * f }\nname := Shape.Name\nscale := Shape.Scale\nnames := []string{}\nfor _, s := range []Shape{sq(2)} { names = append(names, name(s)) }\nstr := fmt.Stringer.String\nfmt.Sprint(names, scale(sq(3), 2), Named.Name(sq(1)), str(time.Second))", "[sq] 6sq1s"},
		{"ranges over iterators that are range values in generic bodies", "func Chain[T any](seqs ...iter.Seq[T]) iter.Seq[T] { return func(yield func(T) bool) { for _, s := range seqs { for v := range s { if !yield(v) { return } } } } }\nfunc Firsts[K comparable, V any](m map[K]iter.Seq[V]) map[K]V { out := map[K]V{}; for k, s := range m { for v := range s { out[k] = v; break } }; return out }\na := slices.Values([]int{1, 2})\nb := slices.Values([]int{3})\nfmt.Sprint(slices.Collect(Chain(a, b)), Firsts(map[string]iter.Seq[int]{\"x\": b, \"y\": a}))", "[1 2 3] map[x:3 y:1]"},
		{"generic calls whose constants alone bind the type parameters", "func Source[T any](ctx context.Context, xs ...T) <-chan T { out := make(chan T, len(xs)); for _, x := range xs { out <- x }; close(out); return out }\nfunc Pad[T any](w io.Writer, n int, x T) []T { return slices.Repeat([]T{x}, n) }\ncctx, cancel := context.WithCancel(context.Background())\nsrc := Source(cctx, 1, 2, 3)\nfirst := <-src\ncancel()\np := Pad(os.Stdout, 2, 1.5)\nfmt.Sprint(first, len(src), p)", "1 2 [1.5 1.5]"},
		{"JSON map keys of a string type with MarshalText", "type Station string\nfunc (s Station) MarshalText() ([]byte, error) { return []byte(strings.ToUpper(string(s))), nil }\nfunc (s *Station) UnmarshalText(b []byte) error { *s = Station(strings.ToLower(string(b))); return nil }\ntype Code int\nfunc (c Code) MarshalText() ([]byte, error) { return []byte(fmt.Sprint(\"c\", int(c))), nil }\nb, _ := json.Marshal(map[Station]int{\"oslo\": 1})\nc, _ := json.Marshal(map[Code]bool{7: true})\nvar m map[Station]int\nerr := json.Unmarshal([]byte(`{\"ROME\":2}`), &m)\nfmt.Sprint(string(b), string(c), m, err)", "{\"oslo\":1}{\"c7\":true}map[rome:2] <nil>"},
		{"results of methods of interfaces and of promoted methods print with their types' methods", "type Money int64\nfunc (m Money) String() string { return fmt.Sprintf(\"$%d.%02d\", m/100, m%100) }\ntype Account struct{ bal Money }\nfunc (a *Account) Balance() Money { return a.bal }\ntype Limited struct { *Account; Limit Money }\ntype Wallet interface{ Balance() Money }\nl := Limited{&Account{250}, 100}\nws := map[string]Wallet{\"l\": l}\nw := ws[\"l\"]\nfmt.Sprint(l.Balance(), \" \", w.Balance(), \" \", fmt.Sprintf(\"%v %s\", l.Balance(), w.Balance()))", "$2.50 $2.50 $2.50 $2.50"},
		{"switch cases listing several composite literals", "type Point struct{ X, Y int }\nfunc classify(p Point) string { switch p { case Point{}: return \"origin\"; case Point{1, 0}, Point{0, 1}: return \"unit\" }; return \"other\" }\nfunc arr(a [2]int) int { switch b := a; b { case [2]int{1, 1}, [2]int{2, 2}: return 1 }; return 0 }\nfmt.Sprint(classify(Point{}), classify(Point{1, 0}), classify(Point{0, 1}), classify(Point{2, 2}), arr([2]int{2, 2}), arr([2]int{3, 3}))", "originunitunitother1 0"},
		{"generic calls on results of methods of values defined from calls", "type S interface{ Value() float64 }\ntype I struct{ v float64 }\nfunc (i *I) Value() float64 { return i.v }\ntype W struct{ stock map[string]S }\nfunc NewW() *W { return &W{map[string]S{\"a\": &I{1}, \"b\": &I{2}}} }", "w := NewW()\nkeys := make([]string, 0, len(w.stock))\nfor k := range w.stock {\n\tkeys = append(keys, k)\n}\nslices.SortFunc(keys, func(a, b string) int {\n\tva, vb := w.stock[a].Value(), w.stock[b].Value()\n\treturn cmp.Or(cmp.Compare(vb, va), strings.Compare(a, b))\n})\nfmt.Sprint(keys)", "[b a]"},
		{"generic funcs inferring from values of generic types made by explicit calls", "type List[T any] struct{ items []T }\nfunc (l *List[T]) Len() int { return len(l.items) }\ntype Keyed interface{ Key() string }\ntype Index[T Keyed] struct{ List[T] }\nfunc NewIndex[T Keyed]() *Index[T] { return &Index[T]{} }\nfunc (x *Index[T]) Put(v T) { x.items = append(x.items, v); _ = v.Key() }\ntype User struct{ Name string }\nfunc (u User) Key() string { return u.Name }\ntype Pair[K cmp.Ordered, V any] struct { K K; V V }\ntype Sorted[K cmp.Ordered, V any] struct{ *List[Pair[K, V]] }\nfunc NewSorted[K cmp.Ordered, V any]() Sorted[K, V] { return Sorted[K, V]{&List[Pair[K, V]]{}} }\nfunc Summary[T Keyed](x *Index[T]) int { return x.Len() }\nusers := NewIndex[User]()\nusers.Put(User{\"Ada\"})\ns := NewSorted[string, int]()\nfmt.Sprint(Summary(users), s.Len())", "1 0"},
		{"generic instances over a type of yours printed from calls and results", "type Number interface{ ~int | ~int64 | ~float64 }\ntype M[T Number] struct{ data []T }\nfunc New[T Number](vals ...T) M[T] { return M[T]{vals} }\nfunc (m M[T]) At(i int) T { return m.data[i] }\nfunc (m M[T]) Mul(o M[T]) (M[T], error) { return M[T]{[]T{m.data[0] * o.data[0]}}, nil }\nfunc (m M[T]) String() string { return fmt.Sprint(\"m\", m.data) }\ntype Score int64\nsum, _ := New[Score](2).Mul(New[Score](3))\nprod, err := sum.Mul(sum)\nfmt.Sprint(New[Score](1, 2), \" \", fmt.Sprintf(\"%T %T %v %v\", sum.At(0), prod.At(0), prod, err))", "m[1 2] main.Score main.Score m[36] <nil>"},
		{"values dereferenced from pointers of a type printing itself through a pointer only", "type Owner struct{ Name string }\nfunc (o *Owner) String() string { return \"owner \" + o.Name }\ntype Account struct { *Owner; ID int }\np := &Owner{\"a\"}\nq := *p\nacc := &Account{&Owner{\"b\"}, 1}\nfmt.Sprint(p, \" \", q, \" \", *p, \" \", acc.Owner, \" \", fmt.Sprintf(\"%v %+v\", *acc.Owner, q))", "owner a {a} {a} owner b {b} {Name:a}"},
		{"map elements assigned a call's results or a comma-ok form's values", "func two() (float64, error) { return 1.5, nil }\nfunc fill(n map[string]float64) map[string]float64 { out := map[string]float64{}; var err error; out[\"k\"], err = two(); out[\"j\"], _ = n[\"x\"]; if err == nil { out[\"e\"], _ = two() }; return out }\nm := map[string]float64{}\nn := map[string]float64{\"x\": 2}\nvar ok bool\nm[\"a\"], ok = n[\"x\"]\nvar i any = 3.5\nm[\"b\"], ok = i.(float64)\nch := make(chan float64, 1)\nch <- 4.5\nm[\"c\"], ok = <-ch\nk := \"f\"\nm[k], ok = n[k]\nfmt.Sprint(m, ok, fill(n))", "map[a:2 b:3.5 c:4.5 f:0] false map[e:1.5 j:2 k:1.5]"},
		{"generic funcs whose signatures give generic types with methods type literals", "type Result[T any] struct { val T; err error }\nfunc (r Result[T]) Unwrap() (T, error) { return r.val, r.err }\nfunc Collect[T any](rs []Result[T]) Result[[]T] { var out []T; for _, r := range rs { v, _ := r.Unwrap(); out = append(out, v) }; return Result[[]T]{val: out} }", "func Both[T any](a, b Result[T]) Result[[]T] { return Collect([]Result[T]{a, b}) }\nfunc Index[K comparable, V any](m map[K]Result[V]) Result[map[K]V] { out := map[K]V{}; for k, r := range m { v, _ := r.Unwrap(); out[k] = v }; return Result[map[K]V]{val: out} }\nfunc Ptr[T any](r Result[*T]) T { return *r.val }", "rs := []Result[string]{{val: \"a\"}}\nx := Collect[string](rs)\ny := Both(Result[int]{val: 1}, Result[int]{val: 2})\nz := Index(map[string]Result[float64]{\"k\": {val: 1.5}})\nv, _ := z.Unwrap()\nf := 2.5\nfmt.Sprint(x, y, z, Collect(rs).val, Ptr(Result[*float64]{val: &f}), \" \", fmt.Sprintf(\"%T\", v))", "{[a] <nil>} {[1 2] <nil>} {map[k:1.5] <nil>} [a] 2.5 map[string]float64"},
		{"instances of generic funcs as values", "func Map[T, U any](xs []T, f func(T) U) []U { var out []U; for _, x := range xs { out = append(out, f(x)) }; return out }\nfunc Sum[T int | float64](xs ...T) T { var s T; for _, x := range xs { s += x }; return s }\nfunc Each[K comparable, V any](m map[K]V, f func(K, V)) { for k, v := range m { f(k, v) } }\ntype Result[T any] struct{ val T }\nfunc (r Result[T]) Get() T { return r.val }\nfunc Collect[T any](rs []Result[T]) Result[[]T] { var out []T; for _, r := range rs { out = append(out, r.Get()) }; return Result[[]T]{out} }", "g := Map[int, string]\ns := Sum[float64]\ne := Each[string, int]\nn := 0\ne(map[string]int{\"a\": 2}, func(_ string, v int) { n += v })\nc := Collect[int]\nfns := []func(...float64) float64{Sum[float64]}\nfmt.Sprint(g([]int{1, 2}, strconv.Itoa), s(1, 2.5), n, c([]Result[int]{{3}}).Get(), fns[0](4))", "[1 2] 3.5 2 [3] 4"},
		{"values with calls assigned at once", "func n() int { return 7 }\nfunc classify() (kind string, err error) { defer func() { if r := recover(); r != nil { kind, err = \"panic\", fmt.Errorf(\"%v\", r) } }(); panic(\"zero\") }\nvar i, j, k int\ni, j = 1, n()\nk = 4\nj, k = k, n()\ns := []int{1, 2, 3, 4, 5}\nvar lo, hi int\nfor lo, hi = 0, len(s)-n()+5; lo < hi; lo, hi = lo+1, hi-n()+6 { s[lo], s[hi] = s[hi], s[lo] }\nkind, err := classify()\nfmt.Sprint(i, j, k, s, lo, hi, kind, err)", "1 4 7 [4 3 2 1 5] 2 1paniczero"},
		{"values with receives assigned or defined at once", "func n() int { return 7 }\nfunc f(ch chan int) string { x, y := (<-ch)+1, n(); a, b, c := 1, <-ch, 3; var p, q int; p, q = <-ch, 2; d, e := []int{<-ch}, 4; return fmt.Sprint(x, y, a, b, c, p, q, d, e) }\nch := make(chan int, 9)\nfor i := range 9 { ch <- i }\ns := f(ch)\nv, w := <-ch, n()\nfmt.Sprint(s, \" \", v, w)", "1 7 1 1 3 2 2 [3] 4 4 7"},
		{"receives among returned values and var declarations", "func r(ch chan int) (int, int) { return <-ch, 2 }\nfunc r2(ch chan int) (float64, error) { x := 5; return 1, fmt.Errorf(\"%d %d\", <-ch, x) }\nfunc r3(ch chan int) (int, error) { return <-ch, nil }\nfunc v(ch chan int) string { var a, b = <-ch, 2; var c, d float64 = 1, float64(<-ch); return fmt.Sprint(a, b, c, d) }\nch := make(chan int, 9)\nfor i := range 9 { ch <- i + 1 }\na, b := r(ch)\nc, err := r2(ch)\nd, err2 := r3(ch)\nfmt.Sprint(a, b, c, err, d, err2, v(ch))", "1 2 1 2 5 3 <nil>4 2 1 5"},
		{"calls of builtins returned after another value", "func f(s []string) (string, int) { return \"a\", len(s) }\nfunc h(s []string) (int, int) { return 5, len(s) }\nfunc k(s []string) (string, []string, error) { return \"a\", append(s, \"b\"), nil }\nfunc m(s []string) (x float64, n int) { x = 2.5; return x, cap(s) }\nfunc Longest[C ~string](codes ...C) (C, int) { var best C; for _, c := range codes { if len(c) > len(best) { best = c } }; return best, len(best) }\ns := []string{\"ab\"}\na, b := f(s)\nc, d := h(s)\ne, g, err := k(s)\nx, n := m(s)\nl, ln := Longest(\"a\", \"bcd\")\nfmt.Sprint(a, b, c, d, e, g, err, x, n, l, ln)", "a1 5 1a[ab b] <nil> 2.5 1bcd3"},
		{"func literals called at once among a cell's statements", "n := 0\nfunc() { n++ }()\nvar c int\nfunc() { n += 10 }()\nfmt.Print(\"\")", "var d int\nk := func() int { return 5 }()\nfmt.Sprint(n, c, d, k)", "11 0 0 5"},
		{"a cell's var declarations of several names, or reading its earlier vars", "iv := 4\nvar a, b = iv, 2\nvar (\n\tc, d float64 = 1, float64(iv)\n\te = \"e\"\n)\nvar sv = \"s\"\nfmt.Print(\"\")\nvar w = sv\nvar f, g = min(iv, 3), \"g\"\nfmt.Sprint(a, b, c, d, e, w, f, g)", "4 2 1 4es3g"},
		{"a cell's own values with calls assigned or defined at once", "func n() int { return 7 }\niv := 4\nvar a, b int\na, b = 1, n()\nd, e := \"lit\", min(iv, 3)\nm := map[string]int{}\nm[\"k\"], b = n(), min(b, 2)\nfmt.Sprint(a, b, d, e, m)", "1 2lit3 map[k:7]"},
		{"composite literals among values assigned or defined at once", "type P struct { S string; N int }\nfunc f() (int, []int) { n, xs := 1, []int{}; return n, xs }\nfunc g() (error, P) { var e error; var p P; p, e = P{\"g\", 2}, errors.New(\"ge\"); return e, p }\nerr0 := errors.New(\"e0\")\nn, m := 1, map[string]int{}\na, b := err0, P{\"a\", 1}\nvar q error\nvar r P\nq, r = err0, P{\"x\", 2}\nvar c, d = 2, [2]int{3}\nfn, fx := f()\nge, gp := g()\nfmt.Sprint(n, m, a, b, q, r, c, d, fn, fx, ge, gp)", "1 map[] e0 {a 1} e0 {x 2} 2 [3 0] 1 [] ge {g 2}"},
		{"values assigned at once in init statements", "type P struct{ X int }\nfunc n() int { return 7 }\nfunc f(ch chan int) string { out := \"\"; if a, b := 1, []int{2}; a > 0 { out += fmt.Sprint(a, b) }; if a, b := <-ch, 5; a >= 0 { out += fmt.Sprint(a, b) }; switch a, b := n(), (P{3}); { case a > 1: out += fmt.Sprint(a, b) }; var x, y int; if x, y = 1, n(); x < y { out += fmt.Sprint(x, y) }; return out }\nch := make(chan int, 3)\nch <- 9\nf(ch)", "1 [2]9 57 {3}1 7"},
		{"generic calls in generic bodies with instances of the body's type parameters as type arguments", "type Pair[K cmp.Ordered, V any] struct { Key K; Val V }\ntype Node[T any] struct { Val T; Next *Node[T] }\ntype Sorted[K cmp.Ordered, V any] struct { items []Pair[K, V] }\nfunc (s *Sorted[K, V]) Put(k K, v V) { i, found := slices.BinarySearchFunc(s.items, k, func(p Pair[K, V], k K) int { return cmp.Compare(p.Key, k) }); if found { s.items[i].Val = v; return }; s.items = slices.Insert(s.items, i, Pair[K, V]{k, v}) }\nfunc (s *Sorted[K, V]) Front(ps ...Pair[K, V]) { s.items = slices.Insert[[]Pair[K, V], Pair[K, V]](s.items, 0, ps...) }\nfunc Last[E any](xs []E) E { return xs[len(xs)-1] }\nfunc (s *Sorted[K, V]) Top() Pair[K, V] { return Last[Pair[K, V]](s.items) }\nfunc Chain[T any](xs []T) []*Node[T] { var out []*Node[T]; for _, x := range xs { out = slices.Insert(out, 0, &Node[T]{Val: x}) }; return out }", "var s Sorted[string, int]\ns.Put(\"b\", 2)\ns.Put(\"a\", 1)\ns.Put(\"b\", 3)\ns.Front(Pair[string, int]{\"!\", 0})\nc := Chain([]string{\"x\", \"y\"})\nfmt.Sprint(s.items, s.Top(), len(c), c[0].Val)", "[{! 0} {a 1} {b 3}] {b 3} 2y"},
		{"generic calls in generic bodies of funcs of one type parameter, instantiated with types without names", "type Point struct{ X, Y int }\nfunc Listed[T any](xs ...T) []T { return xs }\nfunc Wrap[T any](x T) []T { return Listed(x, x) }\nfunc WrapP[T any](x T) []*T { return Listed[*T](&x) }\nfunc Rev[T any](xs ...T) []T { if len(xs) == 0 { return nil }; return append(Rev(xs[1:]...), xs[0]) }\ntype Stack[T any] struct{ items []T }\nfunc (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }\nfunc (s *Stack[T]) Snapshot() []T { return Rev(s.items...) }", "var s Stack[[]int]\ns.Push([]int{1})\ns.Push([]int{2, 3})\nfmt.Sprint(Wrap(&Point{1, 2})[0].X, len(WrapP([]int{1})), Wrap([]int{4}), Wrap(time.Second), Wrap(map[string]int{\"a\": 4}), s.Snapshot(), Rev([]int{1}, []int{2}))", "1 1 [[4] [4]] [1s 1s] [map[a:4] map[a:4]] [[2 3] [1]] [[2] [1]]"},
		{"the standard packages' generic funcs of one type parameter in generic bodies instantiated with types without names", "func First[T comparable](xs ...T) T { return cmp.Or(xs...) }\nfunc All[T any](xs []T) []T { return slices.Collect(slices.Values(xs)) }\nvar p *int\nfmt.Sprint(First(0, 3), First[*int](nil, p) == nil, All([][]int{{1}}), All([]time.Duration{time.Second}))", "3 true [[1]] [1s]"},
		{"generic funcs of earlier cells calling a func a cell redefines", "func f() int { return 1 }\nfunc G[T any](x T) int { return f() }\nfunc H[T any](x T) int { return G(x) + 10 }\nfunc g() int { return G(0) + 100 }\nfmt.Print(G(1), H(1), g())", "func f() int { return 2 }\nfmt.Print(G(1), G(\"s\"), H(1), g())", "fmt.Sprint(G(1), H(2), g())", "2 12 102"},
		{"ranges over integers that calls return in generic bodies", "type Ring[T any] struct { buf []T; next int }\nfunc NewRing[T any](n int) *Ring[T] { return &Ring[T]{buf: make([]T, n)} }\nfunc (r *Ring[T]) Len() int { return r.next }\nfunc (r *Ring[T]) Push(v T) { r.buf[r.next] = v; r.next++ }\nfunc (r *Ring[T]) All() iter.Seq[T] { return func(yield func(T) bool) { for i := range r.Len() { if !yield(r.buf[i]) { return } } } }\nfunc Count[T any](xs []T) int { return len(xs) }\nfunc Twice[T any](xs []T) []T { var out []T; for i := range Count(xs) { out = append(out, xs[i], xs[i]) }; return out }\nfunc (r *Ring[T]) Slice() []T { return slices.Collect(r.All()) }", "r := NewRing[float64](3)\nr.Push(1.5)\nfmt.Sprint(r.Slice(), Twice([]string{\"a\"}))", "[1.5] [a a]"},
		{"generic calls on the variables of ranges over iterators", "func Batches[T any](xs []T, n int) iter.Seq[[]T] { return func(yield func([]T) bool) { for i := 0; i < len(xs); i += n { if !yield(xs[i:min(i+n, len(xs))]) { return } } } }\nvar grid [][]float64\nfor row := range Batches([]float64{1, 2, 3, 4, 5, 6}, 4) { grid = append(grid, slices.Clone(row)) }\nfmt.Sprint(grid)", "[[1 2 3 4] [5 6]]"},
		{"methods of generic types that call each other both ways", "type Expr[T any] struct { ops []string; vals []T; pos int }\nfunc (e *Expr[T]) peek() string { if e.pos < len(e.ops) { return e.ops[e.pos] }; return \"\" }\nfunc (e *Expr[T]) sum(acc ...string) (string, int) { s, n := e.term(); for e.peek() == \"+\" { e.pos++; t, m := e.term(); s += \"+\" + t; n += m }; return strings.Join(append(acc, s), \"\"), n }\nfunc (e Expr[T]) depth(k int) int { if k == 0 { return 0 }; return 1 + e.width(k-1) }\nfunc (e *Expr[T]) width(k int) int { if k <= 0 { return 0 }; return 2 + e.depth(k-1) }\nfunc (e *Expr[T]) term() (string, int) { op := e.peek(); switch op { case \"(\": e.pos++; s, n := e.sum(); e.pos++; return \"(\" + s + \")\", n + 1; default: e.pos++; return op, 1 } }\ntype Pair[K comparable, V any] struct{ k K; v V }\nfunc (p Pair[K, V]) a(n int) []K { if n == 0 { return nil }; return append(p.b(n-1), p.k) }\nfunc (p Pair[K, V]) b(n int) []K { if n == 0 { return nil }; return p.a(n - 1) }", "e := &Expr[[]int]{ops: strings.Fields(\"( x + y ) + z\")}\ns, n := e.sum(\"=\")\nfmt.Sprint(s, n, e.depth(5), e.width(4), (&Expr[float64]{}).depth(3), Pair[string, []int]{\"k\", nil}.a(5), Pair[*int, bool]{}.b(3))", "=(x+y)+z4 7 6 4 [k k k] [<nil>]"},
		{"methods of a generic type calling each other both ways, declared again", "type Num[T any] struct{ v T }\nfunc (n Num[T]) even(k int) bool { if k == 0 { return true }; return n.odd(k - 1) }\nfunc (n Num[T]) odd(k int) bool { if k == 0 { return false }; return n.even(k - 1) }\nfmt.Print(Num[int]{}.even(4))", "func (n Num[T]) odd(k int) bool { if k == 0 { return true }; return n.even(k - 1) }\nfmt.Print(Num[int]{}.even(4), Num[string]{}.odd(3))", "type Num[T any] struct{ v T; w int }\nfmt.Sprint(Num[int]{}.even(3), Num[[]int]{}.odd(2))", "true true"},
		{"vars of a generic type whose method a cell declares again", "type Stack[T any] struct{ xs []T }\nfunc (s *Stack[T]) Push(v T) { s.xs = append(s.xs, v) }\nfunc (s *Stack[T]) Len() int { return len(s.xs) }\nvar s Stack[int]\ns.Push(1)\nfmt.Print(s.Len())", "func (s *Stack[T]) Len() int { return len(s.xs) * 100 }\nvar s2 Stack[int]\ns2.Push(1)\nvar s3 Stack[[]string]\ns3.Push(nil)\nfmt.Sprint(s.Len(), s2.Len(), s3.Len())", "1 100 100"},
		{"variables defined from several results of a generic func in generic bodies", "type Col[T cmp.Ordered] struct { name string; vals []T }\nfunc NewCol[T cmp.Ordered](name string, vals ...T) *Col[T] { return &Col[T]{name, vals} }\nfunc (c *Col[T]) At(i int) T { return c.vals[i] }\nfunc GroupBy[K cmp.Ordered](c *Col[K]) (keys []K, rows map[K][]int) { rows = map[K][]int{}; for i, v := range c.vals { if _, ok := rows[v]; !ok { keys = append(keys, v) }; rows[v] = append(rows[v], i) }; slices.Sort(keys); return keys, rows }\nfunc Keys[K cmp.Ordered](c *Col[K]) *Col[K] { ks, _ := GroupBy(c); return NewCol(c.name, ks...) }\nk := Keys(NewCol(\"c\", \"b\", \"a\", \"b\"))\nfmt.Sprint(k.name, k.vals)", "c[a b]"},
		{"generic calls in a func literal after generic calls on values of generic types", "type Col[T cmp.Ordered] struct { name string; vals []T }\nfunc NewCol[T cmp.Ordered](name string, vals ...T) *Col[T] { return &Col[T]{name, vals} }\nfunc (c *Col[T]) At(i int) T { return c.vals[i] }\nfunc Both[K, V cmp.Ordered](keys *Col[K], vals *Col[V]) int { return len(keys.vals) + len(vals.vals) }\ncity := NewCol(\"x\", \"b\", \"a\", \"b\")\ntemp := NewCol(\"y\", 1.0, 2, 3)\nn := Both(city, temp)\nidx := []int{0, 1, 2}\nslices.SortFunc(idx, func(a, b int) int { return cmp.Or(cmp.Compare(city.At(a), city.At(b)), -cmp.Compare(temp.At(a), temp.At(b))) })\nfmt.Sprint(n, idx)", "6 [1 2 0]"},
		{"errors.As into variables of your interface types", "type Temporary interface{ Temporary() bool }\ntype netErr struct{ msg string }\nfunc (e *netErr) Error() string { return e.msg }\nfunc (e *netErr) Temporary() bool { return true }\nfunc retry(err error) string { var te interface{ Temporary() bool }; if errors.As(err, &te) && te.Temporary() { return \"retry\" }; return \"give up\" }\nerr := fmt.Errorf(\"wrap: %w\", &netErr{\"timeout\"})\nvar t Temporary", "ok := errors.As(err, &t)\nvar t2 Temporary\nok2 := errors.As(errors.New(\"plain\"), &t2)\nfmt.Sprint(ok, t.Temporary(), ok2, t2 == nil, \" \", retry(err), \" \", retry(errors.New(\"x\")))", "true true false true retry give up"},
		{"values assigned to an earlier cell's variable of an interface type of yours", "type I interface{ M() int }\ntype S struct{ n int }\nfunc (s S) M() int { return s.n }\nfunc mk() I { return S{2} }\ntype Shop struct{}\nfunc (Shop) Item() I { return S{1} }\nvar t I\nvar a any = 1\nw := mk()\nshop := Shop{}\nx := shop.Item()", "s := S{3}\nt = s\na = S{4}\nw = S{5}\nx = S{6}\nv, ok := t.(S)\nfmt.Sprint(t.M(), v, ok, w.M(), x.M(), \" \", fmt.Sprintf(\"%T %T\", t, a))", "3 {3} true 5 6 main.S main.S"},
		{"methods added to a generic type in a later cell, and the type declared again", "type Box[T any] struct{ v T }\nfunc (b Box[T]) Get() T { return b.v }\nfunc NewBox[T any](v T) Box[T] { return Box[T]{v: v} }\nb1 := NewBox(1)\nfmt.Print(b1.Get())", "func (b Box[T]) Twice() []T { return []T{b.v, b.v} }\nb2 := NewBox(\"s\")\nfmt.Print(b2.Twice(), b2.Get())", "type Box[T any] struct{ v T; tag string }\nb3 := NewBox(2.5)\nb3.tag = \"t\"\nfmt.Sprint(b3.Get(), b3.Twice(), b3.tag, b1.Get(), b2.Twice())", "2.5 [2.5 2.5]t1 [s s]"},
		{"%T of instances of several type parameters", "type Pair[K comparable, V any] struct{ K K; V V }\nfmt.Sprintf(\"%T %T %T\", Pair[string, []int]{}, map[string]Pair[int, bool]{}, Pair[int, func(int, string)]{})", "main.Pair[string,[]int] map[string]main.Pair[int,bool] main.Pair[int,func(int, string)]"},
		{"generic calls given instances of generic types of one type parameter", "type Point struct{ X, Y int }\ntype Envelope[T any] struct { Kind string; Payload T }\nfunc Decode[T any](data string) (T, error) { var v T; err := json.Unmarshal([]byte(data), &v); return v, err }\nfunc Encode[T any](v T) string { b, _ := json.Marshal(v); return string(b) }\nfunc Wrap[T any](kind string, v T) Envelope[T] { return Envelope[T]{Kind: kind, Payload: v} }\nback, _ := Decode[Envelope[[]Point]](`{\"Kind\":\"k\",\"Payload\":[{\"X\":1}]}`)\ne2 := Wrap(\"map\", map[string]int{\"z\": 1})\nfmt.Sprint(back.Kind, back.Payload, \" \", Encode(e2))", "k[{1 0}] {\"Kind\":\"map\",\"Payload\":{\"z\":1}}"},
		{"values assigned to an earlier cell's variable of your interface defined from func values", "type I interface{ M() int }\ntype S struct{ n int }\nfunc (s S) M() int { return s.n }\nmakers := map[string]func() I{\"s\": func() I { return S{1} }}\nvar fs = []func() I{func() I { return S{2} }}\ntype Reg struct{ m map[string]func() I }\nreg := Reg{makers}", "w := makers[\"s\"]()\nw2 := fs[0]()\nw3 := reg.m[\"s\"]()", "w = S{3}\nw2 = S{4}\nw3 = S{5}\nfmt.Sprint(w.M(), w2.M(), w3.M())", "3 4 5"},
		{"a Format method for every verb", "type Mag float64\nfunc (m Mag) Format(f fmt.State, verb rune) { if verb == 'v' { fmt.Fprintf(f, \"%.2fm\", float64(m)); return }; fmt.Fprintf(f, \"%\"+string(verb), float64(m)) }\ntype P struct{ X int }\nfunc (p P) Format(f fmt.State, verb rune) { fmt.Fprintf(f, \"P<%c>\", verb) }\nm := Mag(3.25)\nfmt.Sprintf(\"%v %.1f %5.1f %e %d %x\", m, m, Mag(2), m, P{1}, P{2})", "3.25m 3.250000 2.000000 3.250000e+00 P<d> P<x>"},
		{"arrays in fields of types that print themselves, and unexported fields that do not", "type State uint8\nfunc (s State) String() string { return [...]string{\"a\", \"b\", \"c\"}[s] }\ntype M struct{ h [2]State }\ntype K struct{ from State; Ev string }\nfunc (m M) Snap() [2]State { return m.h }\nm := M{[2]State{2, 1}}\nfmt.Sprintf(\"%v %v %v %+v\", m.h, m.Snap(), K{1, \"x\"}, K{2, \"y\"})", "[c b] [c b] {1 x} {from:2 Ev:y}"},
		{"explicit argument indexes in formats", "type State uint8\nfunc (s State) String() string { return [...]string{\"a\", \"b\", \"c\"}[s] }\nfmt.Sprintf(\"%[2]v %[1]v %d|%-*s|%[1]v%[1]d|%v\", State(0), State(1), 5, \"ab\", []State{2})", "b a 1|ab   |a0|b"},
		{"generic call in the cell declaring the generic types", tree + "var t Tree[string, int]\nt.Put(\"a\", 1)\nt.Put(\"b\", 2)\nnums := &Tree[float64, string]{}\nnums.Put(1.5, \"x\")\nvar out []string\nfor k, v := range t.All() { out = append(out, fmt.Sprint(k, v)) }\nfmt.Sprint(Keys(&t), Keys(nums), out)", "[a b] [1.5] [a1 b2]"},
	})
}

// TestCellDeferRecovers: a recover in a defer among a cell's own
// statements recovers the cell's panic, once, as Go's main would (yaegi ran
// such a defer when its statement's chunk ended, with nothing to recover,
// and again for every later cell, recovering their panics too).
func TestCellDeferRecovers(t *testing.T) {
	s := newTestSession(t)
	run := func(src string) error {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_, err := s.Run(ctx, src)
		return err
	}
	if err := run(`func mayPanic() { panic("a problem") }` + "\nvar got []any"); err != nil {
		t.Fatal(err)
	}
	if err := run("defer func() { got = append(got, recover()) }()\nmayPanic()\ngot = append(got, \"not reached\")"); err != nil {
		t.Fatalf("the recovered panic was reported: %v", err)
	}
	if v := value(t, s, "fmt.Sprint(got)"); v != "[a problem]" {
		t.Errorf("the deferred call saw %s, want [a problem]", v)
	}
	if err := run(`panic("again")`); err == nil || !strings.Contains(err.Error(), "again") {
		t.Errorf("a later cell's panic: %v, want it reported", err)
	}
	if v := value(t, s, "fmt.Sprint(got)"); v != "[a problem]" {
		t.Errorf("the earlier cell's defer ran again: %s", v)
	}
}
