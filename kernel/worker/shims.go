package worker

import (
	"go/ast"
	"go/parser"
	"go/token"
)

// Symbol tables cannot hold generic funcs and types, so the generic
// members of compiled standard packages (sync.OnceValue, reflect.TypeFor,
// ...) come from source: each shim is a package the interpreter compiles
// on first use, under a name of its own, and the cell compiler rewrites
// selectors of those members to it (cell.Env.Shim). The sources are
// written for the interpreter: no min, max, clear or range over an int.
type shim struct {
	path string // the standard package it completes
	name string // its own package name, and import path, in the interpreter
	src  string
}

var shims = []shim{
	{"sync", "fountainsync", `package fountainsync

import "sync"

// OnceValue returns a function that calls f once and returns its value
// from then on. A panic in f panics every call with the same value.
func OnceValue[T any](f func() T) func() T {
	var (
		once   sync.Once
		v      T
		failed bool
		p      any
	)
	return func() T {
		once.Do(func() {
			failed = true
			defer func() {
				if failed {
					p = recover()
				}
			}()
			v = f()
			failed = false
		})
		if failed {
			panic(p)
		}
		return v
	}
}

// OnceValues returns a function that calls f once and returns its values
// from then on. A panic in f panics every call with the same value.
func OnceValues[T1, T2 any](f func() (T1, T2)) func() (T1, T2) {
	var (
		once   sync.Once
		v1     T1
		v2     T2
		failed bool
		p      any
	)
	return func() (T1, T2) {
		once.Do(func() {
			failed = true
			defer func() {
				if failed {
					p = recover()
				}
			}()
			v1, v2 = f()
			failed = false
		})
		if failed {
			panic(p)
		}
		return v1, v2
	}
}
`},
	{"sync/atomic", "fountainatomic", `package fountainatomic

import "sync"

// Pointer is an atomic pointer of type *T. The zero value is a nil
// pointer. (A mutex stands in for the hardware here: the effect is the same.)
type Pointer[T any] struct {
	mu sync.Mutex
	p  *T
}

// Load atomically loads and returns the value stored in x.
func (x *Pointer[T]) Load() *T {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.p
}

// Store atomically stores val into x.
func (x *Pointer[T]) Store(val *T) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.p = val
}

// Swap atomically stores new into x and returns the previous value.
func (x *Pointer[T]) Swap(new *T) (old *T) {
	x.mu.Lock()
	defer x.mu.Unlock()
	old, x.p = x.p, new
	return old
}

// CompareAndSwap executes the compare-and-swap operation for x.
func (x *Pointer[T]) CompareAndSwap(old, new *T) (swapped bool) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.p != old {
		return false
	}
	x.p = new
	return true
}
`},
	{"math/rand/v2", "fountainrand", `package fountainrand

import (
	"math/rand/v2"
	"reflect"
)

// N returns a pseudo-random number in the half-open interval [0,n) from
// the default Source. It panics if n <= 0. (The result is set through
// reflect: the interpreter fails on a conversion to a type parameter.)
func N[Int ~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr](n Int) Int {
	if n <= 0 {
		panic("invalid argument to N")
	}
	var r Int
	v := reflect.ValueOf(&r).Elem()
	if v.CanInt() {
		v.SetInt(rand.Int64N(int64(n)))
	} else {
		v.SetUint(rand.Uint64N(uint64(n)))
	}
	return r
}
`},
	{"reflect", "fountainreflect", `package fountainreflect

import "reflect"

// TypeFor returns the reflect.Type that represents the type argument T.
func TypeFor[T any]() reflect.Type {
	// Not (*T)(nil): the interpreter fails on conversions to and
	// pointers of a type parameter; the address of a variable works.
	var v T
	return reflect.TypeOf(&v).Elem()
}
`},
	{"errors", "fountainerrors", `package fountainerrors

import "fountainshimrt"

// As finds the first error in err's tree that matches target, and if one
// is found, sets target to that error value and returns true. (Also for
// the cells' error types, which the compiled errors.As refuses.)
func As(err error, target any) bool {
	return fountainshimrt.ErrorsAs(err, target)
}

// Is reports whether any error in err's tree matches target. (Also for
// the cells' error types, whose values the compiled errors.Is cannot
// compare.)
func Is(err, target error) bool {
	return fountainshimrt.ErrorsIs(err, target)
}

// AsType finds the first error in err's tree that has the type E and, if
// one is found, returns that error value and true.
func AsType[E error](err error) (E, bool) {
	var target E
	ok := fountainshimrt.ErrorsAs(err, &target)
	return target, ok
}
`},
	{"weak", "fountainweak", `package fountainweak

import (
	"fountainshimrt"
	"reflect"
)

// Pointer is a weak pointer to a value of type T: it does not keep the
// value alive. Two Pointers are equal when made from the same pointer.
type Pointer[T any] struct {
	h any
}

// Make returns a weak pointer for ptr (the zero Pointer for nil).
func Make[T any](ptr *T) Pointer[T] {
	return Pointer[T]{fountainshimrt.WeakMake(ptr)}
}

// Value returns the original pointer, or nil once the value it points to
// has been collected. (Set through reflect: the interpreter fails on a
// conversion to a type parameter.)
func (p Pointer[T]) Value() *T {
	var r *T
	if v := fountainshimrt.WeakValue(p.h, r); v != nil {
		reflect.ValueOf(&r).Elem().Set(reflect.ValueOf(v))
	}
	return r
}
`},
	{"runtime", "fountainruntime", `package fountainruntime

import "fountainshimrt"

// Cleanup is a handle to a cleanup call for a specific object.
type Cleanup struct {
	stop func()
}

// Stop cancels the cleanup call.
func (c Cleanup) Stop() {
	if c.stop != nil {
		c.stop()
	}
}

// AddCleanup attaches a cleanup function to ptr: some time after ptr is
// no longer reachable, cleanup(arg) runs on a goroutine of its own. If arg
// or cleanup keep ptr reachable, it never runs. The interpreter's func
// values keep the whole frame they are made in: a cleanup made (or named)
// inside the func that has ptr in a variable keeps ptr; make it before.
func AddCleanup[T, S any](ptr *T, cleanup func(S), arg S) Cleanup {
	return Cleanup{fountainshimrt.AddCleanup(ptr, cleanup, arg)}
}
`},
	{"hash/maphash", "fountainmaphash", `package fountainmaphash

import (
	"fountainshimrt"
	"hash/maphash"
)

// Comparable returns the hash of v with seed: equal values hash equal.
func Comparable[T comparable](seed maphash.Seed, v T) uint64 {
	return fountainshimrt.Comparable(seed, v)
}

// WriteComparable adds x to the data hashed by h.
func WriteComparable[T comparable](h *maphash.Hash, x T) {
	fountainshimrt.WriteComparable(h, x)
}
`},
}

