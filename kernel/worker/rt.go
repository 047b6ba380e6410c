package worker

import (
	"fmt"
	"os"
	"reflect"

	"github.com/fountain-go/fountain/display"
)

// runtime is what the rewritten cells call back into, through the
// interpreted prelude. It is exported to the interpreter as package fountainrt.
type runtime struct {
	result func(display.Bundle)
}

// prelude defines the helpers the cell compiler's rewrites use. It is
// interpreted so that it sees methods of types defined in cells.
const prelude = `
import _fountain_rt "fountainrt"
import _fountain_display "github.com/fountain-go/fountain/display"
import _fountain_fmt "fmt"
import _fountain_strings "strings"
import _fountain_cmp "cmp"

func _fountain_show(vs ...any) {
	if len(vs) != 1 {
		_fountain_rt.Result(_fountain_display.Text(_fountain_strings.TrimSuffix(_fountain_fmt.Sprintln(vs...), "\n")))
		return
	}
	v := vs[0]
	if r, ok := v.(_fountain_display.Renderer); ok {
		_fountain_rt.Result(r.Render())
		return
	}
	b := _fountain_display.Text(_fountain_fmt.Sprint(v))
	if x, ok := v.(interface{ HTML() string }); ok {
		b.Data["text/html"] = x.HTML()
	}
	if x, ok := v.(interface{ Markdown() string }); ok {
		b.Data["text/markdown"] = x.Markdown()
	}
	if x, ok := v.(interface{ SVG() string }); ok {
		b.Data["image/svg+xml"] = x.SVG()
	}
	if x, ok := v.(interface{ Latex() string }); ok {
		b.Data["text/latex"] = x.Latex()
	}
	if x, ok := v.(interface{ PNG() []byte }); ok {
		b.Data["image/png"] = _fountain_display.PNG(x.PNG()).Data["image/png"]
	}
	if x, ok := v.(interface{ JPEG() []byte }); ok {
		b.Data["image/jpeg"] = _fountain_display.JPEG(x.JPEG()).Data["image/jpeg"]
	}
	_fountain_rt.Result(b)
}

func _fountain_min[T _fountain_cmp.Ordered](a, b T) T {
	if a < b {
		return a
	}
	return b
}

func _fountain_max[T _fountain_cmp.Ordered](a, b T) T {
	if a > b {
		return a
	}
	return b
}

func _fountain_clear(v any) { _fountain_rt.Clear(v) }

func _fountain_gopanic(r any) {
	if r != nil {
		_fountain_rt.GoPanic(_fountain_fmt.Sprint(r))
	}
}
`

func (r *runtime) symbols() map[string]reflect.Value {
	return map[string]reflect.Value{
		"Result":  reflect.ValueOf(func(b display.Bundle) { r.result(b) }),
		"Clear":   reflect.ValueOf(clearValue),
		"GoPanic": reflect.ValueOf(goPanic),
	}
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

// goPanic reports a panic that a cell's goroutine recovered from.
func goPanic(msg string) {
	fmt.Fprintf(os.Stderr, "panic in a goroutine started by a cell: %s\n(the goroutine stopped; the kernel is fine)\n", msg)
}
