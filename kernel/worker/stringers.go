package worker

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"maps"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/fountain-go/fountain/kernel/cell"
	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
)

// Values of the cells' types reach compiled code as values of types reflect
// made, without methods: fmt printed a []Card as [{1 0} {2 3}], not with
// Card's String method. (yaegi wraps a value passed to fmt on its own, not
// the elements of a slice or map.) The session keeps, for each type of the
// cells with a String or Error method, a compiled entry into the method (an
// interpreted func literal that calls it), and fmt's functions, as cells
// see them, hand slices, arrays and maps of such values to the real fmt
// with their elements as values that format themselves through it.

// stringers is what compiled code knows of the cells' types: each struct
// type (as reflect has it) with its String or Error method, called through
// an interpreted func literal; the names of each type's methods and the
// types it embeds (see has); and which type each reflect type is.
type stringers struct {
	mu      sync.RWMutex
	methods map[reflect.Type]func(reflect.Value) string
	// of caches whether values of a type hold any such values.
	of map[reflect.Type]bool
	n  int // entries made, for their variables' names
	// owner is the cells' type each struct type is; shared, those two or
	// more types are.
	owner  map[reflect.Type]string
	shared map[reflect.Type]bool
	// sets holds the names of the methods the cells declared on each of
	// their types, by receiver (value methods are in both sets); embeds
	// the types each struct type embeds, whose methods it has too.
	sets   map[string]*methodSet
	embeds map[string][]embed
	// errs holds the Error methods alone (see asError).
	errs map[reflect.Type]func(reflect.Value) string
	// named holds the String or Error methods of the cells' types that are
	// not structs, by name ("main.Celsius"), for formatNamed.
	named map[string]func(reflect.Value) string
	// instanceAs holds the interpreter's name of each instance in named
	// (Tagged__2[int]): a type redefined since needs a new entry.
	instanceAs map[string]string
	// compiled holds, for each struct type of the cells, the indexes of
	// the fields that embed a compiled type (time.Time), whose methods
	// it has (yaegi does not mark such fields embedded for reflect).
	compiled map[string][]int
	// fieldTypes holds the declared types of the fields of the cells'
	// struct types, by name ("main.Token"), the cells' types among them
	// named as formatNamed takes them: a field of a type that is not a
	// struct formats with its method by them (see formatTyped).
	fieldTypes map[string][]ast.Expr
	// printers holds the Format and GoString methods of the cells' types
	// (fmt.Formatter and fmt.GoStringer), as learnPrinters makes them: of
	// struct types by reflect type, of others by name ("main.Money").
	printers      map[reflect.Type]printer
	namedPrinters map[string]printer
}

// printer is the entries into a type's Format and GoString methods, if it
// has them.
type printer struct {
	format   func(v reflect.Value, s fmt.State, verb rune)
	goString func(v reflect.Value) string
}

// asError returns v, a value of the cells' that reached compiled code
// without the interpreter's type (a recovered panic's), as an error that
// errs through its Error method; nil if it has none. The value is the
// error's IValue, where errors.As finds it (see As).
func (st *stringers) asError(v any) error {
	rv := reflect.ValueOf(v)
	if !rv.IsValid() {
		return nil
	}
	st.mu.RLock()
	m := st.errs[rv.Type()]
	st.mu.RUnlock()
	if m == nil {
		return nil
	}
	return cellError{v, func() string { return m(rv) }}
}

// cellError is a value of a cell's type with an Error method, as an error.
type cellError struct {
	IValue any
	method func() string
}

func (e cellError) Error() string { return e.method() }

// methodSet is the methods of a type: of values, and of pointers.
type methodSet struct{ value, ptr map[string]bool }

// embed is a type a struct embeds, and whether as a pointer.
type embed struct {
	name string
	ptr  bool
}

