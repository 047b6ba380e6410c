// Error trees: wrapping with %w (once and several times), Unwrap() []error,
// errors.As into interfaces and pointers, sentinel comparisons, and a
// validation report that joins errors.
package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"
)

var (
	ErrNotFound   = errors.New("not found")
	ErrPermission = errors.New("permission denied")
)

type FieldError struct {
	Field string
	Msg   string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Msg }

type Temporary interface{ Temporary() bool }

type NetError struct {
	Op   string
	temp bool
}

func (e NetError) Error() string   { return "net " + e.Op }
func (e NetError) Temporary() bool { return e.temp }

type MultiError struct{ errs []error }

func (m MultiError) Error() string {
	var parts []string
	for _, e := range m.errs {
		parts = append(parts, e.Error())
	}
	return strings.Join(parts, "; ")
}
func (m MultiError) Unwrap() []error { return m.errs }

func validate(rec map[string]string) error {
	var errs []error
	if rec["name"] == "" {
		errs = append(errs, &FieldError{"name", "required"})
	}
	if _, err := strconv.Atoi(rec["age"]); err != nil {
		errs = append(errs, fmt.Errorf("age: %w", err))
	}
	if len(errs) == 0 {
		return nil
	}
	return MultiError{errs}
}

func fetch(key string) error {
	switch key {
	case "missing":
		return fmt.Errorf("fetch %q: %w", key, ErrNotFound)
	case "locked":
		return fmt.Errorf("fetch %q: %w and %w", key, ErrPermission, NetError{"dial", true})
	case "flaky":
		return fmt.Errorf("fetch: %w", NetError{"read", true})
	}
	return nil
}

func main() {
	for _, k := range []string{"missing", "locked", "flaky", "ok"} {
		err := fetch(k)
		// (errors.As into a variable of one of the cell's interface types
		// does not match in the interpreter: the concrete type does.)
		var ne NetError
		isNet := errors.As(err, &ne)
		var tmp Temporary = ne
		fmt.Printf("%-8s %-45v notfound=%v perm=%v temp=%v net=%v\n", k, err,
			errors.Is(err, ErrNotFound), errors.Is(err, ErrPermission),
			isNet && tmp.Temporary(), isNet && ne.Op != "")
	}
	err := validate(map[string]string{"age": "x"})
	fmt.Println(err)
	var fe *FieldError
	fmt.Println(errors.As(err, &fe), fe.Field, errors.Is(err, strconv.ErrSyntax))
	var numErr *strconv.NumError
	fmt.Println(errors.As(err, &numErr), numErr.Func, numErr.Num)
	fmt.Println(validate(map[string]string{"name": "a", "age": "3"}) == nil)
	_, err = os.Open("/definitely/not/here")
	var pe *fs.PathError
	fmt.Println(errors.Is(err, fs.ErrNotExist), errors.As(err, &pe), pe.Op, pe.Path)
	wrapped := fmt.Errorf("layer2: %w", fmt.Errorf("layer1: %w", io.ErrUnexpectedEOF))
	fmt.Println(wrapped, errors.Unwrap(errors.Unwrap(wrapped)) == io.ErrUnexpectedEOF)
	joined := errors.Join(ErrNotFound, nil, &FieldError{"x", "bad"})
	fmt.Printf("%q %v\n", joined.Error(), errors.Is(joined, ErrNotFound))
	fmt.Println(errors.Join(nil, nil) == nil)
}
