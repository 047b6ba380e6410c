package cell

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// fmtTypes gives fmt (and log) the types of its arguments where yaegi loses them: it
// hands compiled code a value of a cell's type that is not a struct (type
// MyInt int) as a value of the underlying type, and one held in a cell's
// interface too. So %T printed int, and the elements of a []Celsius, a
// map[string]IPAddr printed without their String methods (a single value
// goes in yaegi's wrapper, with them). An argument of %T whose type the
// source tells, and an argument printed with %v (or Print) of a slice,
// array or map type of such elements, goes with its type's name
// (HelperTyped). Any other argument of %T goes as an element of an array
// of any: one read from a variable or an element (not a call's result)
// reaches fmt as yaegi's interface value, which names the type it holds
// when that type has methods (the Tour of Go's describe(i I) prints
// "(3.14, main.F)").
func (c *compiler) fmtTypes(n *ast.CallExpr, off func(token.Pos) int) {
	path, fn, ok := c.packageMember(n.Fun)
	if !ok || n.Ellipsis.IsValid() {
		return
	}
	// The first argument printed, and whether a format comes before it.
	first, ok := printArgs[path][fn]
	formatted := strings.HasSuffix(fn, "f")
	if !ok || len(n.Args) <= first {
		return
	}
	args := n.Args[first:]
	verbs := []rune(strings.Repeat("v", len(args)))
	if formatted {
		lit, ok := n.Args[first-1].(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return
		}
		format, err := strconv.Unquote(lit.Value)
		if err != nil {
			return
		}
		if verbs, _, ok = ArgVerbs(format, len(args)); !ok {
			return
		}
	}
	for i, v := range verbs {
		a := args[i]
		if id, isIdent := a.(*ast.Ident); isIdent && id.Name == "nil" && id.Obj == nil {
			continue
		}
		if !strings.ContainsRune("TvsqxX+#", v) {
			// A Format method of the cells' formats every verb (%.1f of
			// a Mag float64): its type goes along too.
			if name, _ := c.staticType(a, off); name != "" && c.formatIn(name) {
				from, to := off(a.Pos()), off(a.End())
				c.edits = append(c.edits, edit{from, from, HelperTyped + "("}, edit{to, to, ", " + strconv.Quote(name) + ")"})
			}
			continue
		}
		from, to := off(a.Pos()), off(a.End())
		name, elems := c.staticType(a, off)
		if v == '#' {
			// %#v: only for a GoString of the cells (fmt names the
			// cells' structs already, see the evaluator's fields).
			elems = c.goStringIn(name)
		}
		switch {
		case v != 'T' && !elems:
		case name != "":
			c.edits = append(c.edits, edit{from, from, HelperTyped + "("}, edit{to, to, ", " + strconv.Quote(name) + ")"})
		case v == 'T':
			c.edits = append(c.edits, edit{from, from, "[1]interface{}{"}, edit{to, to, "}[0]"})
		}
	}
}

// jsonTypes gives encoding/json's Marshal, MarshalIndent and Unmarshal the
// type of the value they encode or decode into, where the source spells it
// and it holds one of the cells' types that has JSON or text methods
// (HelperTyped): reflect sees only the underlying type of a value of a
// type that is not a struct (map[Color]int is a map[int]int), and the
// evaluator's json finds the methods by the type's name.
func (c *compiler) jsonTypes(n *ast.CallExpr, off func(token.Pos) int) {
	path, fn, ok := c.packageMember(n.Fun)
	if !ok || n.Ellipsis.IsValid() || path != "encoding/json" {
		return
	}
	at, ok := map[string]int{"Marshal": 0, "MarshalIndent": 0, "Unmarshal": 1}[fn]
	if !ok || len(n.Args) <= at {
		return
	}
	a := n.Args[at]
	name, _ := c.staticType(a, off)
	x, err := parser.ParseExpr(name)
	if name == "" || err != nil {
		return
	}
	marshals := false
	ast.Inspect(x, func(e ast.Node) bool {
		if sel, ok := e.(*ast.SelectorExpr); ok && types.ExprString(sel.X) == "main" {
			marshals = c.marshalsItself(sel.Sel.Name, 0)
		}
		return !marshals
	})
	if marshals {
		from, to := off(a.Pos()), off(a.End())
		c.edits = append(c.edits, edit{from, from, HelperTyped + "("}, edit{to, to, ", " + strconv.Quote(name) + ")"})
	}
}