// note records that the cells' type typ has the method declared by src.
func (st *stringers) note(typ, method, src string) {
	ptr, ok := receiver(src)
	if !ok {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.sets == nil {
		st.sets = map[string]*methodSet{}
	}
	set := st.sets[typ]
	if set == nil {
		set = &methodSet{map[string]bool{}, map[string]bool{}}
		st.sets[typ] = set
	}
	set.ptr[method] = true
	if !ptr {
		set.value[method] = true
	}
}

// has reports whether v has all the methods names lists (space separated),
// as far as the cells' declarations tell: a value of one of their struct
// types that lacks one does not (yaegi matches interfaces by the shapes of
// methods, not by their names); for other values it leaves the answer to
// yaegi's type switch.
// owned reports whether the value v (in yaegi's wrapper, see
// concreteValue) holds is of the cells' struct type name, or a pointer to
// one, and no other of their types has its structure (cell.HelperOwned).
func (st *stringers) owned(v any, name string) bool {
	t := reflect.TypeOf(concreteValue(v))
	if t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	owner, ok := st.ownerOf(t)
	return ok && owner == name
}

// ownerOf returns the cells' struct type whose structure t is, if one
// and only one of their types is.
func (st *stringers) ownerOf(t reflect.Type) (string, bool) {
	if t == nil {
		return "", false
	}
	st.mu.RLock()
	defer st.mu.RUnlock()
	name, ok := st.owner[t]
	return name, ok && !st.shared[t]
}

// hasNamed is has for a value of the cells' type held (as yaegi names it:
// main.Token, *main.File), and whether it could tell: for a type of the
// cells that is not a generic instance.
func (st *stringers) hasNamed(held, names string) (ok, known bool) {
	ptr := strings.HasPrefix(held, "*")
	base := strings.TrimPrefix(strings.TrimLeft(held, "*"), "main.")
	if strings.ContainsAny(base, "[.*") || strings.Count(held, "*") > 1 {
		return false, false
	}
	st.mu.RLock()
	defer st.mu.RUnlock()
	if _, declared := st.sets[base]; !declared {
		return false, false // no methods the cells declared, or not theirs
	}
	for _, m := range strings.Fields(names) {
		if !st.hasMethod(base, m, ptr, 0) {
			return false, true
		}
	}
	return true, true
}

func (st *stringers) has(v any, names string) bool {
	t := reflect.TypeOf(v)
	if names == "" {
		return true
	}
	if t == nil {
		return false // a nil interface has no methods (yaegi's switch matched it)
	}
	ptr := t.Kind() == reflect.Pointer
	if ptr {
		t = t.Elem()
	}
	st.mu.RLock()
	defer st.mu.RUnlock()
	name, ok := st.owner[t]
	if !ok || st.shared[t] {
		return true
	}
	for _, m := range strings.Fields(names) {
		if !st.hasMethod(name, m, ptr, 0) {
			return false
		}
	}
	return true
}

// hasMethod reports whether the cells' type name (as a pointer with ptr)
// has the method m, declared or promoted.
func (st *stringers) hasMethod(name, m string, ptr bool, depth int) bool {
	if set := st.sets[name]; set != nil && (ptr && set.ptr[m] || set.value[m]) {
		return true
	}
	if depth > 8 {
		return false
	}
	for _, e := range st.embeds[name] {
		if st.hasMethod(e.name, m, ptr || e.ptr, depth+1) {
			return true
		}
	}
	return false
}

// methodDecl returns the method src declares, or nil.
func methodDecl(src string) *ast.FuncDecl {
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p;"+src, parser.SkipObjectResolution)
	if err != nil || len(f.Decls) != 1 {
		return nil
	}
	fd, isFunc := f.Decls[0].(*ast.FuncDecl)
	if !isFunc || fd.Recv == nil || len(fd.Recv.List) != 1 {
		return nil
	}
	return fd
}

// receiver reports whether the method src declares has a pointer receiver.
func receiver(src string) (ptr, ok bool) {
	fd := methodDecl(src)
	if fd == nil {
		return false, false
	}
	_, ptr = fd.Recv.List[0].Type.(*ast.StarExpr)
	return ptr, true
}

// embeddedTypes returns the types of the cells the struct type name that
// src declares embeds, and the indexes of its fields that embed a type of a
// compiled package (time.Time), if src declares one.
func embeddedTypes(src, name string) (cells []embed, compiled []int, ok bool) {
	ts := cell.TypeDecl(src, name)
	if ts == nil {
		return nil, nil, false
	}
	if it, isIface := ts.Type.(*ast.InterfaceType); isIface && it.Methods != nil {
		// An interface embeds interfaces: a struct embedding it has
		// their methods too (see learn).
		for _, f := range it.Methods.List {
			if id, isIdent := f.Type.(*ast.Ident); isIdent && len(f.Names) == 0 {
				cells = append(cells, embed{id.Name, false})
			}
		}
		return cells, nil, true
	}
	st, isStruct := ts.Type.(*ast.StructType)
	if !isStruct {
		return nil, nil, false
	}
	i := 0
	for _, f := range st.Fields.List {
		at := i
		i += max(len(f.Names), 1)
		if len(f.Names) > 0 {
			continue
		}
		t, ptr := f.Type, false
		if star, isStar := t.(*ast.StarExpr); isStar {
			t, ptr = star.X, true
		}
		switch t := t.(type) {
		case *ast.Ident:
			cells = append(cells, embed{t.Name, ptr})
		case *ast.SelectorExpr:
			compiled = append(compiled, at)
		}
	}
	return cells, compiled, true
}

// learn makes entries for the String and Error methods the cell declared
// (sources holds the cell's declarations by name, "T.String" for a method;
// types the names of the types it declared), its types by their
// interpreter names (rename).
//
// reflect has only the structure of a cell's struct type: two types of one
// structure are one reflect type, and a named basic type is the basic
// type. Entries are made for struct types only, and none for a structure
// two of the cells' types share.
func (st *stringers) learn(in *interp.Interpreter, types []string, sources map[string]string, rename func(string) string) {
	for _, name := range types {
		st.mu.Lock()
		delete(st.sets, name) // declared again: its methods are the new ones
		st.mu.Unlock()
		if strings.Contains(sources[name], name+"[") {
			continue // generic: only its instances are types
		}
		v, err := safeEval(in, "(*"+rename(name)+")(nil)")
		if err != nil || v.Kind() != reflect.Pointer || v.Type().Elem().Kind() != reflect.Struct {
			continue
		}
		st.own(v.Type().Elem(), name)
	}
	for name, src := range sources {
		if embedded, compiled, ok := embeddedTypes(src, name); ok {
			st.mu.Lock()
			if st.embeds == nil {
				st.embeds, st.compiled = map[string][]embed{}, map[string][]int{}
			}
			st.embeds[name], st.compiled[name] = embedded, compiled
			st.mu.Unlock()
		}
	}
	for _, name := range types {
		// An interface's methods, for the structs embedding it (has).
		if ts := cell.TypeDecl(sources[name], name); ts != nil && ts.TypeParams == nil {
			if it, isIface := ts.Type.(*ast.InterfaceType); isIface && it.Methods != nil {
				for _, f := range it.Methods.List {
					if _, isFunc := f.Type.(*ast.FuncType); isFunc && len(f.Names) == 1 {
						st.note(name, f.Names[0].Name, "func (v "+name+") "+f.Names[0].Name+"() {}")
					}
				}
			}
		}
	}
	for _, name := range types {
		if fields, ok := structFieldTypes(sources[name], name); ok {
			st.mu.Lock()
			if st.fieldTypes == nil {
				st.fieldTypes = map[string][]ast.Expr{}
			}
			st.fieldTypes["main."+name] = fields
			st.mu.Unlock()
		}
	}
	fresh := map[string]bool{}
	for key, src := range sources {
		typ, method, ok := strings.Cut(key, ".")
		if !ok {
			continue
		}
		st.note(typ, method, src)
		if method == "Unwrap" {
			learnUnwrap(in, &st.n, rename(typ), src)
			continue
		}
		if method == "Format" || method == "GoString" {
			st.learnPrinter(in, typ, method, src, rename)
			continue
		}
		if method != "String" && method != "Error" {
			continue
		}
		ptr, ok := stringMethod(src)
		if !ok {
			continue
		}
		for _, r := range receiverTypes(rename(typ), ptr) {
			fn, ok := methodEntry(in, &st.n, fmt.Sprintf("func(v %s) string { return v.%s() }", r, method))
			if !ok {
				continue
			}
			t := fn.Type().In(0)
			base := t
			if base.Kind() == reflect.Pointer {
				base = base.Elem()
			}
			st.mu.Lock()
			if base.Kind() != reflect.Struct && t.Kind() != reflect.Pointer {
				// Not a struct: reflect has it as its underlying type, so
				// its values are told by the name the cell compiler gives
				// them (formatNamed).
				if st.named == nil {
					st.named = map[string]func(reflect.Value) string{}
				}
				// This cell's method replaces an earlier cell's; fmt
				// prefers Error to String.
				if key := "main." + typ; !fresh[key] || method == "Error" {
					st.named[key] = func(v reflect.Value) string { return fn.Call([]reflect.Value{v})[0].String() }
					fresh[key] = true
				}
			}
			if base.Kind() == reflect.Struct && base.Name() == "" && !st.shared[base] {
				if st.methods == nil {
					st.methods = map[reflect.Type]func(reflect.Value) string{}
				}
				call := func(v reflect.Value) string { return fn.Call([]reflect.Value{v})[0].String() }
				if _, has := st.methods[t]; !has || method == "Error" { // fmt prefers Error
					st.methods[t] = call
				}
				if method == "Error" {
					if st.errs == nil {
						st.errs = map[reflect.Type]func(reflect.Value) string{}
					}
					st.errs[t] = call
				}
				st.of = nil // a type seen before may hold this one
			}
			st.mu.Unlock()
		}
	}
}

// learnPrinter makes the entry of the Format (Go's Format(fmt.State, rune))
// or GoString method of the cells' type typ that src declares: fmt uses
// them for the type's values, and reflect sees no methods on them.
func (st *stringers) learnPrinter(in *interp.Interpreter, typ, method, src string, rename func(string) string) {
	fd := methodDecl(src)
	if fd == nil {
		return
	}
	ps, rs := cell.FieldTypes(fd.Type.Params), cell.FieldTypes(fd.Type.Results)
	call := ""
	switch {
	case method == "Format" && len(ps) == 2 && len(rs) == 0 && types.ExprString(ps[0]) == "fmt.State" && types.ExprString(ps[1]) == "rune":
		call = "func(v %s, s _fountain_fmt.State, c rune) { v.Format(s, c) }"
	case method == "GoString" && len(ps) == 0 && len(rs) == 1 && types.ExprString(rs[0]) == "string":
		call = "func(v %s) string { return v.GoString() }"
	default:
		return
	}
	ptr, ok := receiver(src)
	if !ok {
		return
	}
	for _, r := range receiverTypes(rename(typ), ptr) {
		fn, ok := methodEntry(in, &st.n, fmt.Sprintf(call, r))
		if !ok {
			continue
		}
		t := fn.Type().In(0)
		var p printer
		if method == "Format" {
			p.format = func(v reflect.Value, s fmt.State, verb rune) {
				fn.Call([]reflect.Value{v, reflect.ValueOf(&s).Elem(), reflect.ValueOf(verb)})
			}
		} else {
			p.goString = func(v reflect.Value) string { return fn.Call([]reflect.Value{v})[0].String() }
		}
		st.mu.Lock()
		base := t
		if base.Kind() == reflect.Pointer {
			base = base.Elem()
		}
		if base.Kind() == reflect.Struct {
			if st.printers == nil {
				st.printers = map[reflect.Type]printer{}
			}
			st.printers[t] = mergePrinter(st.printers[t], p)
		} else if t.Kind() != reflect.Pointer {
			if st.namedPrinters == nil {
				st.namedPrinters = map[string]printer{}
			}
			st.namedPrinters["main."+typ] = mergePrinter(st.namedPrinters["main."+typ], p)
		}
		st.of = nil // a type seen before may hold this one
		st.mu.Unlock()
	}
}

func mergePrinter(a, b printer) printer {
	if b.format != nil {
		a.format = b.format
	}
	if b.goString != nil {
		a.goString = b.goString
	}
	return a
}

// printerFormatter formats a value with its type's Format method, or with
// its GoString for %#v (then as fmt would, without it, for other verbs).
type printerFormatter struct {
	v   reflect.Value
	p   printer
	str func(reflect.Value) string // its String or Error, if any
}

// Format implements fmt.Formatter, as fmt orders the methods: Format,
// then GoString for %#v, then String or Error for the verbs that use it.
func (f printerFormatter) Format(s fmt.State, verb rune) {
	switch {
	case f.p.format != nil:
		f.p.format(f.v, s, verb)
	case verb == 'v' && s.Flag('#'):
		if f.p.goString != nil {
			io.WriteString(s, f.p.goString(f.v))
			return
		}
		fmt.Fprintf(s, "%#v", f.v.Interface())
	case f.str != nil && strings.ContainsRune("vsqxX", verb):
		fmt.Fprintf(s, fmt.FormatString(s, verb), f.str(f.v))
	default:
		fmt.Fprintf(s, fmt.FormatString(s, verb), f.v.Interface())
	}
}

// learnInstances makes the String or Error method entries of the instances
// of the cells' generic types the cell prints (cell.Program.Instances,
// such as main.Pair[string, int]), by the name the cell compiler gives
// them: reflect cannot tell an instance by its struct, and learn makes
// entries for declared types only. source returns a declaration's source
// ("Pair.String").
func (st *stringers) learnInstances(in *interp.Interpreter, names []string, source func(string) string, rename func(string) string) {
	for _, name := range names {
		// The type as the interpreter names it now (Pair__2[string, int]).
		typ := mainNameRE.ReplaceAllStringFunc(name, func(m string) string { return rename(strings.TrimPrefix(m, "main.")) })
		st.mu.RLock()
		known := st.instanceAs[name] == typ
		st.mu.RUnlock()
		x, err := parser.ParseExpr(name)
		if known || err != nil {
			continue
		}
		base, _ := instanceBase(x)
		method := ""
		for _, m := range []string{"Error", "String"} { // fmt prefers Error
			if genericStringMethod(source(base + "." + m)) {
				method = m
				break
			}
		}
		if method == "" {
			continue
		}
		fn, ok := methodEntry(in, &st.n, fmt.Sprintf("func(v %s) string { return v.%s() }", typ, method))
		if !ok {
			continue
		}
		param := fn.Type().In(0)
		st.mu.Lock()
		if st.named == nil {
			st.named = map[string]func(reflect.Value) string{}
			st.instanceAs = map[string]string{}
		}
		st.instanceAs[name] = typ
		st.named[name] = func(v reflect.Value) string {
			if v.Type() != param {
				// An instance yaegi made apart (see cell.multiInstance).
				return fmt.Sprint(v.Interface())
			}
			return fn.Call([]reflect.Value{v})[0].String()
		}
		st.mu.Unlock()
	}
}

var mainNameRE = regexp.MustCompile(`\bmain\.[A-Za-z_][A-Za-z0-9_]*`)

// genericStringMethod reports whether src declares a String or Error
// method of value receiver on a generic type.
func genericStringMethod(src string) bool {
	fd := methodDecl(src)
	if fd == nil || fd.Type.Params.NumFields() != 0 || fd.Type.Results.NumFields() != 1 {
		return false
	}
	if res, isIdent := fd.Type.Results.List[0].Type.(*ast.Ident); !isIdent || res.Name != "string" {
		return false
	}
	switch fd.Recv.List[0].Type.(type) {
	case *ast.IndexExpr, *ast.IndexListExpr:
		return true
	}
	return false
}

// instanceBase returns the generic type of instance x (main.Pair of
// main.Pair[string, int]), without "main.", and whether x is one.
func instanceBase(x ast.Expr) (string, bool) {
	var base ast.Expr
	switch x := x.(type) {
	case *ast.IndexExpr:
		base = x.X
	case *ast.IndexListExpr:
		base = x.X
	default:
		return "", false
	}
	sel, ok := base.(*ast.SelectorExpr)
	if !ok {
		return "", false
	}
	return sel.Sel.Name, true
}

// receiverTypes lists what a method of the cells' type name (its internal
// name) of that receiver can be called on: a pointer to it, and the value
// too for a value receiver.
func receiverTypes(name string, ptr bool) []string {
	if ptr {
		return []string{"*" + name}
	}
	return []string{"*" + name, name}
}

// methodEntry makes literal, a func literal of one or more parameters
// calling a method of the cells (the first parameter its receiver), into
// a func compiled code can call: it is set to a variable of its own (a
// variable's func value is callable from Go, a literal's own is not). n
// numbers the variables.
func methodEntry(in *interp.Interpreter, n *int, literal string) (reflect.Value, bool) {
	*n++
	v := fmt.Sprintf("_fountain_entry%d", *n)
	if _, err := safeEval(in, v+" := "+literal); err != nil {
		return reflect.Value{}, false
	}
	fn, err := safeEval(in, v)
	if err != nil || fn.Kind() != reflect.Func || fn.Type().NumIn() < 1 {
		return reflect.Value{}, false
	}
	return fn, true
}

// safeEval is in.Eval, with a panic of yaegi's compiler as an error.
func safeEval(in *interp.Interpreter, src string) (v reflect.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	return in.Eval(src)
}

// own notes that the cells' type name is the struct type t; if another of
// their types is too, t's values cannot be told apart and get no entries.
func (st *stringers) own(t reflect.Type, name string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.owner == nil {
		st.owner, st.shared = map[reflect.Type]string{}, map[reflect.Type]bool{}
	}
	if o, ok := st.owner[t]; ok && o != name {
		st.shared[t] = true
		delete(st.methods, t)
		delete(st.methods, reflect.PointerTo(t))
		st.of = nil
		return
	}
	if o, ok := st.owner[t]; ok && o == name {
		// Redefined with the same structure: its methods are new.
		delete(st.methods, t)
		delete(st.methods, reflect.PointerTo(t))
		st.of = nil
	}
	st.owner[t] = name
}

// stringMethod reports whether src declares a method "String() string" or
// "Error() string" of a non-generic type, and whether its receiver is a
// pointer.
func stringMethod(src string) (ptr, ok bool) {
	fd := methodDecl(src)
	if fd == nil || fd.Type.Params.NumFields() != 0 || fd.Type.Results.NumFields() != 1 {
		return false, false
	}
	if res, isIdent := fd.Type.Results.List[0].Type.(*ast.Ident); !isIdent || res.Name != "string" {
		return false, false
	}
	recv := fd.Recv.List[0].Type
	if star, isPtr := recv.(*ast.StarExpr); isPtr {
		ptr, recv = true, star.X
	}
	_, plain := recv.(*ast.Ident)
	return ptr, plain
}

// method returns the String or Error method of values of type t.
func (st *stringers) method(t reflect.Type) func(reflect.Value) string {
	st.mu.RLock()
	defer st.mu.RUnlock()
	return st.methods[t]
}

// holds reports whether values of type t are, or hold as elements, values
// with a method, or of the cells' interface types.
func (st *stringers) holds(t reflect.Type) bool {
	st.mu.RLock()
	h, known := st.of[t]
	st.mu.RUnlock()
	if known {
		return h
	}
	h = st.method(t) != nil || isValueInterface(t)
	if !h {
		switch t.Kind() {
		case reflect.Slice, reflect.Array, reflect.Map:
			h = st.holds(t.Elem())
		case reflect.Interface:
			h = true // the values it holds tell
		case reflect.Struct:
			if t.Name() != "" {
				break // compiled code's: its own methods, or yaegi's wrappers
			}
			st.mu.Lock()
			if st.of == nil {
				st.of = map[reflect.Type]bool{}
			}
			st.of[t] = false // until known: a type can hold itself
			st.mu.Unlock()
			if _, ok := st.promotedPrinter(reflect.New(t).Elem()); ok {
				h = true
			}
			for i := range t.NumField() {
				// fmt uses the methods of exported fields' values only.
				if _, renamed := fieldName(t.Field(i)); !renamed && t.Field(i).IsExported() && st.holds(t.Field(i).Type) {
					h = true
					break
				}
			}
		}
	}
	st.mu.Lock()
	if st.of == nil {
		st.of = map[reflect.Type]bool{}
	}
	st.of[t] = h
	st.mu.Unlock()
	return h
}

// format returns a value that formats as v would in Go: values with
// methods become formatters, slices, arrays and maps of them ones of
// formatters. It reports whether it made one.
func (st *stringers) format(v any) (any, bool) {
	if ta, ok := v.(typedArg); ok {
		return st.formatNamed(reflect.ValueOf(ta.v), ta.name), true
	}
	rv := reflect.ValueOf(v)
	if !rv.IsValid() || !st.holds(rv.Type()) {
		return v, false
	}
	return st.formatValue(rv), true
}

func (st *stringers) formatValue(rv reflect.Value) any {
	if isValueInterface(rv.Type()) {
		// An element of a slice or map of a cell's interface type: yaegi's
		// wrapper, whose fields fmt would print.
		rv = reflect.ValueOf(unwrap(rv))
		if !rv.IsValid() {
			return nil
		}
	}
	if rv.Kind() == reflect.Interface {
		if rv.IsNil() {
			return nil
		}
		// A cell's value in an interface is in yaegi's wrapper.
		rv = reflect.ValueOf(unwrap(rv.Elem()))
		if !rv.IsValid() {
			return nil
		}
	}
	st.mu.RLock()
	p, prints := st.printers[rv.Type()]
	st.mu.RUnlock()
	if prints && !(rv.Kind() == reflect.Pointer && rv.IsNil()) {
		return printerFormatter{rv, p, st.method(rv.Type())}
	}
	if m := st.method(rv.Type()); m != nil {
		if rv.Kind() == reflect.Pointer && rv.IsNil() {
			return rv.Interface() // fmt prints <nil> for a nil pointer receiver
		}
		return formatter{rv, m}
	}
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		if rv.Kind() == reflect.Slice && rv.IsNil() {
			return rv.Interface()
		}
		out := make([]any, rv.Len())
		for i := range out {
			out[i] = st.formatValue(rv.Index(i))
		}
		return out
	case reflect.Map:
		if rv.IsNil() {
			return rv.Interface()
		}
		// Keys stay as they are (formatters cannot be keys); fmt sorts
		// them the same.
		out := reflect.MakeMapWithSize(reflect.MapOf(rv.Type().Key(), reflect.TypeFor[any]()), rv.Len())
		for it := rv.MapRange(); it.Next(); {
			out.SetMapIndex(it.Key(), reflect.ValueOf(st.formatValue(it.Value())))
		}
		return out.Interface()
	case reflect.Struct:
		if f, ok := st.promotedPrinter(rv); ok {
			return f
		}
		if rv.Type().Name() == "" && st.holds(rv.Type()) { // a cell's, with such fields
			return structFormatter{st, rv}
		}
	}
	return rv.Interface()
}

