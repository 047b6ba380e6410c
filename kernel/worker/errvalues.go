package worker

import (
	"bytes"
	"reflect"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
)

// A value of a cell's struct type put into an error or a fmt.Stringer
// reaches compiled code in yaegi's wrapper with only its last field (see
// cell.captureReceivers), while the wrapper's Error or String method runs
// on the whole value. The cell compiler makes each value-receiver Error and
// String method of such a type hand its receiver over when asked;
// concreteValue asks, by calling the method.

// errorValues is the hand-over in progress. It is the process's, not a
// session's: the cells' methods ask for it from whatever goroutine calls
// them, and only the asking goroutine's call hands over.
var errorValues struct {
	mu    sync.Mutex // one hand-over at a time
	asked atomic.Bool
	g     atomic.Int64 // the asking goroutine
	v     any
	given bool
}

// capturing reports whether the calling goroutine asks the Error or String
// method it runs for its receiver (cell.HelperCapturing).
func capturing() bool { return errorValues.asked.Load() && goid() == errorValues.g.Load() }

// capture takes the receiver over (cell.HelperCapture).
func capture(v any) {
	if capturing() {
		errorValues.v, errorValues.given = v, true
	}
}

// printFunc is the type of yaegi's wrapper's Error and String methods.
var printFunc = reflect.TypeOf(func() string { return "" })

// concreteValue returns the value of a cell's type that e, in yaegi's
// wrapper of an error or a fmt.Stringer, holds, or e (cell.HelperConcrete).
func concreteValue(e any) any {
	if v, ok := handedOver(e); ok {
		return v
	}
	if rv := reflect.ValueOf(e); rv.IsValid() && isWrapper(rv.Type()) {
		// A pointer yaegi's wrapper keeps whole: the pointer, which an
		// assertion to its type matches.
		if in := yaegiInner(rv); in.IsValid() && in.Kind() == reflect.Pointer && in.CanInterface() {
			return in.Interface()
		}
	}
	return e
}

// handedOver returns the value of a cell's type that e, in yaegi's wrapper,
// holds, and whether its Error or String method handed it over.
func handedOver(e any) (any, bool) {
	rv := reflect.ValueOf(e)
	if !rv.IsValid() || !isWrapper(rv.Type()) {
		return nil, false
	}
	m := rv.FieldByName("WError")
	if !m.IsValid() {
		m = rv.FieldByName("WString")
	}
	if !m.IsValid() || m.Type() != printFunc || m.IsNil() || rv.Field(0).Elem().Kind() == reflect.Pointer {
		return nil, false // neither an error nor a fmt.Stringer, or kept whole (a pointer)
	}
	if errorValues.asked.Load() && errorValues.g.Load() == goid() {
		// Asked from inside the method called below: one the cell
		// compiler did not make hand its receiver over (of a type that
		// is not a struct), formatting that receiver itself
		// (fmt.Sprintf("State(%d)", s)). It hands nothing over; waiting
		// for the lock would wait for ever.
		return nil, false
	}
	errorValues.mu.Lock()
	defer errorValues.mu.Unlock()
	errorValues.v, errorValues.given = nil, false
	errorValues.g.Store(goid())
	errorValues.asked.Store(true)
	func() {
		defer func() {
			errorValues.asked.Store(false)
			recover() // a method that panics hands nothing over
		}()
		m.Call(nil)
	}()
	v, given := errorValues.v, errorValues.given
	errorValues.v = nil
	return v, given
}

// goid returns the calling goroutine's id.
func goid() int64 {
	var buf [64]byte
	b := buf[:runtime.Stack(buf[:], false)]
	b = bytes.TrimPrefix(b, []byte("goroutine "))
	if i := bytes.IndexByte(b, ' '); i > 0 {
		b = b[:i]
	}
	id, _ := strconv.ParseInt(string(b), 10, 64)
	return id
}

// sameError is == of two errors (cell.HelperSameError), comparing the
// values of the cells' types they hold, not yaegi's wrappers of them
// (which hold funcs: comparing them panicked).
func sameError(a, b any) bool {
	va, vb := comparedValue(a), comparedValue(b)
	if !va.IsValid() || !vb.IsValid() {
		return va.IsValid() == vb.IsValid()
	}
	if va.Type() != vb.Type() || dynamicType(a, va) != dynamicType(b, vb) {
		return false // (a Token("x") and a string "x" are both strings to reflect)
	}
	if !va.Type().Comparable() {
		panic("runtime error: comparing uncomparable type " + va.Type().String())
	}
	return va.Equal(vb)
}

// comparedValue is what == compares of an error or an interface value:
// the value of a cell's type it holds (see handedOver), or the value
// itself.
func comparedValue(e any) reflect.Value {
	if v, ok := handedOver(e); ok {
		return reflect.ValueOf(v)
	}
	rv := reflect.ValueOf(e)
	if rv.IsValid() && (isWrapper(rv.Type()) || isValueInterface(rv.Type())) {
		return yaegiInner(rv) // a pointer, or a value of a named basic type
	}
	return rv
}

// dynamicType names the type of the value a holds (v, its comparedValue):
// the cells' name for it where yaegi's wrapper tells it, else reflect's.
func dynamicType(a any, v reflect.Value) string {
	if name := heldTypeName(reflect.ValueOf(a)); name != "" {
		return name
	}
	return v.Type().String()
}