// printArgs gives, for each print function of fmt and log (as the
// evaluator has them, see its fmtSymbols), where the printed arguments
// start: after the writer and the format, if any.
var printArgs = map[string]map[string]int{
	"fmt": {"Printf": 1, "Sprintf": 1, "Errorf": 1, "Fprintf": 2, "Print": 0, "Println": 0, "Sprint": 0, "Sprintln": 0, "Fprint": 1, "Fprintln": 1},
	"log": {"Printf": 1, "Fatalf": 1, "Panicf": 1, "Print": 0, "Println": 0, "Fatal": 0, "Fatalln": 0, "Panic": 0, "Panicln": 0},
}

// staticType returns the type of e as %T writes it, when the source tells
// it and it is made of the cells' types that are not interfaces (main.MyInt,
// []main.Celsius), else "". elems reports that it is a slice, array or map
// of the cells' types that are not structs and have a String or Error
// method, or a value of a type whose such methods have pointer receivers:
// fmt gets those right only with the type's name.
func (c *compiler) staticType(e ast.Expr, off func(token.Pos) int) (name string, elems bool) {
	t := ""
	if !hasCall(e) { // writtenType settles generic calls it meets: edits
		t = c.writtenType(e, nil, nil, off)
	}
	if t == "" {
		t = c.spelledType(e, 0)
	}
	if ce, isCall := ast.Unparen(e).(*ast.CallExpr); isCall && t == "" {
		t = c.callResult(ce, off) // a generic func's, told by its arguments
	}
	x, err := parser.ParseExpr(versionedRE.ReplaceAllString(t, "$1"))
	if t == "" || err != nil {
		return "", false
	}
	cells, ok := false, true
	// yaegi hands fmt a call's result of a type that is not a struct, or
	// of an instance of a generic type, without the type's methods. (A
	// conversion's it gets right.)
	call := false
	if ce, ok := ast.Unparen(e).(*ast.CallExpr); ok {
		id, isIdent := ce.Fun.(*ast.Ident)
		call = !isIdent || c.cellTypeDecl(id.Name) == nil
	}
	var visit func(n ast.Node) bool
	inArgs := 0 // the depth in instances' type arguments
	// An instance of a generic type of the cells with String or Error
	// (Pair[string, int]): the evaluator makes the method's entry for it
	// (Program.Instances); elements of it need its name.
	generic := func(n ast.Expr) bool {
		base, args := instance(n)
		id, isIdent := base.(*ast.Ident)
		if !isIdent {
			return false
		}
		spec := c.cellTypeDecl(id.Name)
		if spec == nil || spec.TypeParams == nil {
			ok = false
			return false
		}
		value, _ := c.printsItself(id.Name)
		id.Name = "main." + id.Name
		inArgs++
		for _, a := range args {
			ast.Inspect(a, visit)
		}
		inArgs--
		cells = true
		if value {
			elems = elems || n != x || call
			name := types.ExprString(n)
			if !slices.Contains(c.instances, name) {
				c.instances = append(c.instances, name)
			}
		}
		return false
	}
	visit = func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			return false // a package's type
		case *ast.IndexExpr:
			return generic(n)
		case *ast.IndexListExpr:
			return generic(n)
		case *ast.Ident:
			if spec := c.cellTypeDecl(n.Name); spec != nil {
				_, iface := spec.Type.(*ast.InterfaceType)
				_, strct := spec.Type.(*ast.StructType)
				ok = ok && !iface && spec.TypeParams == nil
				value, pointer := c.printsItself(n.Name)
				// Elements of types that are not structs, a value of a
				// type that prints itself through a pointer only (fmt
				// prints the value plainly; yaegi's wrapper of it had the
				// method), and a struct embedding a compiled type with
				// methods (yaegi cannot hand it to fmt: "method not found:
				// Format").
				elems = elems || !strct && n != x && (value || pointer) || n == x && pointer && !value ||
					strct && c.embedsCompiled(spec) || n == x && !strct && value && call ||
					strct && c.printingFields(spec, 0)
				n.Name = "main." + n.Name
				cells = true
			}
		case *ast.FuncType, *ast.ChanType:
			// In an instance's type arguments: Go names them as the
			// source writes them (Pair[int, func(int, string)]).
			ok = ok && inArgs > 0
		case *ast.InterfaceType, *ast.StructType:
			ok = false // as fmt has it already, or not worth it
		}
		return ok
	}
	ast.Inspect(x, visit)
	if !cells || !ok {
		return "", false
	}
	return types.ExprString(x), elems
}