// promotedPrinter returns a formatter for a struct of the cells' that
// embeds a compiled type with an Error or String method (time.Time), which
// the struct then has too, as in Go. (Such a struct yaegi cannot hand to
// fmt itself: see cell.fmtTypes.)
func (st *stringers) promotedPrinter(rv reflect.Value) (formatter, bool) {
	if rv.Type().Name() != "" {
		return formatter{}, false
	}
	st.mu.RLock()
	name, owned := st.owner[rv.Type()]
	embeds := st.compiled[name]
	shared := st.shared[rv.Type()]
	st.mu.RUnlock()
	if !owned || shared || len(embeds) == 0 {
		return formatter{}, false
	}
	for _, iface := range []reflect.Type{reflect.TypeFor[error](), reflect.TypeFor[fmt.Stringer]()} {
		found := -1
		for _, i := range embeds {
			if i >= rv.NumField() {
				return formatter{}, false
			}
			if f := rv.Type().Field(i); f.Type.Implements(iface) {
				if found >= 0 {
					return formatter{}, false // ambiguous: promoted by neither
				}
				found = i
			}
		}
		if found >= 0 && rv.Field(found).CanInterface() {
			field := rv.Field(found)
			return formatter{field, func(v reflect.Value) string {
				if e, ok := v.Interface().(error); ok {
					return e.Error()
				}
				return v.Interface().(fmt.Stringer).String()
			}}, true
		}
	}
	return formatter{}, false
}

