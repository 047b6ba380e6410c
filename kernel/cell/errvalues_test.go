package cell

import "testing"

// TestCaptureErrors: a value-receiver Error method of a struct type of the
// cells hands its receiver over when asked, and assertions and switch
// cases of such types take their operand through HelperConcrete; pointer
// receivers and other types stay.
func TestCaptureErrors(t *testing.T) {
	nf := "type NF struct{ N string }\nfunc (e NF) Error() string { return e.N }\n"
	compilesTo(t, []string{"err"}, []struct{ src, want string }{
		{nf, "func (e NF) Error() string { if " + HelperCapturing + "() { " + HelperCapture + "(e); return \"\" }; return e.N }"},
		{"type E struct{}\nfunc (E) Error() string { return \"e\" }", "func (_fountain_recv E) Error() string { if " + HelperCapturing + "() { " + HelperCapture + "(_fountain_recv); return \"\" }; return \"e\" }"},
		{"type E struct{}\nfunc (_ E) Error() string { return \"e\" }", "func (_fountain_recv E) Error()"},
		{"type P struct{}\nfunc (p *P) Error() string { return \"p\" }", "func (p *P) Error() string { return \"p\" }"},
		{"type C int\nfunc (c C) Error() string { return \"c\" }", "func (c C) Error() string { return \"c\" }"},
		{"type S struct{ a int }\nfunc (s S) String() string { return \"s\" }", "func (s S) String() string { if " + HelperCapturing + "() { " + HelperCapture + "(s); return \"\" }; return \"s\" }"},
		{"type S struct{ a int }\nfunc (s S) Other() string { return \"s\" }", "func (s S) Other() string { return \"s\" }"},
		{nf + "x, ok := err.(NF)", HelperConcrete + "(err).(NF)"},
		{nf + "switch e := err.(type) { case NF: _ = e }", "if _, ok := " + HelperConcrete + "(err).(NF); ok"},
		{"type P struct{}\nfunc (p *P) Error() string { return \"p\" }\nx, ok := err.(*P)", "x, ok := err.(*P)"},
	})
}

// TestTypedNils: a variable of a pointer to a cell's error type returned as
// an error goes through HelperTypedNil when nil; others stay.
func TestTypedNils(t *testing.T) {
	e := "type E struct{}\nfunc (e *E) Error() string { return \"e\" }\n"
	compilesTo(t, nil, []struct{ src, want string }{
		{e + "func f() error { var p *E; return p }", "return func() error { if p == nil { return " + HelperTypedNil + "(p) }; return p }()"},
		{e + "func f() (int, error) { var p *E; return 1, p }", "return 1, func() error {"},
		{e + "func f() error { var p *int; _ = p; return nil }", "return nil"},
		{"type P struct{}\nfunc f() error { var p *P; _ = p; var err error; return err }", "return err }"},
	})
}

// TestErrorEquality: == and != of errors go through HelperSameError; of
// nil and of other values they stay.
func TestErrorEquality(t *testing.T) {
	e := "type E struct{}\nfunc (e E) Error() string { return \"e\" }\nfunc f() error { return E{} }\n"
	compilesTo(t, nil, []struct{ src, want string }{
		{e + "ok := f() == E{}", "ok := " + HelperSameError + "(f(), E{})"},
		{e + "var a, b error\nok := a != b", "ok := !" + HelperSameError + "(a, b)"},
		{e + "ok := f() == nil", "ok := f() == nil"},
		{"x, y := 1, 2\nok := x == y", "ok := x == y"},
	})
}

// TestInterfaceArgs: conversions to compiled interfaces and variadic
// interface arguments of compiled funcs go through a variable of the
// interface type.
func TestInterfaceArgs(t *testing.T) {
	compilesTo(t, []string{"w", "c"}, []struct{ src, want string }{
		{"import \"io\"\nx := io.MultiWriter(w, c)", "io.MultiWriter(func() io.Writer { var _fountain_v io.Writer = w; return _fountain_v }(), func() io.Writer { var _fountain_v io.Writer = c; return _fountain_v }())"},
		{"import \"io\"\nx := io.Writer(c)", "x := io.Writer(func() io.Writer { var _fountain_v io.Writer = c; return _fountain_v }())"},
		{"x := fmt.Sprint(w, c)", "x := fmt.Sprint(w, c)"},
	})
}

// TestFreshValues: a variable of a cell's type with methods put into a
// compiled interface (an error or fmt.Stringer variable, an append to a
// slice that is not of a concrete type) goes as a temporary of its own.
func TestFreshValues(t *testing.T) {
	n := "type N struct{ s string }\nfunc (n N) Error() string { return n.s }\ntype P struct{}\nfunc (p *P) Error() string { return \"\" }\n"
	compilesTo(t, nil, []struct{ src, want string }{
		{n + "v := N{}\nvar e error = v", "e = " + HelperErr + "((N)(v))"},
		{n + "v := N{}\nvar es []error\nes = append(es, v)", "es = append(es, (N)(v))"},
		{n + "p := &P{}\nvar es []error\nes = append(es, p)", "es = append(es, func() *P { return p }())"},
		{n + "v := N{}\nvar ns []N\nns = append(ns, v)", "ns = append(ns, v)"},
		{n + "v := N{}\nes := []error{v}", "es := []error{(N)(v)}"},
		{n + "v := N{}\nm := map[string]error{}\nm[\"k\"] = v", "m[\"k\"] = (N)(v)"},
		{n + "v := N{}\nns := []N{v}", "ns := []N{v}"},
	})
}

// TestMethodValueBinding: a method value of a value receiver becomes a
// call that binds the receiver; calls, fields and pointer receivers stay.
func TestMethodValueBinding(t *testing.T) {
	cc := "type C struct{ n int }\nfunc (c C) Get() int { return c.n }\nfunc (c *C) Inc() {}\n"
	compilesTo(t, nil, []struct{ src, want string }{
		{cc + "c := C{}\ng := c.Get", "g := func(_fountain_r C) func() int { return _fountain_r.Get }(c)"},
		{cc + "c := C{}\ng := c.Inc", "g := c.Inc"},
		{cc + "c := C{}\nx := c.Get() + c.n", "x := c.Get() + c.n"},
	})
}
