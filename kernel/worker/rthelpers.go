package worker

import (
	"errors"
	"fmt"
	"go/types"
	"hash/maphash"
	"reflect"
	"runtime"
	"sync"
	"unsafe"
	"weak"

	"github.com/traefik/yaegi/interp"
)

// The compiled halves of the shims for weak, runtime.AddCleanup and
// maphash.Comparable (shims.go): those are generic, so the shims, compiled
// by the interpreter, pass their values here as any. Exported to the
// interpreter as package rtHelpersPath, which no cell imports by name.
const rtHelpersPath = "fountainshimrt"

var rtHelpers = map[string]reflect.Value{
	"WeakMake":        reflect.ValueOf(weakMake),
	"WeakValue":       reflect.ValueOf(weakValue),
	"AddCleanup":      reflect.ValueOf(addCleanup),
	"Comparable":      reflect.ValueOf(comparableHash),
	"WriteComparable": reflect.ValueOf(writeComparable),
	"ErrorsAs":        reflect.ValueOf(errorsAs),
	"ErrorsIs":        reflect.ValueOf(errorsIs),
}

// weakMake returns a weak pointer (comparable: equal for the same object)
// to the object ptr points to, or nil for a nil pointer. The object is
// known by its address, whatever its type.
func weakMake(ptr any) any {
	v := reflect.ValueOf(ptr)
	if !v.IsValid() || v.Kind() != reflect.Pointer || v.IsNil() {
		return nil
	}
	return weak.Make((*byte)(v.UnsafePointer()))
}

// weakValue returns the object h points to as a pointer of like's type,
// or nil once it has been collected.
func weakValue(h any, like any) any {
	wp, ok := h.(weak.Pointer[byte])
	if !ok {
		return nil
	}
	b := wp.Value()
	if b == nil {
		return nil
	}
	return reflect.NewAt(reflect.TypeOf(like).Elem(), unsafe.Pointer(b)).Interface()
}

// addCleanup calls cleanup(arg) once the object ptr points to is
// unreachable, and returns what cancels that. The call is made here, not
// in an interpreted closure: yaegi's closures keep their whole frame, the
// shim's with ptr in it, and ptr would stay reachable.
func addCleanup(ptr, cleanup, arg any) func() {
	v := reflect.ValueOf(ptr)
	if !v.IsValid() || v.Kind() != reflect.Pointer || v.IsNil() {
		panic("runtime.AddCleanup: ptr is nil")
	}
	f := reflect.ValueOf(cleanup)
	if f.Kind() != reflect.Func || f.Type().NumIn() != 1 {
		panic("runtime.AddCleanup: cleanup is not a func of one argument")
	}
	a := reflect.ValueOf(arg)
	if !a.IsValid() {
		a = reflect.Zero(f.Type().In(0))
	}
	c := runtime.AddCleanup((*byte)(v.UnsafePointer()), func(call [2]reflect.Value) { call[0].Call(call[1:]) }, [2]reflect.Value{f, a})
	return c.Stop
}

// comparableHash hashes v as maphash.Comparable does: equal values (of
// one type) hash equal.
func comparableHash(seed maphash.Seed, v any) uint64 { return maphash.Comparable(seed, v) }

// writeComparable adds v to h as maphash.WriteComparable does.
func writeComparable(h *maphash.Hash, v any) { maphash.WriteComparable(h, v) }

// errorsAs is errors.As for the cells' error types too. A cell's type has
// no methods to reflect, so errors.As refuses a pointer to one as its
// target ("*target must be interface or implement error"), and an error of
// that type reaches compiled code inside yaegi's wrapper. Where errors.As
// itself cannot tell, the chain is walked here, each error unwrapped from
// yaegi's wrapper and matched by its type.
func errorsAs(err error, target any) bool {
	tv := reflect.ValueOf(target)
	if !tv.IsValid() || tv.Kind() != reflect.Pointer || tv.IsNil() {
		panic("errors: target must be a non-nil pointer")
	}
	ok, refused := stdErrorsAs(err, target)
	if ok {
		return true
	}
	// errors.As did not find it, or refused the target: the tree may
	// hold the cells' error types, whose Unwrap it cannot call.
	want := tv.Type().Elem()
	return anyInTree(err, func(e error) bool {
		if v := reflect.ValueOf(e); !refused && v.IsValid() && v.Type().AssignableTo(want) {
			tv.Elem().Set(v) // a compiled error type, below a cell's
			return true
		}
		if v := concreteInner(e); v.IsValid() && v.Type().AssignableTo(want) {
			tv.Elem().Set(v)
			return true
		}
		return false
	})
}

