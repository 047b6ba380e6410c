package worker

import (
	"hash/maphash"
	"reflect"
	"runtime"
	"unsafe"
	"weak"
)

// The compiled halves of the shims for weak, runtime.AddCleanup and
// maphash.Comparable (shims.go): those are generic, so the shims, compiled
// by the interpreter, pass their values here as any. Exported to the
// interpreter as package rtHelpersPath, which no cell imports by name.
const rtHelpersPath = "fountainrt"

var rtHelpers = map[string]reflect.Value{
	"WeakMake":        reflect.ValueOf(weakMake),
	"WeakValue":       reflect.ValueOf(weakValue),
	"AddCleanup":      reflect.ValueOf(addCleanup),
	"Comparable":      reflect.ValueOf(comparableHash),
	"WriteComparable": reflect.ValueOf(writeComparable),
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