// typeExprs memoizes typeExpr: a type name the cell compiler gives an
// argument (cell.HelperTyped) comes again each time its print or json call
// runs, in a loop maybe, and parsing it cost a tenth of the call.
var typeExprs sync.Map // string -> ast.Expr, read only once stored

// typeExpr returns the parsed type text t.
func typeExpr(t string) (ast.Expr, error) {
	if e, ok := typeExprs.Load(t); ok {
		return e.(ast.Expr), nil
	}
	e, err := parser.ParseExpr(t)
	if err != nil {
		return nil, err
	}
	typeExprs.Store(t, e)
	return e, nil
}

// formatNamed is formatValue for a value whose type the cell compiler
// names (see cell.fmtTypes): elements of the cells' types that are not
// structs format with their String or Error methods, found by the type's
// name (reflect has only the underlying type).
func (st *stringers) formatNamed(rv reflect.Value, name string) any {
	t, err := typeExpr(name)
	if err != nil || !rv.IsValid() {
		return st.formatValue(rv)
	}
	return st.formatTyped(rv, t)
}

func (st *stringers) formatTyped(rv reflect.Value, t ast.Expr) any {
	switch t := t.(type) {
	case *ast.IndexExpr, *ast.IndexListExpr:
		// An instance of a generic type (see learnInstances).
		st.mu.RLock()
		m := st.named[types.ExprString(t)]
		st.mu.RUnlock()
		if m != nil {
			return formatter{rv, m}
		}
	case *ast.SelectorExpr:
		st.mu.RLock()
		m := st.named[types.ExprString(t)]
		fields := st.fieldTypes[types.ExprString(t)]
		p, prints := st.namedPrinters[types.ExprString(t)]
		st.mu.RUnlock()
		if prints {
			return printerFormatter{rv, p, m}
		}
		if m != nil {
			return formatter{rv, m}
		}
		if rv.Kind() == reflect.Struct && rv.NumField() == len(fields) {
			st.mu.RLock()
			_, prints := st.methods[rv.Type()] // its own String or Error
			st.mu.RUnlock()
			if !prints {
				return typedStruct{st, rv, fields}
			}
		}
	case *ast.StarExpr:
		// A pointer has its element's methods.
		if sel, ok := t.X.(*ast.SelectorExpr); ok && rv.Kind() == reflect.Pointer && !rv.IsNil() {
			st.mu.RLock()
			m := st.named[types.ExprString(sel)]
			st.mu.RUnlock()
			if m != nil {
				return formatter{rv.Elem(), m}
			}
		}
	case *ast.ArrayType:
		if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array || rv.Kind() == reflect.Slice && rv.IsNil() {
			break
		}
		out := make([]any, rv.Len())
		for i := range out {
			out[i] = st.formatTyped(rv.Index(i), t.Elt)
		}
		return out
	case *ast.MapType:
		if rv.Kind() != reflect.Map || rv.IsNil() {
			break
		}
		if sel, ok := t.Key.(*ast.SelectorExpr); ok {
			st.mu.RLock()
			m := st.named[types.ExprString(sel)]
			st.mu.RUnlock()
			if m != nil {
				if f, ok := st.keyedMap(rv, m, t.Value); ok {
					return f
				}
			}
		}
		// Keys stay as they are, as in formatValue.
		out := reflect.MakeMapWithSize(reflect.MapOf(rv.Type().Key(), reflect.TypeFor[any]()), rv.Len())
		for it := rv.MapRange(); it.Next(); {
			out.SetMapIndex(it.Key(), reflect.ValueOf(st.formatTyped(it.Value(), t.Value)))
		}
		return out.Interface()
	}
	return st.formatValue(rv)
}