// shimMembers maps each shim's standard package path to the exported
// names it provides.
var shimMembers = func() map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for _, sh := range shims {
		f, err := parser.ParseFile(token.NewFileSet(), "", sh.src, 0)
		if err != nil {
			panic("shim " + sh.name + ": " + err.Error())
		}
		out[sh.path] = map[string]bool{}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil && d.Name.IsExported() {
					out[sh.path][d.Name.Name] = true
				}
			case *ast.GenDecl:
				for _, sp := range d.Specs {
					if ts, ok := sp.(*ast.TypeSpec); ok && ts.Name.IsExported() {
						out[sh.path][ts.Name.Name] = true
					}
				}
			}
		}
	}
	return out
}()

// Shim implements cell.Env: the interpreter's package for a generic member
// of a compiled standard package, compiled on first use.
func (s *Session) Shim(path, name string) (string, bool) {
	if !shimMembers[path][name] {
		return "", false
	}
	for _, sh := range shims {
		if sh.path != path {
			continue
		}
		if !s.shimsLoaded[sh.name] {
			// Run, not only compiled: a func that is not generic gets its
			// value when its package runs.
			p, err := s.in.Compile(sh.src)
			if err == nil {
				_, err = s.in.Execute(p)
			}
			if err != nil {
				return "", false
			}
			s.shimsLoaded[sh.name] = true
		}
		return sh.name, true
	}
	return "", false
}
