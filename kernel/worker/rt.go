package worker

import (
	"fmt"
	"os"
	"reflect"
	"strings"
	"unsafe"

	"github.com/fountain-go/fountain/display"
)

// hooks is what the rewritten cells call back into, through the
// interpreted prelude. It is exported to the interpreter as package fountainrt.
type hooks struct {
	result func(display.Bundle)
	// atEnd holds the calls the running cell deferred, to run when it ends.
	atEnd []func()
	// panicked is the panic of the cell's statements while its deferred
	// calls run, for a recover among them to take (see Recovered).
	panicked *cellPanic
	// stringers format values of the cells' types with their String or
	// Error methods in compiled code.
	stringers stringers
	// json encodes and decodes the cells' types with their JSON and
	// text methods (see jsonvalues.go).
	json jsonValues
	// interrupts wakes a cell sleeping in time.Sleep (see interrupt.go).
	interrupts interrupts
}

// prelude defines the helpers the cell compiler's rewrites use. It is
// interpreted so that it sees methods of types defined in cells.
const prelude = `
import _fountain_rt "fountainrt"
import _fountain_display "github.com/fountain-go/fountain/display"
import _fountain_frames "github.com/fountain-go/fountain/frames"
import _fountain_fmt "fmt"
import _fountain_strings "strings"
import _fountain_cmp "cmp"

type _fountain_htmler interface{ HTML() string }
type _fountain_markdowner interface{ Markdown() string }
type _fountain_svger interface{ SVG() string }
type _fountain_latexer interface{ Latex() string }
type _fountain_pnger interface{ PNG() []byte }
type _fountain_jpeger interface{ JPEG() []byte }

func _fountain_show(vs ...any) {
	if len(vs) != 1 {
		_fountain_rt.Result(_fountain_display.Text(_fountain_strings.TrimSuffix(_fountain_fmt.Sprintln(vs...), "\n")))
		return
	}
	v := vs[0]
	// The text first: a type switch on v can change how fmt sees it.
	text := _fountain_rt.Text(v)
	// Type switches, not comma-ok assertions: yaegi mishandles the latter
	// for types defined in cells. It also matches interfaces by method
	// shape, not name, so each rich method is tried under a recover.
	switch r := v.(type) {
	case _fountain_frames.Frame:
		// A Frame that failed makes the cell fail, with the Frame's error.
		if err := r.Err(); err != nil {
			panic(err)
		}
		_fountain_rt.Result(_fountain_display.Render(r))
		return
	case *_fountain_frames.Query:
		// A running query shows as a table that updates in place.
		_fountain_display.Live(r)
		return
	case _fountain_frames.Stream:
		if err := r.Err(); err != nil {
			panic(err)
		}
		_fountain_display.Live(r.Start())
		return
	case _fountain_display.Renderer:
		_fountain_rt.Result(r.Render())
		return
	}
	b := _fountain_display.Text(text)
	// One switch first: most values have none of the rich methods, and
	// trying each under a recover costs tens of microseconds.
	// (Without the bound x, yaegi's switch does not match cell types.)
	rich := false
	switch x := v.(type) {
	case _fountain_htmler, _fountain_markdowner, _fountain_svger, _fountain_latexer, _fountain_pnger, _fountain_jpeger:
		rich = x != nil
	}
	if !rich {
		_fountain_rt.Result(b)
		return
	}
	_fountain_try(func() {
		switch x := v.(type) {
		case _fountain_htmler:
			b.Data["text/html"] = x.HTML()
		}
	})
	_fountain_try(func() {
		switch x := v.(type) {
		case _fountain_markdowner:
			b.Data["text/markdown"] = x.Markdown()
		}
	})
	_fountain_try(func() {
		switch x := v.(type) {
		case _fountain_svger:
			b.Data["image/svg+xml"] = x.SVG()
		}
	})
	_fountain_try(func() {
		switch x := v.(type) {
		case _fountain_latexer:
			b.Data["text/latex"] = x.Latex()
		}
	})
	_fountain_try(func() {
		switch x := v.(type) {
		case _fountain_pnger:
			b.Data["image/png"] = _fountain_display.PNG(x.PNG()).Data["image/png"]
		}
	})
	_fountain_try(func() {
		switch x := v.(type) {
		case _fountain_jpeger:
			b.Data["image/jpeg"] = _fountain_display.JPEG(x.JPEG()).Data["image/jpeg"]
		}
	})
	_fountain_rt.Result(b)
}

func _fountain_try(f func()) {
	defer func() { recover() }()
	f()
}

// min and max as Go's: a NaN wins (a != a holds for a NaN alone).
func _fountain_min[_fountain_T _fountain_cmp.Ordered](a, b _fountain_T) _fountain_T {
	if a != a || a < b {
		return a
	}
	return b
}

func _fountain_max[_fountain_T _fountain_cmp.Ordered](a, b _fountain_T) _fountain_T {
	if a != a || a > b {
		return a
	}
	return b
}

func _fountain_clear(v any) { _fountain_rt.Clear(v) }

func _fountain_err(e error) error { return e }

func _fountain_any(v any) any { return v }

func _fountain_atend(f func()) { _fountain_rt.AtEnd(f) }

func _fountain_gorecover() {
	if r := recover(); r != nil {
		_fountain_rt.GoPanic(r)
	}
}

func _fountain_notimpl(v any, iface string) string {
	if v == nil {
		return "interface conversion: interface is nil, not " + iface
	}
	return "interface conversion: " + _fountain_fmt.Sprintf("%T", v) + " is not " + iface
}

`