// mapFormatter formats a map whose keys format themselves (a map keyed by
// a cell's enum with String): fmt cannot take formatters as keys.
type mapFormatter struct {
	keys, values []any
}

// Format implements fmt.Formatter, as fmt prints a map: its entries in key
// order, each key and value with the map's verb.
func (f mapFormatter) Format(s fmt.State, verb rune) {
	format := fmt.FormatString(s, verb)
	io.WriteString(s, "map[")
	for i := range f.keys {
		if i > 0 {
			io.WriteString(s, " ")
		}
		fmt.Fprintf(s, format, f.keys[i])
		io.WriteString(s, ":")
		fmt.Fprintf(s, format, f.values[i])
	}
	io.WriteString(s, "]")
}

// keyedMap returns rv, a map keyed by a cell type whose String or Error
// method is m, as a mapFormatter, its values formatted as declared (elem),
// its keys in the order fmt sorts them in; false for keys fmt would sort
// in a way this does not (not numbers, strings or bools).
func (st *stringers) keyedMap(rv reflect.Value, m func(reflect.Value) string, elem ast.Expr) (any, bool) {
	keys := rv.MapKeys()
	var less func(a, b reflect.Value) bool
	switch k := rv.Type().Key().Kind(); {
	case k >= reflect.Int && k <= reflect.Int64:
		less = func(a, b reflect.Value) bool { return a.Int() < b.Int() }
	case k >= reflect.Uint && k <= reflect.Uintptr:
		less = func(a, b reflect.Value) bool { return a.Uint() < b.Uint() }
	case k == reflect.String:
		less = func(a, b reflect.Value) bool { return a.String() < b.String() }
	case k == reflect.Float32 || k == reflect.Float64:
		less = func(a, b reflect.Value) bool { return a.Float() < b.Float() }
	case k == reflect.Bool:
		less = func(a, b reflect.Value) bool { return !a.Bool() && b.Bool() }
	default:
		return nil, false
	}
	sort.Slice(keys, func(i, j int) bool { return less(keys[i], keys[j]) })
	f := mapFormatter{keys: make([]any, len(keys)), values: make([]any, len(keys))}
	for i, k := range keys {
		f.keys[i] = formatter{k, m}
		f.values[i] = st.formatTyped(rv.MapIndex(k), elem)
	}
	return f, true
}