// marshalsItself reports whether the cells' type name, or a type of a
// field of it (of a field...), has JSON or text methods.
func (c *compiler) marshalsItself(name string, depth int) bool {
	if depth > 4 {
		return false
	}
	if len(c.methodsNamed(name, "MarshalJSON", "UnmarshalJSON", "MarshalText", "UnmarshalText")) > 0 {
		return true
	}
	spec := c.cellTypeDecl(name)
	if spec == nil || spec.TypeParams != nil {
		return false
	}
	st, ok := spec.Type.(*ast.StructType)
	if !ok {
		return false
	}
	found := false
	for _, f := range st.Fields.List {
		ast.Inspect(f.Type, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.SelectorExpr:
				return false // a package's type
			case *ast.Ident:
				found = found || n.Name != name && c.cellTypeDecl(n.Name) != nil && c.marshalsItself(n.Name, depth+1)
			}
			return !found
		})
	}
	return found
}

// printingFields reports whether the struct type spec has a field (or a
// field of a field) of a type of the cells that is not a struct and
// prints itself (Kind int with String): reflect sees such a field as its
// underlying type, so fmt needs the struct's type by name to print it as
// Go does.
func (c *compiler) printingFields(spec *ast.TypeSpec, depth int) bool {
	st, ok := spec.Type.(*ast.StructType)
	if !ok || depth > 4 {
		return false
	}
	found := false
	for _, f := range st.Fields.List {
		ast.Inspect(f.Type, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok || found {
				return !found
			}
			fs := c.cellTypeDecl(id.Name)
			if fs == nil || fs.TypeParams != nil || fs == spec {
				return true
			}
			if _, isStruct := fs.Type.(*ast.StructType); isStruct {
				found = c.printingFields(fs, depth+1)
				return true
			}
			value, pointer := c.printsItself(id.Name)
			found = value || pointer
			return true
		})
	}
	return found
}

// mainTypeRE matches a type of the cells in type text as staticType names
// them (main.T).
var mainTypeRE = regexp.MustCompile(`main\.([A-Za-z_][A-Za-z0-9_]*)`)

// goStringIn reports whether type text t (as staticType names it, main.T)
// names a type of the cells with a GoString method.
// formatIn reports whether the type t is one of the cells' with a Format
// method.
func (c *compiler) formatIn(t string) bool {
	m := mainTypeRE.FindStringSubmatch(t)
	return m != nil && m[0] == t && len(c.methodsNamed(m[1], "Format")) > 0
}

func (c *compiler) goStringIn(t string) bool {
	found := false
	for _, m := range mainTypeRE.FindAllStringSubmatch(t, -1) {
		found = found || len(c.methodsNamed(m[1], "GoString")) > 0
	}
	return found
}

