package worker

import (
	"reflect"
	"strings"
)

// Run-time panics of interpreted code come from yaegi's reflect calls, not
// from Go's runtime: indexing past a slice's end panics with the string
// "reflect: slice index out of range", a nil pointer's field with a
// *reflect.ValueError, a failed type assertion with the interpreter's own
// error. Go code recovering them looks for a runtime.Error ("if err, ok :=
// r.(error)"), and a person reading the cell's error for Go's words. So
// recover and the cell's error give them as Go's runtime would, less the
// index and length, which the interpreter does not say.

// runtimeError is a run-time panic as Go's runtime reports it: an error
// that is a runtime.Error.
type runtimeError struct{ msg string }

func (e runtimeError) Error() string { return e.msg }

// RuntimeError marks it a runtime.Error.
func (runtimeError) RuntimeError() {}

// reflectPanics maps the start of a reflect panic's message to Go's.
var reflectPanics = []struct{ prefix, msg string }{
	{"reflect: slice index out of range", "index out of range"},
	{"reflect: array index out of range", "index out of range"},
	{"reflect: string index out of range", "index out of range"},
	{"reflect.Value.Slice: slice index out of bounds", "slice bounds out of range"},
	{"reflect.Value.Slice: string slice index out of bounds", "slice bounds out of range"},
	{"reflect.Value.Slice3: slice index out of bounds", "slice bounds out of range"},
	{"reflect: call of reflect.Value.Field on zero Value", "invalid memory address or nil pointer dereference"},
	{"reflect: call of reflect.Value.Elem on zero Value", "invalid memory address or nil pointer dereference"},
}

// goPanicValue returns the value Go would panic with for v, a panic value
// of interpreted code: a runtime.Error for one of yaegi's reflect panics
// or failed assertions, else v.
func goPanicValue(v any) any {
	var msg string
	switch x := v.(type) {
	case string:
		if strings.HasPrefix(x, "interface conversion: ") {
			return runtimeError{x} // a failed assertion of the cell compiler's
		}
		msg = x
	case *reflect.ValueError:
		msg = x.Error()
	case error:
		// The interpreter's failed type assertion, "3:33: interface
		// conversion: ...", as Go's runtime words it.
		if _, rest, ok := strings.Cut(x.Error(), ": interface conversion: "); ok && reflect.TypeOf(x).String() == "*interp.cfgError" {
			return runtimeError{"interface conversion: " + rest}
		}
		return v
	default:
		return v
	}
	for _, p := range reflectPanics {
		if strings.HasPrefix(msg, p.prefix) {
			return runtimeError{"runtime error: " + p.msg}
		}
	}
	return v
}