// structFieldTypes returns the types of the fields of the struct type name
// that src declares, one per field, the cells' types among them written
// main.T; false if it declares none.
func structFieldTypes(src, name string) ([]ast.Expr, bool) {
	if !strings.HasPrefix(src, "type ") {
		return nil, false
	}
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p;"+src, parser.SkipObjectResolution)
	if err != nil {
		return nil, false
	}
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok {
			continue
		}
		for _, sp := range gd.Specs {
			ts, ok := sp.(*ast.TypeSpec)
			if !ok || ts.Name.Name != name || ts.TypeParams != nil {
				continue
			}
			stt, ok := ts.Type.(*ast.StructType)
			if !ok {
				return nil, false
			}
			var out []ast.Expr
			for _, fl := range stt.Fields.List {
				if len(fl.Names) == 0 {
					// An embedded type's methods may be the struct's
					// (promotedPrinter's case).
					return nil, false
				}
				t := qualifyCells(fl.Type)
				for range fl.Names {
					out = append(out, t)
				}
			}
			return out, true
		}
	}
	return nil, false
}

// qualifyCells writes the names in type t that are not predeclared as the
// main package's (T as main.T), as the cell compiler names the cells'
// types for formatNamed.
func qualifyCells(t ast.Expr) ast.Expr {
	switch t := t.(type) {
	case *ast.Ident:
		if types.Universe.Lookup(t.Name) != nil {
			return t
		}
		return &ast.SelectorExpr{X: ast.NewIdent("main"), Sel: ast.NewIdent(t.Name)}
	case *ast.StarExpr:
		return &ast.StarExpr{X: qualifyCells(t.X)}
	case *ast.ArrayType:
		return &ast.ArrayType{Len: t.Len, Elt: qualifyCells(t.Elt)}
	case *ast.MapType:
		return &ast.MapType{Key: qualifyCells(t.Key), Value: qualifyCells(t.Value)}
	}
	return t // a package's type, or one formatTyped does not look into
}

// typedStruct formats a struct of the cells for %v, %+v and %s as fmt
// would, its fields by their declared types (a field of a type with String
// that is not a struct is its underlying type to reflect).
type typedStruct struct {
	st     *stringers
	v      reflect.Value
	fields []ast.Expr
}

// Format implements fmt.Formatter.
func (f typedStruct) Format(s fmt.State, verb rune) {
	if verb != 'v' && verb != 's' || s.Flag('#') {
		fmt.Fprintf(s, fmt.FormatString(s, verb), f.st.formatValue(f.v))
		return
	}
	format := fmt.FormatString(s, verb)
	io.WriteString(s, "{")
	for i := range f.v.NumField() {
		if i > 0 {
			io.WriteString(s, " ")
		}
		name, unexported := fieldName(f.v.Type().Field(i))
		if s.Flag('+') {
			io.WriteString(s, name+":")
		}
		field := f.v.Field(i)
		if !field.CanInterface() {
			fmt.Fprintf(s, format, field)
			continue
		}
		if unexported {
			// fmt calls no method of an unexported field's value, as
			// structFormatter.
			fmt.Fprintf(s, format, field.Interface())
			continue
		}
		v := f.st.formatTyped(field, f.fields[i])
		if _, formats := v.(fmt.Formatter); !formats && field.Kind() == reflect.Pointer && !field.IsNil() {
			// fmt prints a pointer below the top level as its address.
			fmt.Fprintf(s, "%p", field.Interface())
			continue
		}
		fmt.Fprintf(s, format, v)
	}
	io.WriteString(s, "}")
}

// structFormatter formats a struct for %v as fmt would with its fields'
// String and Error methods.
type structFormatter struct {
	st *stringers
	v  reflect.Value
}

// Format implements fmt.Formatter.
func (f structFormatter) Format(s fmt.State, verb rune) {
	if verb != 'v' && verb != 's' || s.Flag('#') || s.Flag('+') {
		fmt.Fprintf(s, fmt.FormatString(s, verb), f.v.Interface())
		return
	}
	io.WriteString(s, "{")
	for i := range f.v.NumField() {
		if i > 0 {
			io.WriteString(s, " ")
		}
		field := f.v.Field(i)
		if _, renamed := fieldName(f.v.Type().Field(i)); renamed {
			fmt.Fprint(s, field.Interface())
			continue
		}
		fmt.Fprint(s, f.st.formatValue(field))
	}
	io.WriteString(s, "}")
}

// isWrapper reports yaegi's wrapper types of compiled interfaces: a struct
// of the value (IValue) and a func field for each method.
func isWrapper(t reflect.Type) bool {
	if t == nil || t.Kind() != reflect.Struct || t.NumField() < 2 || t.Field(0).Name != "IValue" {
		return false
	}
	for i := 1; i < t.NumField(); i++ {
		if f := t.Field(i); f.Type.Kind() != reflect.Func || !strings.HasPrefix(f.Name, "W") {
			return false
		}
	}
	return true
}

// isValueInterface reports yaegi's type for the values of the cells'
// interface types.
func isValueInterface(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && t.Name() == "valueInterface" && t.PkgPath() == "github.com/traefik/yaegi/interp"
}

// formatter formats a value with its String or Error method for the verbs
// fmt uses them for, and as the plain value for the others.
type formatter struct {
	v      reflect.Value
	method func(reflect.Value) string
}

// Format implements fmt.Formatter.
func (f formatter) Format(s fmt.State, verb rune) {
	switch {
	case verb == 'v' && s.Flag('#'), !strings.ContainsRune("vsqxX", verb):
		v := f.v
		if isWrapper(v.Type()) {
			// The value yaegi keeps in its wrapper (an argument that a
			// %v and a %d both use: fmt.Printf("%[1]v %[1]d", s)).
			if in := yaegiInner(v); in.IsValid() && in.CanInterface() {
				v = in
			}
		}
		fmt.Fprintf(s, fmt.FormatString(s, verb), v.Interface())
	default:
		fmt.Fprintf(s, fmt.FormatString(s, verb), f.method(f.v))
	}
}

// args returns fmt's arguments with format applied to each.
func (st *stringers) args(a []any) []any {
	out, copied := a, false
	for i, v := range a {
		if w, made := st.format(v); made {
			if !copied {
				out, copied = append([]any(nil), a...), true
			}
			out[i] = w
		}
	}
	return out
}