// embedsCompiled reports whether the struct type spec embeds a type of a
// compiled package (time.Time, *strings.Builder).
func (c *compiler) embedsCompiled(spec *ast.TypeSpec) bool {
	st, ok := spec.Type.(*ast.StructType)
	if !ok {
		return false
	}
	for _, f := range st.Fields.List {
		t := f.Type
		if star, ok := t.(*ast.StarExpr); ok {
			t = star.X
		}
		if _, _, ok := c.packageMember(t); ok && len(f.Names) == 0 {
			return true
		}
	}
	return false
}

// printsItself reports whether the cells declare a String, Error, Format
// or GoString method on their type name, of value receiver and of pointer
// receiver.
func (c *compiler) printsItself(name string) (value, pointer bool) {
	for _, fd := range c.methodsNamed(name, "String", "Error", "Format", "GoString") {
		_, ptr := fd.Recv.List[0].Type.(*ast.StarExpr)
		value, pointer = value || !ptr, pointer || ptr
	}
	return value, pointer
}

// spelledType returns the type of e that conversions, composite literals,
// the results of the cells' funcs and declarations of variables spell out,
// in this cell or (for variables declared with var) in earlier ones, or "".
// The address of one is a pointer to it.
func (c *compiler) spelledType(e ast.Expr, depth int) string {
	if depth > 8 {
		return ""
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		if id, ok := x.Fun.(*ast.Ident); ok && len(x.Args) == 1 && !x.Ellipsis.IsValid() && (c.cellTypeDecl(id.Name) != nil || c.isErrorType(id)) {
			return id.Name // a conversion: MyInt(5), error(e)
		}
		if id, ok := x.Fun.(*ast.Ident); ok && (id.Name == "min" || id.Name == "max") && id.Obj == nil && !c.userDefined(id.Name) {
			// Of the type of its typed arguments: min(T(2), 3).
			for _, a := range x.Args {
				if t := c.spelledType(a, depth+1); t != "" {
					return t
				}
			}
			return ""
		}
		if sel, ok := x.Fun.(*ast.SelectorExpr); ok {
			// a method's: m.Mul(o) of a spelled m
			if _, _, pkg := c.packageMember(sel); !pkg {
				if t := c.spelledType(sel.X, depth+1); t != "" {
					return c.methodResult(t, sel.Sel.Name)
				}
			}
			return ""
		}
		return c.plainResult(x) // a call of a func of the cells
	case *ast.CompositeLit:
		if x.Type != nil {
			return types.ExprString(x.Type)
		}
	case *ast.UnaryExpr:
		if t := c.spelledType(x.X, depth+1); x.Op == token.AND && t != "" {
			return "*" + t
		}
	case *ast.SelectorExpr:
		// A field of a value of a spelled struct type.
		if _, _, pkg := c.packageMember(x); !pkg {
			if t := c.spelledType(x.X, depth+1); t != "" {
				return c.fieldType(strings.TrimPrefix(t, "*"), x.Sel.Name)
			}
		}
	case *ast.IndexExpr:
		// An element of a spelled slice, array or map.
		if e, err := parser.ParseExpr(c.spelledType(x.X, depth+1)); err == nil {
			switch t := e.(type) {
			case *ast.ArrayType:
				return types.ExprString(t.Elt)
			case *ast.MapType:
				return types.ExprString(t.Value)
			}
		}
	case *ast.Ident:
		decl := any(nil)
		if x.Obj != nil {
			decl = x.Obj.Decl
		} else if src := c.declSource(x.Name); strings.HasPrefix(src, "var ") {
			if f, err := parser.ParseFile(token.NewFileSet(), "", "package p;"+src, 0); err == nil && len(f.Decls) == 1 {
				if gd, ok := f.Decls[0].(*ast.GenDecl); ok && len(gd.Specs) == 1 {
					decl = gd.Specs[0]
				}
			}
		} else if strings.HasPrefix(src, "const") {
			return c.constType(src, x.Name, depth)
		}
		switch d := decl.(type) {
		case *ast.Field: // a parameter or receiver
			return types.ExprString(d.Type)
		case *ast.ValueSpec:
			for i, n := range d.Names {
				switch {
				case n.Name != x.Name:
				case d.Type != nil:
					return types.ExprString(d.Type)
				case len(d.Values) == len(d.Names):
					return c.spelledType(d.Values[i], depth+1)
				}
			}
		case *ast.AssignStmt:
			for i, l := range d.Lhs {
				if id, ok := l.(*ast.Ident); ok && id.Name == x.Name && d.Tok == token.DEFINE && len(d.Rhs) == len(d.Lhs) {
					return c.spelledType(d.Rhs[i], depth+1)
				}
			}
			// A range's variable: an element (or key) of a spelled slice,
			// array or map.
			if r, ok := ast.Unparen(d.Rhs[0]).(*ast.UnaryExpr); ok && r.Op == token.RANGE && len(d.Rhs) == 1 {
				return rangeVarType(c.spelledType(r.X, depth+1), d.Lhs, x.Name)
			}
		}
	}
	return ""
}