func (r *hooks) symbols() map[string]reflect.Value {
	return map[string]reflect.Value{
		"Result":  reflect.ValueOf(func(b display.Bundle) { r.result(b) }),
		"Clear":   reflect.ValueOf(clearValue),
		"Text":    reflect.ValueOf(r.text),
		"GoPanic": reflect.ValueOf(func(r any) { goPanic(fmt.Sprint(goPanicValue(r))) }),
		// Error is error as a compiled interface of its own: in a type
		// switch, yaegi matches no value to "case error" (see cell.typeAsserts).
		"Error": reflect.ValueOf((*compiledError)(nil)),
		"Has": reflect.ValueOf(func(v any, names string) bool {
			// A value of a cell's type in an any names its type (reflect
			// sees a Token as a string): the methods the cells declared on
			// it decide, not yaegi's match by method shapes.
			if held := heldTypeName(reflect.ValueOf(v)); strings.HasPrefix(strings.TrimLeft(held, "*"), "main.") {
				if ok, known := r.stringers.hasNamed(held, names); known {
					return ok
				}
			}
			return r.stringers.has(unwrap(reflect.ValueOf(v)), names)
		}),
		// Recovered is what recover returns, as in Go: yaegi panics with the
		// reflect.Value of the cell's value, whose type is lost on the way
		// (a value with an Error method is made an error, see asError).
		"Recovered": reflect.ValueOf(func(v any) any {
			if p := r.panicked; v == nil && p != nil && !p.taken {
				// A deferred call of the cell's own, as the cell ends in
				// a panic: yaegi has no panic left to recover, Go would.
				p.taken = true
				v = p.value
			}
			if rv, ok := v.(reflect.Value); ok && rv.IsValid() && rv.CanInterface() {
				v = rv.Interface()
				if e := r.stringers.asError(v); e != nil {
					return e
				}
			}
			return goPanicValue(v)
		}),
		"AtEnd": reflect.ValueOf(func(f func()) { r.atEnd = append(r.atEnd, f) }),
		// The hand-over of values of the cells' types from errors (see
		// errvalues.go).
		"Capturing": reflect.ValueOf(capturing),
		"Capture":   reflect.ValueOf(capture),
		"Concrete":  reflect.ValueOf(concreteValue),
		"Named": reflect.ValueOf(func(v any) bool {
			return strings.HasPrefix(strings.TrimLeft(heldTypeName(reflect.ValueOf(v)), "*"), "main.")
		}),
		"Owned": reflect.ValueOf(r.stringers.owned),
		// Bare reports a struct of a cell's type (or a pointer to one)
		// that compiled code handed back (see cell.implementerChecks).
		"Bare": reflect.ValueOf(func(v any) bool {
			t := reflect.TypeOf(v)
			if t != nil && t.Kind() == reflect.Pointer {
				t = t.Elem()
			}
			if t == nil || t.Kind() != reflect.Struct || isValueInterface(t) || isWrapper(t) {
				return false
			}
			_, ok := r.stringers.ownerOf(t)
			return ok
		}),
		"Wrapped": reflect.ValueOf(func(v any) bool {
			rv := reflect.ValueOf(v)
			return rv.IsValid() && isWrapper(rv.Type())
		}),
		"AssertInto": reflect.ValueOf(r.assertInto),
		// A cell's select statement, with cases of its own (see
		// selects.go).
		"Select":       reflect.ValueOf(r.interrupts.choose),
		"SelectBuffer": reflect.ValueOf(selectBuffer),
		// ErrorsAsFunc is errors.As into a variable of a cell's interface
		// type, which compiled code cannot set (see cell.rewriteErrorsAs).
		"ErrorsAsFunc": reflect.ValueOf(func(err error, match func(error) bool) bool { return anyInTree(err, match) }),
		"SameError":    reflect.ValueOf(sameError),
		// TypedNil is a nil pointer to a cell's error type as a non-nil
		// error (see cell.typedNils).
		"TypedNil": reflect.ValueOf(func(v any) error {
			if e := r.stringers.asError(v); e != nil {
				return e
			}
			return typedNil{v}
		}),
		// A json.Encoder's Encode and a Decoder's Decode for the cells'
		// values (see jsonvalues.go).
		"JSONEncode": reflect.ValueOf(r.json.encode),
		"JSONDecode": reflect.ValueOf(r.json.decodeStream),
		// Typed is an argument with its type's name (see cell.fmtTypes
		// and cell.jsonTypes), which only fmt's, log's and json's
		// functions as cells see them, and a cell's value, get.
		"Typed": reflect.ValueOf(func(v any, name string) any { return typedArg{v, name} }),
	}
}