// formatArgs is args for a format string: only the arguments of verbs
// that use String or Error are formatted (not %T, %d or %w).
func (st *stringers) formatArgs(format string, a []any) (string, []any) {
	verbs, at, ok := cell.ArgVerbs(format, len(a))
	if !ok {
		return format, a
	}
	out, copied := a, false
	var f []byte // format, if a %T becomes a %s
	for i, v := range a {
		var w any
		made := false
		if !strings.ContainsRune("vsqxX+T w", verbs[i]) {
			// A verb that does not use String or Error: the value itself,
			// not yaegi's wrapper of it (see handedOver).
			if hv, ok := handedOver(v); ok {
				v, w, made = hv, hv, true
			}
		}
		switch {
		case (verbs[i] == '+' || verbs[i] == '#') && isTyped(v):
			w, made = st.format(v) // by its type's name, field names shown
		case verbs[i] == '+' || verbs[i] == '#':
			if fw, ok := st.fields(v, verbs[i] == '#'); ok {
				w, made = fw, true
			}
		case strings.ContainsRune("vsqxX", verbs[i]):
			w, made = st.format(v)
			_, isErr := v.(error)
			_, formats := v.(fmt.Formatter)
			if sv, ok := v.(fmt.Stringer); ok && !made && !isErr && !formats && isWrapper(reflect.TypeOf(v)) {
				// yaegi's wrapper, with the method: another verb on the
				// same argument (%[1]v %[1]d) gets the value it keeps.
				w, made = formatter{reflect.ValueOf(v), func(reflect.Value) string { return sv.String() }}, true
			}
		case verbs[i] != 'T' && isTyped(v):
			// Another verb of a type with a Format method (cell's fmtTypes).
			w, made = st.format(v)
		case verbs[i] != ' ' && verbs[i] != 'w' && isWrapper(reflect.TypeOf(v)):
			// yaegi hands fmt a value with a String or Error method in a
			// wrapper struct, whose fields a verb that does not use the
			// method printed ("%d" of a named int gave {1 0x5409c0}): the
			// value yaegi keeps in it instead, the value itself for a named
			// basic type (an enum). (A struct's, which yaegi does not keep,
			// its method handed over above.)
			if inner := yaegiInner(reflect.ValueOf(v)); inner.IsValid() && inner.CanInterface() {
				w, made = inner.Interface(), true
			}
		case verbs[i] == 'T':
			if rv := reflect.ValueOf(v); rv.IsValid() && isValueInterface(rv.Type()) && unwrap(rv) == nil {
				// A nil value of one of the cells' interface types
				// (a type switch's variable where no case matched).
				w, made = nil, true
				break
			}
			// The cell's name for its type, not reflect's structure nor
			// the underlying type (see cell's fmtTypes).
			name := ""
			if ta, ok := v.(typedArg); ok {
				name = ta.name
			} else if name = (fieldFormatter{st: st}).typeName(reflect.TypeOf(unwrap(reflect.ValueOf(v)))); !strings.Contains(name, "main.") {
				name = heldTypeName(reflect.ValueOf(v))
			}
			if strings.Contains(name, "main.") {
				if f == nil {
					f = []byte(format)
				}
				f[at[i]] = 's'
				w, made = runtimeTypeName(name), true
			}
		}
		if made {
			if !copied {
				out, copied = append([]any(nil), a...), true
			}
			out[i] = w
		}
	}
	if f != nil {
		format = string(f)
	}
	return format, out
}

func isTyped(v any) bool {
	_, ok := v.(typedArg)
	return ok
}

// fmtSymbols returns fmt's printing functions as cells see them, writing
// to w (the cell's output), with st's formatting applied to their
// arguments, and the interface wrappers yaegi gives those of fmt's own;
// and log's, made from yaegiLog (see logSymbols).
func fmtSymbols(st *stringers, w io.Writer, yaegiLog map[string]reflect.Value) (interp.Exports, map[reflect.Value][]reflect.Type) {
	syms := map[string]reflect.Value{
		"Print":    reflect.ValueOf(func(a ...any) (int, error) { return fmt.Fprint(w, st.args(a)...) }),
		"Println":  reflect.ValueOf(func(a ...any) (int, error) { return fmt.Fprintln(w, st.args(a)...) }),
		"Printf":   reflect.ValueOf(func(f string, a ...any) (int, error) { f, a = st.formatArgs(f, a); return fmt.Fprintf(w, f, a...) }),
		"Sprint":   reflect.ValueOf(func(a ...any) string { return fmt.Sprint(st.args(a)...) }),
		"Sprintln": reflect.ValueOf(func(a ...any) string { return fmt.Sprintln(st.args(a)...) }),
		"Sprintf":  reflect.ValueOf(func(f string, a ...any) string { f, a = st.formatArgs(f, a); return fmt.Sprintf(f, a...) }),
		"Fprint":   reflect.ValueOf(func(w io.Writer, a ...any) (int, error) { return fmt.Fprint(w, st.args(a)...) }),
		"Fprintln": reflect.ValueOf(func(w io.Writer, a ...any) (int, error) { return fmt.Fprintln(w, st.args(a)...) }),
		"Fprintf": reflect.ValueOf(func(w io.Writer, f string, a ...any) (int, error) {
			f, a = st.formatArgs(f, a)
			return fmt.Fprintf(w, f, a...)
		}),
		"Errorf": reflect.ValueOf(func(f string, a ...any) error { f, a = st.formatArgs(f, a); return fmt.Errorf(f, a...) }),
	}
	wrappers := map[reflect.Value][]reflect.Type{}
	for name, v := range syms {
		wrappers[v] = stdlib.MapTypes[stdlib.Symbols["fmt/fmt"][name]]
	}
	logSyms := logSymbols(st, yaegiLog)
	for name, v := range logSyms {
		wrappers[v] = stdlib.MapTypes[stdlib.Symbols["log/log"][name]]
	}
	maps.Copy(logSyms, loggerSymbols(st))
	// "fmt/<not fmt>" replaces members of fmt without yaegi setting fmt
	// up again (which "fmt/fmt" would); the same for log.
	return interp.Exports{"fmt/fountainfmt": syms, "log/fountainlog": logSyms}, wrappers
}

// funcOf returns the func v holds, if it is an F.
func funcOf[F any](v reflect.Value) (F, bool) {
	var f F
	if !v.IsValid() || !v.CanInterface() {
		return f, false
	}
	f, ok := v.Interface().(F)
	return f, ok
}

// logSymbols returns log's print functions as cells see them: yaegi's own
// (yaegi, which print with a logger of its own that log.SetOutput and
// log.SetFlags set up), with st's formatting applied to their arguments.
func logSymbols(st *stringers, yaegi map[string]reflect.Value) map[string]reflect.Value {
	out := map[string]reflect.Value{}
	for _, name := range []string{"Print", "Println", "Fatal", "Fatalln", "Panic", "Panicln"} {
		if f, ok := funcOf[func(...any)](yaegi[name]); ok {
			out[name] = reflect.ValueOf(func(a ...any) { f(st.args(a)...) })
		}
	}
	for _, name := range []string{"Printf", "Fatalf", "Panicf"} {
		if f, ok := funcOf[func(string, ...any)](yaegi[name]); ok {
			out[name] = reflect.ValueOf(func(format string, a ...any) { format, a = st.formatArgs(format, a); f(format, a...) })
		}
	}
	return out
}