// constType returns the type of the constant name that src declares, as
// spelled there, following Go's rule that a constant with neither type nor
// value repeats the ones before it (Monday after Sunday Weekday = iota).
func (c *compiler) constType(src, name string, depth int) string {
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p;"+src, parser.SkipObjectResolution)
	if err != nil || len(f.Decls) != 1 {
		return ""
	}
	gd, ok := f.Decls[0].(*ast.GenDecl)
	if !ok || gd.Tok != token.CONST {
		return ""
	}
	var from *ast.ValueSpec // the spec giving this one its type and values
	for _, sp := range gd.Specs {
		vs := sp.(*ast.ValueSpec)
		if vs.Type != nil || len(vs.Values) > 0 {
			from = vs
		}
		for i, n := range vs.Names {
			switch {
			case n.Name != name || from == nil:
			case from.Type != nil:
				return types.ExprString(from.Type)
			case i < len(from.Values):
				return c.spelledType(from.Values[i], depth+1)
			}
		}
	}
	return ""
}

// rangeVarType returns the type of the range variable name among lhs
// (key, value) when the operand's type is operand, a slice, array or map
// type as source spells it, else "".
func rangeVarType(operand string, lhs []ast.Expr, name string) string {
	t, err := parser.ParseExpr(operand)
	if err != nil {
		return ""
	}
	for i, l := range lhs {
		if id, ok := l.(*ast.Ident); !ok || id.Name != name {
			continue
		}
		switch t := t.(type) {
		case *ast.ArrayType:
			if i == 1 {
				return types.ExprString(t.Elt)
			}
			return "int"
		case *ast.MapType:
			if i == 0 {
				return types.ExprString(t.Key)
			}
			return types.ExprString(t.Value)
		}
	}
	return ""
}

// cellTypeDecl returns the declaration of the cells' type name, this cell's
// or an earlier one's, or nil.
func (c *compiler) cellTypeDecl(name string) *ast.TypeSpec {
	src, ok := c.sources[name]
	if !ok && !c.localDefs[name] {
		src = c.env.Source(name)
	}
	if !strings.HasPrefix(src, "type ") {
		return nil
	}
	return TypeDecl(src, name)
}

