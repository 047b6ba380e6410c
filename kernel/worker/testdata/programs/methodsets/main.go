// Method sets and interfaces: value and pointer receivers, interface
// embedding, assertions between interfaces, comparisons of interface
// values, and empty interfaces holding your types.
package main

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
)

type Reader interface{ Read() string }
type Writer interface{ Write(s string) }
type ReadWriter interface {
	Reader
	Writer
}

type File struct {
	name string
	data []string
}

func (f *File) Write(s string) { f.data = append(f.data, s) }
func (f File) Read() string    { return strings.Join(f.data, "|") }
func (f File) Name() string    { return f.name }

type Named interface{ Name() string }

type Token string

func (t Token) Read() string { return string(t) }

type nopCloser struct{ io.Reader }

func (nopCloser) Close() error { return nil }

func describe(v any) string {
	var parts []string
	if _, ok := v.(Reader); ok {
		parts = append(parts, "reader")
	}
	if _, ok := v.(Writer); ok {
		parts = append(parts, "writer")
	}
	if _, ok := v.(ReadWriter); ok {
		parts = append(parts, "readwriter")
	}
	if n, ok := v.(Named); ok {
		parts = append(parts, "named:"+n.Name())
	}
	if _, ok := v.(fmt.Stringer); ok {
		parts = append(parts, "stringer")
	}
	return fmt.Sprintf("%T[%s]", v, strings.Join(parts, ","))
}

func main() {
	f := File{name: "log"}
	pf := &f
	fmt.Println(describe(f))
	fmt.Println(describe(pf))
	fmt.Println(describe(Token("t")))
	var rw ReadWriter = pf
	rw.Write("a")
	rw.Write("b")
	fmt.Println(rw.Read(), f.Read())
	var r Reader = rw
	w, ok := r.(Writer)
	fmt.Println(ok, w != nil)
	_, ok = Reader(Token("x")).(Writer)
	fmt.Println(ok)
	var a, b any = Token("x"), Token("x")
	var c any = "x"
	fmt.Println(a == b, a == c, a != nil)
	var r1, r2 Reader = Token("k"), Token("k")
	fmt.Println(r1 == r2, r1 == Reader(pf))
	vals := []any{1, "s", Token("t"), pf, nil, 2.5, []int{1}}
	var kinds []string
	for _, v := range vals {
		switch v.(type) {
		case nil:
			kinds = append(kinds, "nil")
		case Reader:
			kinds = append(kinds, "reader")
		case int, float64:
			kinds = append(kinds, "number")
		case string:
			kinds = append(kinds, "string")
		default:
			kinds = append(kinds, fmt.Sprintf("%T", v))
		}
	}
	fmt.Println(kinds)
	var rc io.ReadCloser = nopCloser{strings.NewReader("body")}
	b2, _ := io.ReadAll(rc)
	fmt.Println(string(b2), rc.Close())
	defer func() {
		r := recover()
		var re runtime.Error
		err, _ := r.(error)
		fmt.Println("recovered:", err, errors.As(err, &re))
	}()
	var nothing Reader
	_ = nothing.(Writer)
}