// assertInto sets *dst to v and reports true if v is of *dst's type, for
// an assertion to an instance of a generic type of several type
// parameters (see cell.multiAsserts); if not, it panics as Go's assertion
// to want does when must, else reports false.
func (r *hooks) assertInto(dst any, want string, must bool, v any) bool {
	d := reflect.ValueOf(dst).Elem()
	rv := reflect.ValueOf(unwrap(reflect.ValueOf(v)))
	if rv.IsValid() && rv.Type() == d.Type() {
		d.Set(rv)
		return true
	}
	if !must {
		return false
	}
	if !rv.IsValid() {
		panic(runtimeError{"interface conversion: interface is nil, not " + want})
	}
	held := heldTypeName(reflect.ValueOf(v))
	if held == "" {
		held = fieldFormatter{st: &r.stringers}.typeName(rv.Type())
	}
	if strings.Contains(held, "struct {") {
		// A generic instance's structure, which reflect cannot name.
		panic(runtimeError{"interface conversion: interface {} holds another type, not " + want})
	}
	panic(runtimeError{"interface conversion: interface {} is " + held + ", not " + want})
}

// typedNil is a nil pointer as a non-nil error, when its type's Error
// method is not known.
type typedNil struct{ IValue any }

func (typedNil) Error() string { return "<nil>" }

// typedArg is a value and the name of its type in the cells (main.Band,
// []main.Band), which reflect cannot tell.
type typedArg struct {
	v    any
	name string
}

// compiledError is error under another name (see hooks.symbols).
type compiledError interface{ Error() string }

// text formats v as fmt does. A value of a cell-defined type with methods
// reaches compiled code inside yaegi's wrapper (interp.valueInterface);
// the wrapped value is taken out so that it prints as the user's value,
// with its elements' String methods (see stringers).
func (r *hooks) text(v any) string {
	if ta, ok := v.(typedArg); ok {
		return fmt.Sprint(r.stringers.formatNamed(reflect.ValueOf(ta.v), ta.name))
	}
	if name := heldTypeName(reflect.ValueOf(v)); name != "" {
		// A value of a cell's type that is not a struct: its methods are
		// found by its name.
		return fmt.Sprint(r.stringers.formatNamed(reflect.ValueOf(unwrap(reflect.ValueOf(v))), name))
	}
	f, _ := r.stringers.format(unwrap(reflect.ValueOf(v)))
	return fmt.Sprint(f)
}

func unwrap(rv reflect.Value) any {
	for rv.IsValid() && isValueInterface(rv.Type()) {
		f := rv.FieldByName("value")
		if !f.IsValid() || f.Type() != reflect.TypeOf(reflect.Value{}) {
			break
		}
		tmp := reflect.New(rv.Type()).Elem()
		tmp.Set(rv)
		f = tmp.FieldByName("value")
		rv = reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem().Interface().(reflect.Value)
	}
	if !rv.IsValid() {
		return nil
	}
	return rv.Interface()
}

// heldTypeName returns the name of the type of the value yaegi's interface
// value rv holds (main.F, *main.T), as yaegi writes it, or "" if rv is not
// one. A value of a cell's type that is not a struct has, for reflect, the
// underlying type; only yaegi's own type knows the name (TestHeldTypeName
// checks the fields read here).
func heldTypeName(rv reflect.Value) string {
	if !rv.IsValid() || !isValueInterface(rv.Type()) {
		return ""
	}
	node := rv.FieldByName("node")
	if !node.IsValid() || node.Kind() != reflect.Pointer || node.IsNil() || node.Elem().Kind() != reflect.Struct {
		return ""
	}
	typ := node.Elem().FieldByName("typ")
	if !typ.IsValid() || typ.Kind() != reflect.Pointer || typ.IsNil() || typ.Elem().Kind() != reflect.Struct {
		return ""
	}
	str := typ.Elem().FieldByName("str")
	if !str.IsValid() || str.Kind() != reflect.String {
		return ""
	}
	return demangle(str.String())
}

// clearValue implements the clear builtin for maps and slices.
func clearValue(v any) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Map, reflect.Slice:
		rv.Clear()
	default:
		panic(fmt.Sprintf("invalid argument: clear(%T): argument must be a map or slice", v))
	}
}

// cellPanic is a panic of a cell's statements, and whether one of the
// cell's deferred calls recovered it.
type cellPanic struct {
	value any
	taken bool
}

// goPanic reports a panic that a cell's goroutine recovered from.
func goPanic(msg string) {
	fmt.Fprintf(os.Stderr, "panic in a goroutine started by a cell: %s\n(the goroutine stopped; the kernel is fine)\n", msg)
}