// ArgVerbs returns the verb each argument of format is for ('#' for %#v,
// '+' for %+v, ' ' for width and precision arguments) and where in format
// it is, or false for a format it does not follow (explicit argument
// indexes).
func ArgVerbs(format string, n int) (verbs []rune, at []int, ok bool) {
	verbs, at = make([]rune, n), make([]int, n)
	arg := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		sharp, plus := false, false
		for ; i < len(format) && strings.IndexByte("+-# 0", format[i]) >= 0; i++ {
			sharp = sharp || format[i] == '#'
			plus = plus || format[i] == '+'
		}
		// Width and precision, and explicit argument indexes (%[2]*.[1]f).
		for ; i < len(format) && (format[i] >= '0' && format[i] <= '9' || strings.IndexByte(".*[", format[i]) >= 0); i++ {
			switch format[i] {
			case '*':
				if arg < n && verbs[arg] == 0 {
					verbs[arg] = ' '
				}
				arg++
			case '[':
				end := strings.IndexByte(format[i:], ']')
				k, err := strconv.Atoi(format[i+1 : i+max(end, 1)])
				if end < 0 || err != nil || k < 1 {
					return nil, nil, false
				}
				arg, i = k-1, i+end
			}
		}
		if i >= len(format) {
			break
		}
		if format[i] == '%' {
			continue
		}
		if arg < n && strings.ContainsRune("vsqxX+#T", verbs[arg]) && verbs[arg] != 0 && format[i] != 'T' {
			// An argument two verbs use (%[1]v %[1]d): the one that
			// uses its methods decides; the formatter serves the other.
			arg++
			continue
		}
		if arg < n {
			verbs[arg], at[arg] = rune(format[i]), i
			switch {
			case sharp && format[i] == 'v':
				verbs[arg] = '#'
			case plus && format[i] == 'v':
				verbs[arg] = '+'
			}
		}
		arg++
	}
	return verbs, at, true
}

// jsonStreams writes a call of Encode or Decode on a json.Encoder or
// Decoder as a call of HelperJSONEncode or HelperJSONDecode, which do what
// json.Marshal and Unmarshal do for the cells' values (see jsonTypes): the
// receiver must be json.NewEncoder(...) or json.NewDecoder(...), or a
// variable the cell defines from one.
func (c *compiler) jsonStreams(n *ast.CallExpr, off func(token.Pos) int) {
	sel, ok := n.Fun.(*ast.SelectorExpr)
	if !ok || len(n.Args) != 1 || n.Ellipsis.IsValid() || sel.Sel.Name != "Encode" && sel.Sel.Name != "Decode" {
		return
	}
	want := map[string]string{"Encode": "NewEncoder", "Decode": "NewDecoder"}[sel.Sel.Name]
	if !c.madeBy(sel.X, want, 0) {
		return
	}
	helper := map[string]string{"Encode": HelperJSONEncode, "Decode": HelperJSONDecode}[sel.Sel.Name]
	arg := n.Args[0]
	name, _ := c.staticType(arg, off)
	// recv.Encode(v) -> helper(recv, v[, "type"])
	c.edits = append(c.edits, edit{off(sel.X.Pos()), off(sel.X.Pos()), helper + "("},
		edit{off(sel.X.End()), off(arg.Pos()), ", "})
	if name != "" {
		c.edits = append(c.edits, edit{off(arg.End()), off(arg.End()), ", " + strconv.Quote(name)})
	}
}

// madeBy reports whether e is a call of encoding/json's func name, or a
// variable defined from one.
func (c *compiler) madeBy(e ast.Expr, name string, depth int) bool {
	switch x := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		path, fn, ok := c.packageMember(x.Fun)
		return ok && fn == name && path == "encoding/json"
	case *ast.Ident:
		if x.Obj == nil || depth > 4 {
			return false
		}
		if as, ok := x.Obj.Decl.(*ast.AssignStmt); ok && len(as.Lhs) == len(as.Rhs) {
			for i, l := range as.Lhs {
				if id, ok := l.(*ast.Ident); ok && id.Name == x.Name {
					return c.madeBy(as.Rhs[i], name, depth+1)
				}
			}
		}
		if vs, ok := x.Obj.Decl.(*ast.ValueSpec); ok && len(vs.Names) == len(vs.Values) {
			for i, id := range vs.Names {
				if id.Name == x.Name {
					return c.madeBy(vs.Values[i], name, depth+1)
				}
			}
		}
	}
	return false
}