// anyInTree reports whether match holds for an error in err's tree (err,
// then what Unwrap gives, depth first), as errors.Is and errors.As walk it.
func anyInTree(err error, match func(error) bool) bool {
	for err != nil {
		if match(err) {
			return true
		}
		switch u := err.(type) {
		case interface{ Unwrap() error }:
			err = u.Unwrap()
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				if anyInTree(e, match) {
					return true
				}
			}
			return false
		default:
			// A cell's error type: yaegi's wrapper has Error alone, the
			// type's Unwrap is reached through its entry (learnUnwrap).
			v := concreteInner(err)
			if !v.IsValid() {
				return false
			}
			f, ok := cellUnwraps.Load(v.Type())
			if !ok {
				return false
			}
			for _, e := range f.(func(reflect.Value) []error)(v) {
				if anyInTree(e, match) {
					return true
				}
			}
			return false
		}
	}
	return false
}

// cellUnwraps holds the entries into the Unwrap methods of the cells'
// types, by the reflect type of the receiver (yaegi's, unique to its
// interpreter, so sessions do not share them), as funcs of all the errors
// Unwrap gives. Package-level, as errorsAs and errorsIs are: the shims
// that call them are compiled once for all sessions.
var cellUnwraps sync.Map // reflect.Type -> func(reflect.Value) []error

// learnUnwrap makes the entry of an Unwrap method of the cells' type
// typ (its internal name) that src declares, if it is Go's Unwrap() error
// or Unwrap() []error. n numbers the entries' variables.
func learnUnwrap(in *interp.Interpreter, n *int, typ, src string) {
	fd := methodDecl(src)
	if fd == nil || fd.Type.Params.NumFields() != 0 || fd.Type.Results.NumFields() != 1 {
		return
	}
	body := ""
	switch types.ExprString(fd.Type.Results.List[0].Type) {
	case "error":
		body = "return []error{v.Unwrap()}"
	case "[]error":
		body = "return v.Unwrap()"
	default:
		return
	}
	ptr, ok := receiver(src)
	if !ok {
		return
	}
	for _, r := range receiverTypes(typ, ptr) {
		fn, ok := methodEntry(in, n, fmt.Sprintf("func(v %s) []error { %s }", r, body))
		if !ok {
			continue
		}
		cellUnwraps.Store(fn.Type().In(0), func(v reflect.Value) []error {
			errs, _ := fn.Call([]reflect.Value{v})[0].Interface().([]error)
			return errs
		})
	}
}

// concreteInner is yaegiInner of the value e holds (see concreteValue).
func concreteInner(e error) reflect.Value {
	if v, ok := handedOver(e); ok {
		return reflect.ValueOf(v)
	}
	return yaegiInner(reflect.ValueOf(e))
}

// errorsIs is errors.Is for the cells' error types too: yaegi's wrapper of
// a value of a cell's struct type is not comparable (it holds funcs), so
// errors.Is(err, NotFound{"x"}) compared nothing. Where errors.Is itself
// finds no match, the chain is walked here, each error compared by the
// value it holds.
func errorsIs(err, target error) bool {
	if err == nil || target == nil {
		return err == target
	}
	if errors.Is(err, target) {
		return true
	}
	want := concreteInner(target)
	if !want.IsValid() || !want.Type().Comparable() {
		return false
	}
	return anyInTree(err, func(e error) bool {
		v := concreteInner(e)
		return v.IsValid() && v.Type() == want.Type() && v.Equal(want)
	})
}

// stdErrorsAs is errors.As, and whether it refused target's type.
func stdErrorsAs(err error, target any) (ok, refused bool) {
	defer func() {
		if recover() != nil {
			ok, refused = false, true
		}
	}()
	return errors.As(err, target), false
}

// yaegiInner returns the value inside yaegi's wrappers of an interpreted
// value (as an error, a struct whose first field is IValue; as any, its
// valueInterface), or v.
func yaegiInner(v reflect.Value) reflect.Value {
	for v.IsValid() && v.Kind() == reflect.Struct {
		switch {
		case v.NumField() > 0 && v.Type().Field(0).Name == "IValue":
			v = v.Field(0).Elem()
		case isValueInterface(v.Type()):
			v = reflect.ValueOf(unwrap(v))
		default:
			return v
		}
	}
	return v
}