// fields returns a value that formats as v would in Go for %+v (or %#v
// with sharp), if v is or holds structs of the cells: yaegi gives their
// unexported fields other names ("a" is "Xa"; see cell.hideUnexported), and
// %#v shows their types by name.
func (st *stringers) fields(v any, sharp bool) (any, bool) {
	rv := reflect.ValueOf(v)
	if !rv.IsValid() || !cellStructs(rv.Type(), 0) && !(sharp && st.ownsStructs(rv.Type(), 0)) {
		return v, false
	}
	return fieldFormatter{st, rv, sharp}, true
}

// ownsStructs reports whether values of t are or hold (as elements or
// fields) structs of the cells' types, which %#v names (reflect has no
// name for them).
func (st *stringers) ownsStructs(t reflect.Type, depth int) bool {
	if depth > 8 {
		return false
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
		return st.ownsStructs(t.Elem(), depth+1)
	case reflect.Struct:
		st.mu.RLock()
		_, owned := st.owner[t]
		st.mu.RUnlock()
		if owned {
			return true
		}
		for i := range t.NumField() {
			if st.ownsStructs(t.Field(i).Type, depth+1) {
				return true
			}
		}
	}
	return false
}

// cellStructs reports whether values of t are or hold (as elements or
// fields) structs of the cells' with renamed fields.
func cellStructs(t reflect.Type, depth int) bool {
	if depth > 8 {
		return false
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
		return cellStructs(t.Elem(), depth+1)
	case reflect.Struct:
		for i := range t.NumField() {
			if name, renamed := fieldName(t.Field(i)); renamed || name != t.Field(i).Name || cellStructs(t.Field(i).Type, depth+1) {
				return true
			}
		}
	}
	return false
}

// versionedRE matches the name of a type's version (see Session.Rename).
var versionedRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*?__\d+$`)

// fieldName returns the name a struct field has in the cell, and whether
// yaegi renamed it (an unexported field). An embedded field of a type a
// later cell declared again is named for the type's version (Base__2);
// its name in the cell is the type's (Base).
func fieldName(f reflect.StructField) (string, bool) {
	if strings.HasPrefix(f.Name, "X") && f.Tag.Get("frame") == "-" && f.Tag.Get("json") == "-" && f.Tag.Get("xml") == "-" {
		return f.Name[1:], true
	}
	if strings.Contains(f.Name, "__") && versionedRE.MatchString(f.Name) {
		// (yaegi does not mark embedded fields Anonymous.)
		return demangle(f.Name), false
	}
	return f.Name, false
}

// fieldFormatter formats a value for %+v or %#v with the cells' names.
type fieldFormatter struct {
	st    *stringers
	v     reflect.Value
	sharp bool
}

// Format implements fmt.Formatter.
func (f fieldFormatter) Format(s fmt.State, verb rune) {
	io.WriteString(s, f.text(f.v, 0))
}

// text writes v as %+v (or %#v) would, with the cells' field and type names.
func (f fieldFormatter) text(v reflect.Value, depth int) string {
	verb := "%+v"
	if f.sharp {
		verb = "%#v"
	}
	if v.IsValid() && v.Kind() == reflect.Pointer && depth > 0 {
		// As fmt: a pointer inside a value is its address.
		switch {
		case f.sharp && v.IsNil():
			return fmt.Sprintf("(%s)(nil)", f.typeName(v.Type()))
		case f.sharp:
			return fmt.Sprintf("(%s)(%#x)", f.typeName(v.Type()), v.Pointer())
		case v.IsNil():
			return "<nil>"
		}
		return fmt.Sprintf("%#x", v.Pointer())
	}
	if !v.IsValid() || depth > 8 || !cellStructs(v.Type(), 0) && !(f.sharp && f.st.ownsStructs(v.Type(), 0)) {
		if v.IsValid() && v.CanInterface() {
			if w, made := f.st.format(v.Interface()); made && !f.sharp {
				return fmt.Sprintf(verb, w)
			}
			return fmt.Sprintf(verb, v.Interface())
		}
		return fmt.Sprintf(verb, nil)
	}
	var b strings.Builder
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return fmt.Sprintf(verb, v.Interface())
		}
		return "&" + f.text(v.Elem(), depth+1)
	case reflect.Slice, reflect.Array:
		if f.sharp {
			b.WriteString(f.typeName(v.Type()))
			b.WriteString("{")
		} else {
			b.WriteString("[")
		}
		for i := range v.Len() {
			if i > 0 {
				b.WriteString(map[bool]string{true: ", ", false: " "}[f.sharp])
			}
			b.WriteString(f.text(v.Index(i), depth+1))
		}
		b.WriteString(map[bool]string{true: "}", false: "]"}[f.sharp])
	case reflect.Map:
		// Rare for a struct of a cell: the map as fmt prints it, its values
		// with the cells' names.
		return fmt.Sprintf(verb, v.Interface())
	case reflect.Struct:
		if f.sharp {
			b.WriteString(f.typeName(v.Type()))
		}
		b.WriteString("{")
		for i := range v.NumField() {
			if i > 0 {
				b.WriteString(map[bool]string{true: ", ", false: " "}[f.sharp])
			}
			name, _ := fieldName(v.Type().Field(i))
			b.WriteString(name + ":" + f.text(v.Field(i), depth+1))
		}
		b.WriteString("}")
	}
	return b.String()
}

// typeName is how %#v names a type: a struct of the cells' by its name.
func (f fieldFormatter) typeName(t reflect.Type) string {
	if t == nil {
		return "<nil>"
	}
	switch t.Kind() {
	case reflect.Slice:
		return "[]" + f.typeName(t.Elem())
	case reflect.Array:
		return fmt.Sprintf("[%d]%s", t.Len(), f.typeName(t.Elem()))
	case reflect.Map:
		return "map[" + f.typeName(t.Key()) + "]" + f.typeName(t.Elem())
	case reflect.Pointer:
		return "*" + f.typeName(t.Elem())
	case reflect.Struct:
		if name, ok := f.st.ownerOf(t); ok {
			return "main." + name
		}
	}
	return t.String()
}

// runtimeTypeName writes a type's name as Go's runtime does: the type
// arguments of an instance without a space after their commas
// (main.Pair[string,int]), those of a func's parameters with one.
func runtimeTypeName(name string) string {
	var b strings.Builder
	var open []byte
	for i := 0; i < len(name); i++ {
		switch c := name[i]; c {
		case '[', '(', '{':
			open = append(open, c)
		case ']', ')', '}':
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		case ',':
			if len(open) > 0 && open[len(open)-1] == '[' && i+1 < len(name) && name[i+1] == ' ' {
				b.WriteByte(',')
				i++ // the space
				continue
			}
		}
		b.WriteByte(name[i])
	}
	return b.String()
}
