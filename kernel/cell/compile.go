package cell

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Names of the runtime helpers the rewrites call. The evaluator defines them
// before the first cell; the prefix keeps them out of the user's way.
const (
	HelperShow  = "_fountain_show"  // shows the value of a cell's last expression
	HelperMin   = "_fountain_min"   // two-argument min, for the builtin yaegi lacks
	HelperMax   = "_fountain_max"   // two-argument max
	HelperClear = "_fountain_clear" // clear for maps and slices
	HelperErr   = "_fountain_err"   // a value as an error, through a call (see interfaceValues)
	HelperAny   = "_fountain_any"   // a value as an any, through a call (see interfaceValues)
	// HelperRecovered makes what recover returns the panic's value.
	HelperRecovered = "_fountain_rt.Recovered"
	HelperGoRecover = "_fountain_gorecover" // recovers and reports a panic in a goroutine a cell started
	HelperAtEnd     = "_fountain_atend"     // a cell's own defer: the call runs when the cell ends
	// HelperSelect runs a select statement's cases and returns the one it
	// chose; HelperSelectBuffer makes a buffered channel for a value to
	// send (see selects).
	HelperSelect       = "_fountain_rt.Select"
	HelperSelectBuffer = "_fountain_rt.SelectBuffer"
	// HelperTyped gives a value its type's name, for fmt, log and json and
	// a cell's value (see fmtTypes, jsonTypes).
	// HelperJSONEncode and HelperJSONDecode are a json.Encoder's Encode
	// and a Decoder's Decode for the cells' values (see jsonStreams).
	HelperJSONEncode = "_fountain_rt.JSONEncode"
	HelperJSONDecode = "_fountain_rt.JSONDecode"
	HelperTyped      = "_fountain_rt.Typed"
	helperPrefix     = "_fountain_"
	lineDirective    = "//line cell:1:1\n"
	stmtWrapPrefix   = "package p;func _(){\n" + lineDirective
)

// Env is what the compiler needs to know of the evaluator's state.
type Env interface {
	// Imported returns the import path bound to a local package name.
	Imported(name string) (path string, ok bool)
	// Defined reports whether a top-level name was defined by an earlier cell.
	Defined(name string) bool
	// Package returns the import path of a known package by its name, for
	// automatic imports, and the name of a known package by its path.
	PackageByName(name string) (path string, ok bool)
	PackageName(path string) string
	// IsInteger reports whether an earlier cell's top-level name holds an
	// integer, for rewriting range over an int.
	IsInteger(name string) bool
	// MethodSig returns the parameter and result types, as source, of
	// method of the compiled type path.typ (of *typ if ptr), and whether
	// its last parameter is variadic (given as a slice type).
	MethodSig(path, typ, method string, ptr bool) (params, results []string, variadic, ok bool)
	// FuncSig returns the parameter and result types, as source, of the
	// func name of the compiled package path, and whether its last
	// parameter is variadic (given as a slice type).
	FuncSig(path, name string) (params, results []string, variadic, ok bool)
	// Interface returns the interface type typ of the compiled package
	// path written as an interface literal ("interface{ String() (string) }"),
	// if it is one.
	Interface(path, typ string) (literal string, ok bool)
	// Methods returns the declarations of the methods earlier cells
	// declared on their type t.
	Methods(t string) []string
	// HoldsInterface returns "error" or "any" if an earlier cell's
	// top-level name is a variable of that type (see interfaceValues).
	HoldsInterface(name string) string
	// VarType returns the type of an earlier cell's variable defined with
	// none written (w := f(), m := map[string]T{}), as the cell compiler
	// found it then (Program.DefineTypes), or "".
	VarType(name string) string
	// HoldsChans reports whether an earlier cell's top-level name holds a
	// slice, array or map of receivable channels (see rangeOverChans).
	HoldsChans(name string) bool
	// Typed gives what the evaluator found out of the operand of the
	// statement at offset off of the cell (see Typed).
	Typed(off int) Typed
	// Rename returns the interpreter's name for a type or generic func
	// the user calls name: a redefined type lives on under a new internal
	// name (yaegi ignores a second declaration of a type or method), and
	// each declaration of a generic func has one (see Program.Generic).
	Rename(name string) string
	// Shim returns the interpreter's package that provides a generic
	// member of a compiled package (sync.OnceValue): symbol tables cannot
	// hold generics, so such selectors are rewritten to it.
	Shim(path, name string) (pkg string, ok bool)
	// Types returns the names of the types earlier cells declared.
	Types() []string
	// Source returns the declaration source of a top-level name an
	// earlier cell defined, or of a func of a package the interpreter has
	// from source ("slices.Index"), or "": generic calls need their func's.
	Source(name string) string
}

// ImportSpec is one import a cell adds.
type ImportSpec struct {
	Name string // local name
	Path string
	Auto bool // added because the cell used the package without importing it
}

// RefTypes is among the references of a func (Program.Refs) that asserts
// values to an interface with the list of the cells' types that implement
// it written in: a cell declaring types or methods makes it stale.
const RefTypes = helperPrefix + "types"

// Chunk is a piece of source for the interpreter. Its text keeps the cell's
// line and column layout, so positions in interpreter errors are cell positions.
type Chunk struct {
	Kind Kind
	Src  string
	// Show is set on the chunk holding the cell's last expression, wrapped
	// to display its value; Plain is the same chunk unwrapped, for when the
	// expression turns out to have no value.
	Show  bool
	Plain string
	// Sites are the offsets in the cell of the chunk's statements that
	// compile differently once their operand's type is known (see Typed).
	Sites []int
}

// Program is a compiled cell.
type Program struct {
	Imports []ImportSpec
	Chunks  []Chunk
	// Defines lists the top-level names the cell declares, in order.
	Defines []string
	// Sources maps each declared func, type, var and const, and each method
	// as "Type.Method", to its declaration's source text.
	Sources map[string]string
	// FuncValues maps each top-level variable the cell sets to a func
	// literal to that literal's source, in the order set (FuncOrder):
	// the evaluator makes them again after an interrupt.
	FuncValues map[string]string
	FuncOrder  []string
	// FuncValueRefs maps each of those to the top-level names its literal
	// refers to: redefining one of them makes the literal again.
	FuncValueRefs map[string][]string
	// ParamsRenamed lists the generic funcs whose type parameters are
	// named as top-level names of the cells: they have names of their own.
	ParamsRenamed []string
	// Refs maps each declared func to the top-level names its declaration
	// refers to, so that redefining one of them can re-evaluate the func.
	Refs map[string][]string
	// MethodRefs does the same for each method, as "Type.Method": a
	// method bound to an old definition takes a new version of its type.
	MethodRefs map[string][]string
	// TypeRefs maps each declared type to the top-level names its
	// declaration refers to: a type whose fields name a type that takes a
	// new version takes one too.
	TypeRefs map[string][]string
	// Types lists the types the cell declares. DeclChunk gives the index
	// of the chunk that declares each type, func, var and const, and each
	// method as "Type.Method", and of the statement chunk that ends with
	// a define of a name of earlier cells (n := ...).
	Types     []string
	DeclChunk map[string]int
	// Generic lists the generic funcs the cell declares. The evaluator
	// gives each declaration an internal name of its own (Env.Rename):
	// yaegi keeps one instance per func name and type arguments across
	// packages, so a redefinition, or cmp.Compare, would answer for it.
	Generic []string
	// Eager lists the sites (see Chunk.Sites) whose types are worth a
	// probe before the cell runs, though it compiles without them: yaegi
	// compiles some calls it then runs wrong (see inferCalls).
	Eager []int
	// DefineTypes maps the names the cell defines (w := mk()) to their
	// static types where the source tells them and the evaluator's value
	// does not: a call of a func of the cells with one result.
	DefineTypes map[string]string
	// Instances lists the instances of the cells' generic types with a
	// String or Error method of value receiver that the cell prints
	// values of (main.Pair[string, int]), as it names them to fmt
	// (HelperTyped): the evaluator makes each one's method entry, as it
	// does for the cells' other types.
	Instances []string
}

// Error is a compile error at a cell position.
type Error struct {
	Line, Col int
	Msg       string
}

// Error implements error.
func (e *Error) Error() string {
	if e.Line == 0 {
		return e.Msg
	}
	return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg)
}

// CompilerBug is a panic of the cell compiler's own, which Compile
// returns as the cell's error.
type CompilerBug struct{ cause any }

func (b *CompilerBug) Error() string {
	return fmt.Sprintf("the cell compiler failed on this cell (%v); nothing of it ran", b.cause)
}

// Compile turns a cell into a Program. It reports the first syntax error
// with its position in the cell; on error nothing of the cell is to be run.
func Compile(src string, env Env) (p *Program, err error) {
	defer func() {
		// A bug of the compiler's own is the cell's error, not the end of
		// the session: nothing of the cell has run.
		if r := recover(); r != nil {
			p, err = nil, &CompilerBug{r}
		}
	}()
	units, err := Split(src)
	if err != nil {
		return nil, syntaxError(err)
	}
	// Rewrites of the source before anything else reads it; the
	// declarations' sources (for help, and to compile them again) stay
	// the user's.
	orig, origUnits := src, units
	rewritten := false
	if s, ok := rewriteErrorsAs(src, units, env); ok {
		if units, err = Split(s); err != nil {
			return nil, syntaxError(err)
		}
		src, rewritten = s, true
	}
	s, renamed := renameClashingParams(src, units, env)
	if len(renamed) > 0 {
		if units, err = Split(s); err != nil {
			return nil, syntaxError(err)
		}
		src, rewritten = s, true
	}
	if rewritten && len(units) == len(origUnits) {
		defer func() {
			if p == nil {
				return
			}
			for name, text := range p.Sources {
				for i, u := range units {
					if text == strings.TrimSpace(src[u.Start:u.End]) {
						p.Sources[name] = strings.TrimSpace(orig[origUnits[i].Start:origUnits[i].End])
					}
				}
			}
		}()
	}
	c := &compiler{src: src, env: env, localDefs: map[string]bool{}, sources: map[string]string{}, defineAt: map[string]int{}, refs: map[string][]string{}, methodRefs: map[string][]string{}, typeRefs: map[string][]string{}, paramsRenamed: renamed, methodAt: map[string]int{}, compound: map[int]int{}, selectors: map[string]bool{}, members: map[string][]string{}, genericSpecs: map[string]genericSpec{}, positional: map[*ast.CallExpr]bool{}, bodyRanges: map[*ast.RangeStmt]Typed{}, switchOf: map[*ast.AssignStmt]*ast.TypeSwitchStmt{}, inferredResult: map[*ast.CallExpr][]string{}, typeUnits: map[int]bool{}, genMethods: map[int]genMethod{}, zeroSpecs: map[*ast.ValueSpec]bool{}, defineTypes: map[string]string{}}
	c.declareAhead(units)
	var stmtUnits []Unit
	earlier := map[string]bool{} // variables the units so far define
	// Variables declarations before the statements so far declare: in a
	// chunk before the next one (a var reading one is a define).
	var pending []string
	var generic map[string]bool
	if slices.ContainsFunc(units, func(u Unit) bool {
		text := strings.TrimSpace(src[u.Start:u.End])
		return u.Kind == Decl && strings.HasPrefix(text, "var") && strings.Contains(text, "[")
	}) {
		generic = genericMethodTypes(src, units) // only a var of an instance needs them
	}
	for i, u := range units {
		if u.Kind == Decl && instancesOf(src, u, generic) {
			// A var of an instance of a generic type the cell declares
			// methods of runs as a statement, after the declarations: it
			// instantiates the type with the methods declared so far,
			// and the evaluator may carry the type's other methods over
			// to a new version in a chunk after the cell's.
			u.Kind = Stmt
			units[i] = u
		}
		if u.Kind == Decl && isVarDefine(src, u, env, earlier) {
			// A top-level var initialized by calls, or from variables,
			// runs as defines: yaegi gets a var initialized by a generic
			// call's result wrong (zero, or a compile error), cannot type
			// one without a probe (see Typed), and fails on one
			// initialized from another cell's variable.
			u.Kind = Stmt
			units[i] = u
		}
		if u.Kind == Stmt {
			for _, m := range defineRE.FindAllStringSubmatch(src[u.Start:u.End], -1) {
				for _, n := range strings.Split(m[1], ",") {
					earlier[strings.TrimSpace(n)] = true
				}
			}
			for _, n := range pending {
				earlier[n] = true
			}
			pending = pending[:0]
		} else if u.Kind == Decl {
			pending = append(pending, varNames(src, u)...)
		}
		switch u.Kind {
		case Import:
			if err := c.addImports(u); err != nil {
				return nil, err
			}
		case Decl:
			if err := c.addDecl(u); err != nil {
				return nil, err
			}
		case Stmt:
			stmtUnits = append(stmtUnits, u)
		}
	}
	if err := c.addStmts(stmtUnits); err != nil {
		return nil, err
	}
	if c.err != nil {
		return nil, c.err
	}
	c.autoImports()
	c.methodCycles()
	for _, f := range c.late {
		f()
	}
	c.addPromoted(units)
	if err := c.checkFree(); err != nil {
		return nil, err
	}
	if err := c.checkGenericCycles(); err != nil {
		return nil, err
	}
	c.renameTypes()
	return c.program(units)
}

type edit struct {
	off, end int
	text     string
}

// typeArgEdit is an edit that writes type arguments in (see
// compiler.typeArgEdits); first puts it first among the edits at its
// offset, hiding those inside what it replaces.
type typeArgEdit struct {
	edit
	first bool
}

// typeArgEdit adds e to the edits that write type arguments in.
func (c *compiler) typeArgEdit(e edit, first bool) {
	c.typeArgEdits = append(c.typeArgEdits, typeArgEdit{e, first})
}

// copyEdit inserts at off text, then the source in [from, to) as
// rewritten, then suffix: a probe of an operand written elsewhere.
type copyEdit struct {
	off, from, to int
	text, suffix  string
	flat          bool // the copy's line breaks become spaces
	// replaced: an edit replaces [from, to) in place, which the copy leaves out
	replaced bool
	// first: before the other insertions at off (it opens what they are in)
	first bool
	// ofType: the copy is of a type, and what edits insert at its start
	// wraps more than the type (a call's argument the type begins)
	ofType bool
	// openEnd: what edits insert at its end closes more than the copy (a
	// receive's channel, where a wrapper of the receive ends)
	openEnd bool
}

type compiler struct {
	src        string
	env        Env
	imports    []ImportSpec
	edits      []edit              // rewrites, as offsets into src
	copies     []copyEdit          // made into edits once all others are known
	localDefs  map[string]bool     // names declared at top level by this cell
	defines    []string            // the same, in order
	selectors  map[string]bool     // unresolved X of X.Sel, candidates for auto import
	members    map[string][]string // the Sel of those, to choose among packages of one name
	lastExpr   *ast.ExprStmt       // the cell's last statement when it is an expression
	lastUnit   Unit                // its unit
	showType   string              // its type, for HelperTyped (see fmtTypes)
	sources    map[string]string   // declaration source by name
	defineAt   map[string]int      // where each defined name is declared
	refs       map[string][]string
	methodRefs map[string][]string
	typeRefs   map[string][]string
	types      []string
	// implementers is set when a rewrite wrote in the cells' types that
	// implement an interface (implementerChecks): the func doing so
	// refers to RefTypes.
	implementers bool
	generic      []string // generic funcs the cell declares
	// generic types the cell declares
	genericSpecs map[string]genericSpec
	late         []func()   // rewrites that need the whole cell read (multiInstance)
	embeds       []embedded // generic instances the cell's struct types embed
	// the edits that write type arguments in, kept apart from edits until
	// the program is assembled: the type parameters a declaration around
	// them renames (renameTypeParams) are renamed there
	typeArgEdits []typeArgEdit
	// vias are the helpers viaHelper declared, as declarations
	vias []string
	// the generic funcs and methods of the file being rewritten
	paramScopes []paramScope
	// the methods of generic types the cell declares (see methodCycles)
	cycleMethods []cycleMethod
	// var specs zeroVar writes as defines
	zeroSpecs map[*ast.ValueSpec]bool
	// Program.DefineTypes
	defineTypes map[string]string
	typeUnits   map[int]bool      // starts of the units that declare types or consts
	genMethods  map[int]genMethod // the units that declare methods of generic types
	// the method sets implementerChecks looked up, for one pass of
	// typeAsserts or typeSwitches (the cells' sources do not change
	// within one)
	methodSets map[string]map[string]bool
	// calls that are elements of composite literals without keys
	positional map[*ast.CallExpr]bool
	// ranges in generic bodies over iterators calls return (genericBodies)
	bodyRanges map[*ast.RangeStmt]Typed
	// switchOf maps the assignment of a type switch that binds a variable
	// to the switch (see switchVarType), for the switches the rewrites saw.
	switchOf map[*ast.AssignStmt]*ast.TypeSwitchStmt
	// aliases are the top-level type aliases aliasInstances made: name,
	// type.
	aliases [][2]string
	// instances are Program.Instances.
	instances []string
	// inferredResult holds the result types of the generic calls
	// inferCalls wrote type arguments in.
	inferredResult map[*ast.CallExpr][]string
	methodAt       map[string]int // where each method is declared
	free           []freeIdent    // unresolved identifiers, checked after the whole cell is read
	compound       map[int]int    // compound statements that run as declared funcs: start -> end
	sites          []int          // statements that need a type (see Typed), by offset
	eager          []int          // those of them to probe before the cell runs (Program.Eager)
	// Top-level variables set to func literals (Program.FuncValues).
	funcValues map[string]string
	funcOrder  []string
	funcAt     map[string][2]int // each func value literal's extent
	// paramsRenamed lists the generic funcs whose type parameters
	// renameTypeParams renamed for a top-level name of the cells.
	paramsRenamed []string
	err           error // the first error a rewrite found
}

type freeIdent struct {
	name string
	off  int
}

// blank returns src with everything outside [start,end) ranges replaced by
// spaces, newlines kept, so offsets and lines are unchanged.
func blank(src string, keep ...Unit) string {
	b := []byte(src)
	in := func(i int) bool {
		for _, u := range keep {
			if i >= u.Start && i < u.End {
				return true
			}
		}
		return false
	}
	for i := range b {
		if b[i] != '\n' && !in(i) {
			b[i] = ' '
		}
	}
	return string(b)
}

func syntaxError(err error) error {
	if list, ok := err.(scanner.ErrorList); ok && len(list) > 0 {
		p := list[0].Pos
		return &Error{Line: p.Line, Col: p.Column, Msg: list[0].Msg}
	}
	return &Error{Msg: err.Error()}
}

// parseFile parses the units as top-level declarations of a file. The
// package clause sits on the first line, before the cell's own text, so
// that positions are cell positions.
func parseFile(src string, keep ...Unit) (*ast.File, *token.FileSet, error) {
	fset := token.NewFileSet()
	text := "package p;" + blank(src, keep...)
	f, err := parser.ParseFile(fset, "cell", text, parser.ParseComments)
	if err != nil {
		// Column positions on line 1 are off by the package clause.
		if list, ok := err.(scanner.ErrorList); ok && len(list) > 0 && list[0].Pos.Line == 1 {
			list[0].Pos.Column -= len("package p;")
		}
		return nil, nil, syntaxError(err)
	}
	return f, fset, nil
}

func (c *compiler) addImports(u Unit) error {
	f, _, err := parseFile(c.src, u)
	if err != nil {
		return err
	}
	for _, spec := range f.Imports {
		p, err := strconv.Unquote(spec.Path.Value)
		if err != nil {
			return &Error{Msg: fmt.Sprintf("bad import path %s", spec.Path.Value)}
		}
		name := c.env.PackageName(p)
		if name == "" {
			name = path.Base(p)
		}
		if spec.Name != nil {
			name = spec.Name.Name
		}
		if name == "_" || name == "." {
			return &Error{Msg: fmt.Sprintf("import %s %q: blank and dot imports are not supported in cells", name, p)}
		}
		if c.hasImport(name, p) {
			continue // repeating an import is harmless
		}
		for _, im := range c.imports {
			if im.Name == name {
				return &Error{Msg: fmt.Sprintf("%s is already the name of package %q; import %q under another name", name, im.Path, p)}
			}
		}
		if have, ok := c.env.Imported(name); ok {
			return &Error{Msg: fmt.Sprintf("%s is already the name of package %q; import %q under another name", name, have, p)}
		}
		c.imports = append(c.imports, ImportSpec{Name: name, Path: p})
	}
	return nil
}

// hasImport reports whether the import is in effect already or earlier in the cell.
// importPath returns the import path a package name stands for in the
// cell: its own import, an earlier cell's, or an automatic one.
func (c *compiler) importPath(name string) string {
	if c.userDefined(name) {
		return ""
	}
	for _, im := range c.imports {
		if im.Name == name {
			return im.Path
		}
	}
	if p, ok := c.env.Imported(name); ok {
		return p
	}
	p, _ := c.packageFor(name)
	return p
}

// PackageChooser is an Env that chooses among the packages of one name by
// the members a cell uses of it: rand.NewPCG is math/rand/v2's, where
// rand alone is math/rand.
type PackageChooser interface {
	PackageWith(name string, members []string) (path string, ok bool)
}

// packageFor returns the package an automatic import of name imports.
func (c *compiler) packageFor(name string) (string, bool) {
	if pc, ok := c.env.(PackageChooser); ok {
		return pc.PackageWith(name, c.members[name])
	}
	return c.env.PackageByName(name)
}

// shim rewrites pkg.name to the package providing it when it is a
// generic member of a compiled package (see Env.Shim), and imports that.
func (c *compiler) shim(pkg *ast.Ident, name string, off func(token.Pos) int) {
	p := c.importPath(pkg.Name)
	if p == "" {
		return
	}
	sh, ok := c.env.Shim(p, name)
	if !ok {
		return
	}
	c.edits = append(c.edits, edit{off(pkg.Pos()), off(pkg.End()), sh})
	if !c.hasImport(sh, sh) {
		c.imports = append(c.imports, ImportSpec{Name: sh, Path: sh, Auto: true})
	}
}

func (c *compiler) hasImport(name, p string) bool {
	if have, ok := c.env.Imported(name); ok && have == p {
		return true
	}
	for _, im := range c.imports {
		if im.Name == name && im.Path == p {
			return true
		}
	}
	return false
}

func (c *compiler) define(name string, off int) {
	if name == "_" || c.localDefs[name] {
		return
	}
	c.localDefs[name] = true
	c.defines = append(c.defines, name)
	c.defineAt[name] = off
}

// declareAhead notes the source of each func, method and type the cell
// declares before any is compiled: a declaration may use one that comes
// after it (Tree's Insert method calling the generic func insert below it
// needs insert's declaration for its type arguments).
func (c *compiler) declareAhead(units []Unit) {
	for _, u := range units {
		if u.Kind != Decl {
			continue
		}
		f, _, err := parseFile(c.src, u)
		if err != nil {
			continue // addDecl reports it
		}
		text := strings.TrimSpace(c.src[u.Start:u.End])
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					c.sources[d.Name.Name] = text
				} else if len(d.Recv.List) == 1 {
					c.sources[recvName(d.Recv.List[0].Type)+"."+d.Name.Name] = text
				}
			case *ast.GenDecl:
				for _, sp := range d.Specs {
					if ts, ok := sp.(*ast.TypeSpec); ok {
						c.sources[ts.Name.Name] = text
					}
				}
			}
		}
	}
}

func (c *compiler) addDecl(u Unit) error {
	f, fset, err := parseFile(c.src, u)
	if err != nil {
		return err
	}
	text := strings.TrimSpace(c.src[u.Start:u.End])
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			c.late = append(c.late, func() { c.renameTypeParams(fset, d) })
			c.late = append(c.late, func() { c.inlineConstraints(fset, d.Type.TypeParams) })
			c.late = append(c.late, func() { c.hideTypeParams(fset, d) })
			c.instantiationCycle(fset, d)
			if d.Recv != nil && len(d.Recv.List) == 1 {
				key := recvName(d.Recv.List[0].Type) + "." + d.Name.Name
				c.sources[key] = text
				c.methodAt[key] = u.Start
				if m, ok := genericMethod(d); ok {
					c.genMethods[u.Start] = m
					c.cycleMethods = append(c.cycleMethods, cycleMethod{d, fset, m})
				}
			}
			if d.Recv == nil {
				c.sources[d.Name.Name] = text
				if d.Type.TypeParams != nil && len(d.Type.TypeParams.List) > 0 {
					c.generic = append(c.generic, d.Name.Name)
					c.renameDecl(fset, d, d.Name)
				}
				if d.Name.Name == "main" || d.Name.Name == "init" {
					return &Error{Line: fset.Position(d.Pos()).Line, Col: fset.Position(d.Pos()).Column - len("package p;"),
						Msg: fmt.Sprintf("func %s has no meaning in a cell: write its body as statements", d.Name.Name)}
				}
				c.define(d.Name.Name, u.Start)
			}
		case *ast.GenDecl:
			if d.Tok == token.TYPE || d.Tok == token.CONST {
				c.typeUnits[u.Start] = true
			}
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					c.late = append(c.late, func() { c.renameTypeParams(fset, s) })
					c.late = append(c.late, func() { c.inlineConstraints(fset, s.TypeParams) })
					c.define(s.Name.Name, u.Start)
					c.sources[s.Name.Name] = text
					c.types = append(c.types, s.Name.Name)
					if s.TypeParams != nil && len(s.TypeParams.List) > 0 {
						c.genericSpecs[s.Name.Name] = genericSpec{s, offsetIn(fset, s.Name.Pos(), len("package p;"))}
						c.selfReferences(fset, s)
					}
					c.noteEmbeds(fset, s)
					c.renameDecl(fset, s, s.Name)
				case *ast.ValueSpec:
					for _, n := range s.Names {
						c.define(n.Name, u.Start)
						c.sources[n.Name] = text
					}
					if len(s.Names) == 1 && len(s.Values) == 1 {
						c.funcValue(s.Names[0].Name, s.Values[0], func(p token.Pos) int { return offsetIn(fset, p, len("package p;")) })
					}
				}
			}
		}
	}
	first := len(c.free)
	c.implementers = false
	c.rewrite(f, fset, len("package p;"))
	var refs []string
	seen := map[string]bool{}
	for _, fr := range c.free[first:] {
		if !seen[fr.name] && !universe[fr.name] {
			seen[fr.name] = true
			refs = append(refs, fr.name)
		}
	}
	for _, d := range f.Decls {
		if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.TYPE {
			for _, sp := range gd.Specs {
				if ts, ok := sp.(*ast.TypeSpec); ok {
					c.typeRefs[ts.Name.Name] = refs
				}
			}
		}
		fd, ok := d.(*ast.FuncDecl)
		if !ok {
			continue
		}
		switch {
		case fd.Recv == nil:
			if c.implementers {
				refs = append(refs, RefTypes)
			}
			c.refs[fd.Name.Name] = append([]string{}, refs...) // every func has an entry, even with no references
		case len(fd.Recv.List) == 1:
			c.methodRefs[recvName(fd.Recv.List[0].Type)+"."+fd.Name.Name] = refs
		}
	}
	return nil
}

// renameDecl gives the declaration of name (a type or a generic func) its
// internal name, and the references to it inside the declaration itself
// (a recursive func, a linked type): the parser resolves those, so they
// are not among the free names renameTypes renames.
func (c *compiler) renameDecl(fset *token.FileSet, decl ast.Node, name *ast.Ident) {
	r := c.env.Rename(name.Name)
	if r == name.Name {
		return
	}
	ast.Inspect(decl, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && id.Name == name.Name && (id == name || id.Obj != nil && id.Obj.Decl == decl) {
			o := offsetIn(fset, id.Pos(), len("package p;"))
			c.edits = append(c.edits, edit{o, o + len(id.Name), r})
		}
		return true
	})
}

// defineSite compiles the top-level define at offset at, of name to value
// ("name := value", or a var made one, with typ if it gave a type), as
// what the evaluator found out of value's type says (see Typed).
func (c *compiler) defineSite(at int, name, typ string, isVar bool, value ast.Expr, off func(token.Pos) int) {
	head := c.src[at:off(value.Pos())]
	call, isCall := value.(*ast.CallExpr)
	// A compiled func's call or a conversion: yaegi knows its type, and a
	// probe would hide the name from the statements after it (a later
	// t.Add then crashed yaegi's compiler instead of naming the type).
	compiled := isCall && (c.packageResult(call) != "" || c.conversion(call))
	if !hasCall(value) && !hasParenDeref(value) && !hasIndex(value) || compiled {
		// Only a call can be generic; probing others would also hide
		// the name from the statements after it in the probe. (yaegi
		// fails on a top-level define of (*p)[i] or of a string's byte,
		// s[0], "constant definition loop", and s[0]+1 crashed its
		// compiler: their type is probed as a call's, once the define
		// failed.) A var's written type stays its type.
		switch {
		case isVar && typ != "":
			c.edits = append(c.edits, edit{at, off(value.Pos()), name + " := " + zeroOf(typ) + "; " + name + " = " + newlines(head)})
		case isVar:
			c.edits = append(c.edits, edit{at, off(value.Pos()), name + " := " + newlines(head)})
		}
		return
	}
	c.sites = append(c.sites, at)
	t := c.typed(at)
	if t.Type != "" && typ == "" {
		typ = c.qualifyForeign(t.Type, value)
		c.typeSelectors([]string{typ})
	}
	if typ == "" && !t.Probe {
		// A call of a generic func of the cells with its type arguments
		// written: its type is known without a probe, and yaegi fails on
		// the plain define (a failed compile can leave an instance of a
		// recursive generic type half made for good).
		if typ = c.explicitResult(value, off); typ != "" {
			c.typeSelectors([]string{typ})
		}
	}
	if isCall && typ == "" && !t.Probe {
		// The type arguments inferCalls may write in from the arguments'
		// written types tell the type as well, once it has run.
		c.late = append(c.late, func() {
			if rs := c.inferredResult[call]; len(rs) == 1 {
				typ := rs[0]
				c.typeSelectors([]string{typ})
				c.edits = append(c.edits, edit{at, off(value.Pos()), name + " := " + zeroOf(typ) + "; " + name + " = " + newlines(head)})
			} else if isVar {
				c.edits = append(c.edits, edit{at, off(value.Pos()), name + " := " + newlines(head)})
			}
		})
		return
	}
	switch {
	case t.Probe:
		c.edits = append(c.edits, edit{at, off(value.Pos()), "_ = func() { var _ " + ProbeType(at) + " = (" + newlines(head)},
			edit{off(value.End()), off(value.End()), ") }"})
		if op := probedOperand(value); op != value {
			// Only the operand: the rest of the value left out.
			for _, r := range [][2]int{{off(value.Pos()), off(op.Pos())}, {off(op.End()), off(value.End())}} {
				c.edits = append(c.edits, edit{r[0], r[1], newlines(c.src[r[0]:r[1]])})
			}
		}
	case typ != "":
		c.edits = append(c.edits, edit{at, off(value.Pos()), name + " := " + zeroOf(typ) + "; " + name + " = " + newlines(head)})
	case isVar:
		c.edits = append(c.edits, edit{at, off(value.Pos()), name + " := " + newlines(head)})
	}
}

// typed returns what the evaluator found of the statement at off (see
// Typed), with the cell's own types by their names in this compile: a
// probe ran in an earlier compile of the cell, whose failed declarations
// took other internal names.
func (c *compiler) typed(at int) Typed {
	t := c.env.Typed(at)
	current := func(typ string) string {
		return identRE.ReplaceAllStringFunc(typ, func(id string) string {
			base := versionRE.ReplaceAllString(id, "")
			if id[0] == '.' || !slices.Contains(c.types, base) {
				return id
			}
			return c.env.Rename(base)
		})
	}
	t.Type = current(t.Type)
	t.Params = slices.Clone(t.Params)
	for i, p := range t.Params {
		t.Params[i] = current(p)
	}
	return t
}

// interfaceValues passes the values a var declared as error or any, or a
// variable of that type, is set to through a call: yaegi puts a value whose
// type has a value-receiver Error method into an error variable without its
// method ("reflect: Method index out of range" when err.Error() runs, the
// fields when printed), and a value of a cell's type into an any variable
// without its type (a type switch or assertion to the cell's interfaces
// then matched nothing); it gets both right for an argument. error(v) and
// any(v) become the same calls.
func (c *compiler) interfaceValues(n ast.Node, off func(token.Pos) int) {
	type set struct {
		value  ast.Expr
		helper string
	}
	var values []set
	switch n := n.(type) {
	case *ast.ValueSpec:
		if h := c.helperFor(n.Type); h != "" {
			for _, v := range n.Values {
				values = append(values, set{v, h})
			}
		} else if c.compiledInterface(n.Type) {
			for _, v := range n.Values {
				c.freshValue(v, off)
			}
		}
	case *ast.AssignStmt:
		if n.Tok != token.ASSIGN || len(n.Lhs) != len(n.Rhs) {
			return
		}
		for i, l := range n.Lhs {
			if ix, ok := l.(*ast.IndexExpr); ok && c.interfaceElems(ix.X) {
				c.freshValue(n.Rhs[i], off) // m[k] = v
				continue
			}
			id, ok := l.(*ast.Ident)
			if !ok || id.Name == "_" {
				continue
			}
			h := c.helperFor(declaredType(id))
			if id.Obj == nil {
				h = helpers[c.varInterface(id.Name)]
			}
			if h != "" {
				values = append(values, set{n.Rhs[i], h})
			} else if c.compiledInterface(declaredType(id)) {
				c.freshValue(n.Rhs[i], off)
			}
		}
	}
	for _, v := range values {
		if id, ok := v.value.(*ast.Ident); ok && id.Name == "nil" {
			continue
		}
		if ta, ok := ast.Unparen(v.value).(*ast.TypeAssertExpr); ok && ta.Type != nil {
			if _, iface := c.interfaceCase(ta.Type); iface {
				continue // typeAsserts makes it a call's result already
			}
		}
		c.edits = append(c.edits, edit{off(v.value.Pos()), off(v.value.Pos()), v.helper + "("}, edit{off(v.value.End()), off(v.value.End()), ")"})
		c.freshValue(v.value, off)
	}
}

// packageMember returns the import path of the package e selects a member
// of (fmt.Println: "fmt", "Println"), if it does.
func (c *compiler) packageMember(e ast.Expr) (path, name string, ok bool) {
	sel, isSel := e.(*ast.SelectorExpr)
	if !isSel {
		return "", "", false
	}
	pkg, isIdent := sel.X.(*ast.Ident)
	if !isIdent || pkg.Obj != nil {
		return "", "", false
	}
	path = c.importPath(pkg.Name)
	return path, sel.Sel.Name, path != ""
}

// compiledInterface reports whether t names an interface type of a
// compiled package (fmt.Stringer, io.Writer).
func (c *compiler) compiledInterface(t ast.Expr) bool {
	path, name, ok := c.packageMember(t)
	if !ok {
		return false
	}
	_, iface := c.env.Interface(path, name)
	return iface
}

// helpers are the helpers of interfaceValues by the interface they make.
var helpers = map[string]string{"error": HelperErr, "any": HelperAny}

// helperFor returns the helper of interfaceValues for a variable of type
// t, or "".
func (c *compiler) helperFor(t ast.Expr) string {
	switch t := t.(type) {
	case *ast.Ident:
		if t.Obj == nil && !c.userDefined(t.Name) {
			return helpers[t.Name]
		}
	case *ast.InterfaceType:
		if t.Methods == nil || len(t.Methods.List) == 0 {
			return HelperAny
		}
	}
	return ""
}

// varInterface returns "error" or "any" if the top-level name is a
// variable of that type: one the cell declares so, or an earlier cell's.
func (c *compiler) varInterface(name string) string {
	if !c.localDefs[name] {
		return c.env.HoldsInterface(name)
	}
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p;"+c.sources[name], parser.SkipObjectResolution)
	if err != nil {
		return ""
	}
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.VAR {
			for _, sp := range g.Specs {
				vs := sp.(*ast.ValueSpec)
				if !slices.ContainsFunc(vs.Names, func(n *ast.Ident) bool { return n.Name == name }) {
					continue
				}
				for typ, h := range helpers {
					if h == c.helperFor(vs.Type) {
						return typ
					}
				}
			}
		}
	}
	return ""
}

// qualifyForeign puts the package of the called func before a probed
// type that is an instance of a generic type no cell declares: yaegi names
// an instance of a source package's generic type (unique.Handle[string])
// as if of the main package, and a define of that type name made a type
// apart ("mismatched types main.Handle[string] and unique.Handle[string]").
func (c *compiler) qualifyForeign(typ string, value ast.Expr) string {
	call, ok := value.(*ast.CallExpr)
	if !ok {
		return typ
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return typ
	}
	pkg, ok := sel.X.(*ast.Ident)
	if !ok || c.importPath(pkg.Name) == "" {
		return typ
	}
	e, err := parser.ParseExpr(typ)
	if err != nil {
		return typ
	}
	base, _ := instance(e)
	id, ok := base.(*ast.Ident)
	if !ok || base == e || universe[id.Name] || c.localDefs[id.Name] || c.env.Defined(versionRE.ReplaceAllString(id.Name, "")) {
		return typ
	}
	if sh, ok := c.env.Shim(c.importPath(pkg.Name), id.Name); ok {
		return sh + "." + typ // weak.Pointer is the shim's
	}
	return pkg.Name + "." + typ
}

// zeroOf returns an expression of the zero value of the type typ, written
// as Go source. yaegi makes an instance of a generic type named in new's
// argument apart from the one a type position makes: a pointer to one of
// two or more parameters it takes for a dereference and crashes, and a
// recursive one (*Tree[int]) is left half made. Such types get theirs from
// a func's named result, a type position.
func zeroOf(typ string) string {
	if instanceRE.MatchString(typ) {
		return "func() (z " + typ + ") { return }()"
	}
	return "*new(" + typ + ")"
}

// instanceRE matches a type with an instance of a generic type (or a type
// that merely looks like one, a map: the longer form works for every type).
var instanceRE = regexp.MustCompile(`\w\[`)

// multiDefineSite is defineSite for "a, b := f()" and "a, b := f(), g()",
// and for "v, ok := m[k]" (commaOK, whose ok is a bool): each name is a site
// of its own, at its offset, probed one by one inside a func literal,
// where yaegi does compile such a define.
func (c *compiler) multiDefineSite(st *ast.AssignStmt, commaOK bool, off func(token.Pos) int) {
	var names, types, probes []string
	probing, known := false, true
	for i, l := range st.Lhs {
		id, ok := l.(*ast.Ident)
		if !ok {
			return
		}
		names = append(names, id.Name)
		if id.Name == "_" {
			types = append(types, "")
			continue
		}
		if commaOK && i == 1 {
			types = append(types, "bool")
			probes = append(probes, "_ = "+id.Name)
			continue
		}
		at := off(id.Pos())
		c.sites = append(c.sites, at)
		t := c.typed(at)
		types = append(types, t.Type)
		if t.Probe {
			probing = true
			probes = append(probes, "var _ "+ProbeType(at)+" = "+id.Name)
		} else {
			probes = append(probes, "_ = "+id.Name)
		}
		known = known && t.Type != ""
	}
	first, last := st.Rhs[0], st.Rhs[len(st.Rhs)-1]
	head := c.src[off(st.Pos()):off(first.Pos())]
	// a, b := zero(A), zero(B); a, b = X
	zeroDefine := func(types []string) {
		var decl, zero []string
		for i, n := range names {
			if n != "_" {
				decl = append(decl, n)
				zero = append(zero, zeroOf(types[i]))
			}
		}
		c.typeSelectors(types)
		zeros := strings.Join(decl, ", ") + " := " + strings.Join(zero, ", ") + "; "
		if len(st.Rhs) == 1 {
			c.edits = append(c.edits, edit{off(st.Pos()), off(first.Pos()), zeros + strings.Join(names, ", ") + " = " + newlines(head)})
			return
		}
		// Two or more values: a variable of each, then the assignments
		// (see parallelAnys: yaegi assigns a, b = X, f() wrong). Each
		// made as the names are: a cell's define from a generic call
		// fails in yaegi ("nil reflect type"), and its var declarations
		// run before its statements.
		at := off(st.Pos())
		var sets []string
		for i, n := range names {
			v := off(st.Rhs[i].Pos())
			from := off(st.Rhs[max(i-1, 0)].End())
			if i == 0 {
				from = at
			}
			text := "_ = "
			if n != "_" {
				t := fmt.Sprintf("%smd%d_%d", helperPrefix, at, i)
				text = t + " := " + zeroOf(types[i]) + "; " + t + " = "
				sets = append(sets, n+" = "+t)
			}
			if i == 0 {
				text = zeros + text
			} else {
				text = "; " + text
			}
			c.edits = append(c.edits, edit{from, v, text + newlines(c.src[from:v])})
		}
		c.edits = append(c.edits, edit{off(last.End()), off(last.End()), "; " + strings.Join(sets, "; ")})
	}
	if call, ok := first.(*ast.CallExpr); ok && !probing && !known && len(st.Rhs) == 1 {
		// A generic call whose type arguments inferCalls writes in from
		// the arguments' written types: its results are known then.
		c.late = append(c.late, func() {
			if rs := c.inferredResult[call]; len(rs) == len(names) {
				zeroDefine(rs)
			}
		})
		return
	}
	switch {
	case probing:
		c.edits = append(c.edits, edit{off(st.Pos()), off(st.Pos()), "_ = func() { "},
			edit{off(last.End()), off(last.End()), "; " + strings.Join(probes, "; ") + " }"})
	case known:
		zeroDefine(types)
	}
}

// funcResult returns the result type of func type text ft, if it has one
// result, or "".
func funcResult(ft string) string {
	e, err := parser.ParseExpr(ft)
	if err != nil {
		return ""
	}
	if t, ok := e.(*ast.FuncType); ok {
		if rs := fieldTypes(t.Results); len(rs) == 1 {
			return types.ExprString(rs[0])
		}
	}
	return ""
}

// commaOK reports the operands of a two-value define that are not calls:
// a map index, a type assertion, a receive.
func commaOK(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.IndexExpr, *ast.TypeAssertExpr:
		return true
	case *ast.UnaryExpr:
		return e.Op == token.ARROW
	}
	return false
}

// funcValue notes a top-level variable set to a func literal.
func (c *compiler) funcValue(name string, value ast.Expr, off func(token.Pos) int) {
	lit, ok := value.(*ast.FuncLit)
	if !ok || name == "_" {
		return
	}
	if c.funcValues == nil {
		c.funcValues = map[string]string{}
	}
	if _, seen := c.funcValues[name]; !seen {
		c.funcOrder = append(c.funcOrder, name)
	}
	c.funcValues[name] = c.src[off(lit.Pos()):off(lit.End())]
	if c.funcAt == nil {
		c.funcAt = map[string][2]int{}
	}
	c.funcAt[name] = [2]int{off(lit.Pos()), off(lit.End())}
}

// funcValueRefs returns the top-level names each func value literal
// refers to.
func (c *compiler) funcValueRefs() map[string][]string {
	out := map[string][]string{}
	for name, at := range c.funcAt {
		refs := []string{}
		for _, fr := range c.free {
			if fr.off >= at[0] && fr.off < at[1] && !universe[fr.name] && !slices.Contains(refs, fr.name) {
				refs = append(refs, fr.name)
			}
		}
		out[name] = refs
	}
	return out
}

// isVarDefine reports a unit that is a var declaration initialized by a
// call (varDefines): "var x = f()", "var x T = f()", "var ( ... )".
func isVarDefine(src string, u Unit, env Env, earlier map[string]bool) bool {
	f, _, err := parseFile(src, u)
	if err != nil || len(f.Decls) != 1 {
		return false
	}
	g, ok := f.Decls[0].(*ast.GenDecl)
	return ok && g.Tok == token.VAR && varDefines(g, func(n string) bool { return earlier[n] || env.Defined(n) })
}

// zeroVar writes the var declaration g, of one spec of one name with no
// value, as a define of the name to a zero value of its type (as
// nestedInstance writes one: the type stays in place, with the edits
// inside it).
func (c *compiler) zeroVar(g *ast.GenDecl, units []Unit, off func(token.Pos) int) {
	vs := g.Specs[0].(*ast.ValueSpec)
	for _, u := range units {
		if off(g.Pos()) >= u.Start && off(g.Pos()) < u.End {
			c.define(vs.Names[0].Name, u.Start)
			c.sources[vs.Names[0].Name] = strings.TrimSpace(c.src[u.Start:u.End])
		}
	}
	c.zeroSpecs[vs] = true
	c.edits = append(c.edits, edit{off(g.Pos()), off(vs.Type.Pos()), vs.Names[0].Name + " := make([]"},
		edit{off(vs.Type.End()), off(vs.Type.End()), ", 1)[0]"})
}

// genericMethodTypes returns the generic types whose methods units
// declare.
func genericMethodTypes(src string, units []Unit) map[string]bool {
	out := map[string]bool{}
	for _, u := range units {
		if u.Kind != Decl || !strings.HasPrefix(strings.TrimSpace(src[u.Start:u.End]), "func (") {
			continue
		}
		f, _, err := parseFile(src, u)
		if err != nil {
			continue
		}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv != nil && len(fd.Recv.List) == 1 && recvParamNames(fd.Recv.List[0].Type) != nil {
				out[recvName(fd.Recv.List[0].Type)] = true
			}
		}
	}
	return out
}

// instancesOf reports a unit that declares variables, without values, of
// instances of the generic types in generic (var s Stack[int]).
func instancesOf(src string, u Unit, generic map[string]bool) bool {
	if len(generic) == 0 || !strings.HasPrefix(strings.TrimSpace(src[u.Start:u.End]), "var") {
		return false
	}
	f, _, err := parseFile(src, u)
	if err != nil || len(f.Decls) != 1 {
		return false
	}
	g, ok := f.Decls[0].(*ast.GenDecl)
	if !ok || g.Tok != token.VAR || g.Lparen.IsValid() {
		return false
	}
	found := false
	for _, sp := range g.Specs {
		vs := sp.(*ast.ValueSpec)
		if len(vs.Values) > 0 || vs.Type == nil || len(vs.Names) != 1 {
			return false
		}
		ast.Inspect(vs.Type, func(n ast.Node) bool {
			if fun, idx := instance(asExpr(n)); len(idx) > 0 {
				if id, ok := fun.(*ast.Ident); ok && generic[id.Name] {
					found = true
				}
			}
			return !found
		})
	}
	return found
}

// varNames returns the names a unit's var declaration declares.
func varNames(src string, u Unit) []string {
	if !strings.HasPrefix(strings.TrimSpace(src[u.Start:u.End]), "var") {
		return nil
	}
	f, _, err := parseFile(src, u)
	if err != nil {
		return nil
	}
	var out []string
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.VAR {
			for _, sp := range g.Specs {
				for _, n := range sp.(*ast.ValueSpec).Names {
					out = append(out, n.Name)
				}
			}
		}
	}
	return out
}

// defineRE finds the names a statement unit defines at its top level
// ("a, b :=", "var a" once made a define), roughly: for isVarDefine.
var defineRE = regexp.MustCompile(`(?m)^\s*(?:var\s+)?([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*(?::=|\s[^=\n]*=)`)

// varDefines reports a var declaration whose specs each give each name
// a value, one of them a call or a name defined before (earlier): yaegi
// fails on a top-level var initialized from a variable defined in an
// earlier compile ("variable definition loop"), and does defines.
func varDefines(g *ast.GenDecl, earlier func(string) bool) bool {
	found := false
	for _, sp := range g.Specs {
		vs := sp.(*ast.ValueSpec)
		if len(vs.Names) != len(vs.Values) || slices.ContainsFunc(vs.Names, func(n *ast.Ident) bool { return n.Name == "_" }) {
			return false
		}
		for _, v := range vs.Values {
			found = found || hasCall(v) || refersToEarlier(v, earlier)
		}
	}
	return found
}

// refersToEarlier reports whether e names something earlier says was
// defined before (a selected name or a key is no reference).
func refersToEarlier(e ast.Expr, earlier func(string) bool) bool {
	notRef := map[*ast.Ident]bool{}
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			notRef[n.Sel] = true
		case *ast.KeyValueExpr:
			if id, ok := n.Key.(*ast.Ident); ok {
				notRef[id] = true
			}
		case *ast.Ident:
			if !notRef[n] && earlier(n.Name) {
				found = true
			}
		}
		return !found
	})
	return found
}

// hasParenDeref reports whether e holds a parenthesized dereference, (*p).
func hasParenDeref(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if p, ok := n.(*ast.ParenExpr); ok {
			_, found = p.X.(*ast.StarExpr)
		}
		return !found
	})
	return found
}

// probedOperand returns the part of e whose type is e's, for a probe:
// the operand of an arithmetic or shift expression beside a constant
// literal. yaegi's probe of s[i] - 'a' told no type (it does not check
// the operation's type against the probe's), the one of s[i] does.
func probedOperand(e ast.Expr) ast.Expr {
	literal := func(e ast.Expr) bool {
		if u, ok := e.(*ast.UnaryExpr); ok && (u.Op == token.SUB || u.Op == token.ADD) {
			e = u.X
		}
		_, ok := ast.Unparen(e).(*ast.BasicLit)
		return ok
	}
	for {
		switch x := e.(type) {
		case *ast.ParenExpr:
			e = x.X
			continue
		case *ast.BinaryExpr:
			switch x.Op {
			case token.SHL, token.SHR:
				e = x.X
				continue
			case token.ADD, token.SUB, token.MUL, token.QUO, token.REM, token.AND, token.OR, token.XOR, token.AND_NOT:
				switch {
				case literal(x.Y) && !literal(x.X):
					e = x.X
					continue
				case literal(x.X) && !literal(x.Y):
					e = x.Y
					continue
				}
			}
		}
		return e
	}
}

// hasIndex reports whether e indexes a value (outside func literals; a
// composite literal's generic type, Vec[float64]{3, 4}, is no index: its
// define probed, such a value lost its methods).
func hasIndex(e ast.Expr) bool {
	found := false
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CompositeLit:
			for _, el := range n.Elts {
				ast.Inspect(el, visit)
			}
			return false
		case *ast.IndexExpr:
			found = true
		}
		return !found
	}
	ast.Inspect(e, visit)
	return found
}

// hasCall reports whether e calls anything.
func hasCall(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		if _, ok := n.(*ast.CallExpr); ok {
			found = true
		}
		return !found
	})
	return found
}

func (c *compiler) addStmts(units []Unit) error {
	if len(units) == 0 {
		return nil
	}
	fset := token.NewFileSet()
	text := stmtWrapPrefix + blank(c.src, units...) + "\n}"
	f, err := parser.ParseFile(fset, "cell", text, 0)
	if err != nil {
		return c.atEnd(syntaxError(err))
	}
	body := f.Decls[0].(*ast.FuncDecl).Body
	for _, s := range body.List {
		switch s := s.(type) {
		case *ast.AssignStmt:
			if s.Tok == token.DEFINE {
				for _, l := range s.Lhs {
					if id, ok := l.(*ast.Ident); ok {
						c.define(id.Name, offsetIn(fset, id.Pos(), len(stmtWrapPrefix)))
					}
				}
			}
		case *ast.DeclStmt:
			// var/const/type inside statements are split out as Decl units,
			// so this only happens for declarations after a label.
		}
	}
	// yaegi mishandles compound statements at top level: a "v, err :="
	// inside a top-level loop leaves v undefined, and a loop in a func
	// literal called on the spot cannot be interrupted. Each top-level for,
	// if, switch, select and block therefore becomes the body of a func
	// declared in one chunk and called in the next (see program).
	for _, st := range body.List {
		if isCompound(st) {
			c.compound[offsetIn(fset, st.Pos(), len(stmtWrapPrefix))] = offsetIn(fset, st.End(), len(stmtWrapPrefix))
		}
	}
	// yaegi cannot compile some top-level defines (of a generic call's
	// result); those become a define of the zero value and an assignment
	// (see Typed). A chunk starting with "var" would be taken for
	// declarations only.
	off := func(p token.Pos) int { return offsetIn(fset, p, len(stmtWrapPrefix)) }
	for _, st := range body.List {
		switch st := st.(type) {
		case *ast.AssignStmt:
			if id, ok := st.Lhs[0].(*ast.Ident); ok && (st.Tok == token.DEFINE || st.Tok == token.ASSIGN) && len(st.Lhs) == 1 && len(st.Rhs) == 1 {
				c.funcValue(id.Name, st.Rhs[0], off)
			}
			if id, ok := st.Lhs[0].(*ast.Ident); ok && st.Tok == token.DEFINE && len(st.Lhs) == 1 && len(st.Rhs) == 1 && id.Name != "_" {
				c.defineSite(off(st.Pos()), id.Name, "", false, st.Rhs[0], off)
				if call, ok := st.Rhs[0].(*ast.CallExpr); ok {
					t := c.plainResult(call)
					if t == "" {
						t = c.callResult(call, off) // a method's (shop.Item())
					}
					if t == "" {
						t = funcResult(c.writtenType(call.Fun, nil, nil, off)) // a func value's (makers[k]())
					}
					if t != "" {
						c.defineTypes[id.Name] = t
					}
				}
				if lit, ok := st.Rhs[0].(*ast.CompositeLit); ok && lit.Type != nil {
					c.defineTypes[id.Name] = c.typeText(lit.Type, off) // m := map[string]T{...}
				}
			}
			if st.Tok == token.DEFINE && len(st.Lhs) > 1 && (len(st.Rhs) == 1 && hasCall(st.Rhs[0]) ||
				len(st.Rhs) == len(st.Lhs) && slices.ContainsFunc(st.Rhs, func(e ast.Expr) bool { return hasCall(e) || hasIndex(e) })) {
				c.multiDefineSite(st, false, off)
			}
			if st.Tok == token.DEFINE && len(st.Lhs) == 2 && len(st.Rhs) == 1 && commaOK(st.Rhs[0]) && !hasCall(st.Rhs[0]) {
				// yaegi cannot compile "v, ok := m[k]" (or x.(T), <-ch)
				// at top level either ("nil type").
				c.multiDefineSite(st, true, off)
			}
		case *ast.DeclStmt:
			g, ok := st.Decl.(*ast.GenDecl)
			if ok && g.Tok == token.VAR && !g.Lparen.IsValid() && len(g.Specs) == 1 && len(g.Specs[0].(*ast.ValueSpec).Values) == 0 && len(g.Specs[0].(*ast.ValueSpec).Names) == 1 {
				// var s Stack[int] (see instancesOf): a define of the zero
				// value.
				c.zeroVar(g, units, off)
				break
			}
			if !ok || g.Tok != token.VAR || !varDefines(g, func(n string) bool { return c.localDefs[n] || c.env.Defined(n) }) {
				break
			}
			if g.Lparen.IsValid() {
				// var ( ... ): the specs become defines, one a line.
				c.edits = append(c.edits, edit{off(g.Pos()), off(g.Lparen) + 1, ""}, edit{off(g.Rparen), off(g.Rparen) + 1, ""})
			}
			for _, sp := range g.Specs {
				vs := sp.(*ast.ValueSpec)
				start := off(vs.Pos())
				if !g.Lparen.IsValid() {
					start = off(g.Pos())
				}
				typ := ""
				if vs.Type != nil {
					typ = c.typeText(vs.Type, off)
				}
				// var a, b = x, y: a define each, in order.
				for i, id := range vs.Names {
					at := start
					if i > 0 {
						// The comma becomes a semicolon (after what edits
						// add at the value's end), the rest a define.
						comma := off(vs.Values[i-1].End())
						comma += strings.IndexByte(c.src[comma:], ',')
						c.edits = append(c.edits, edit{comma, comma + 1, ";"})
						at = comma + 1
					}
					for _, u := range units {
						if start >= u.Start && start < u.End {
							c.define(id.Name, u.Start)
							c.sources[id.Name] = strings.TrimSpace(c.src[u.Start:u.End])
						}
					}
					c.funcValue(id.Name, vs.Values[i], off)
					c.defineSite(at, id.Name, typ, true, vs.Values[i], off)
				}
			}
		}
	}
	last := units[len(units)-1]
	if n := len(body.List); n > 0 {
		if es, ok := body.List[n-1].(*ast.ExprStmt); ok && !isPrint(es.X) {
			if _, isRecv := es.X.(*ast.UnaryExpr); !isRecv || es.X.(*ast.UnaryExpr).Op != token.ARROW {
				c.lastExpr, c.lastUnit = es, last
			}
		}
	}
	c.rewrite(f, fset, len(stmtWrapPrefix))
	return nil
}

// isPrint reports a call of fmt's print functions, whose byte count and nil
// error nobody wants to see as a cell's value.
func isPrint(e ast.Expr) bool {
	call, ok := e.(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	pkg, ok := sel.X.(*ast.Ident)
	return ok && pkg.Name == "fmt" && strings.Contains(sel.Sel.Name, "rint") && !strings.HasPrefix(sel.Sel.Name, "S")
}

// fnv32 hashes a cell's source, for names unique to it.
func fnv32(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// isCompound reports statements with a body of their own.
func isCompound(st ast.Stmt) bool {
	switch st := st.(type) {
	case *ast.ForStmt, *ast.RangeStmt, *ast.IfStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt, *ast.BlockStmt:
		return true
	case *ast.LabeledStmt:
		return isCompound(st.Stmt)
	case *ast.ExprStmt:
		// A func literal called at once: yaegi ran it again with each
		// later compile of the session.
		call, ok := ast.Unparen(st.X).(*ast.CallExpr)
		if ok {
			_, lit := ast.Unparen(call.Fun).(*ast.FuncLit)
			return lit
		}
	}
	return false
}

// cellOwn reports whether st is one of the cell's own statements (at its
// top level).
func (c *compiler) cellOwn(st ast.Stmt, parent map[ast.Node]ast.Node) bool {
	p, ok := parent[st].(*ast.BlockStmt)
	if !ok {
		return false
	}
	fd, ok := parent[p].(*ast.FuncDecl)
	return ok && fd.Name.Name == "_" && fd.Recv == nil
}

// atEnd moves an error found in the wrapper's closing brace to the end of
// the cell, where the user's code stopped short.
func (c *compiler) atEnd(err error) error {
	ce, ok := err.(*Error)
	lines := strings.Split(c.src, "\n")
	if !ok || ce.Line <= len(lines) {
		return err
	}
	for len(lines) > 1 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	ce.Line, ce.Col = len(lines), len(lines[len(lines)-1])+1
	ce.Msg = strings.TrimSuffix(ce.Msg, ", found '}'") + " at the end of the cell"
	return ce
}

// offset maps a position in a parsed wrapper back to a byte offset in the cell.
func offsetIn(fset *token.FileSet, p token.Pos, prefix int) int {
	return fset.File(p).Offset(p) - prefix
}

// rewrite records the source edits that give cells modern Go semantics the
// interpreter lacks, and collects selector roots for automatic imports.
func (c *compiler) rewrite(f *ast.File, fset *token.FileSet, prefix int) {
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok && id.Obj == nil && !slices.Contains(c.members[id.Name], sel.Sel.Name) {
				c.members[id.Name] = append(c.members[id.Name], sel.Sel.Name)
			}
		}
		return true
	})
	off := func(p token.Pos) int { return offsetIn(fset, p, prefix) }
	c.noteParamScopes(f)
	if c.lastExpr != nil {
		// A cell's value shows as fmt prints it (see fmtTypes).
		if name, elems := c.staticType(c.lastExpr.X, off); elems {
			c.showType = name
		}
	}
	// Identifiers that are not references: selected names, struct literal
	// keys, labels, method names.
	notRef := map[*ast.Ident]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.TypeSwitchStmt:
			if as, ok := n.Assign.(*ast.AssignStmt); ok {
				c.switchOf[as] = n
			}
		case *ast.SelectorExpr:
			notRef[n.Sel] = true
		case *ast.CompositeLit:
			for _, e := range n.Elts {
				if kv, ok := e.(*ast.KeyValueExpr); ok {
					if id, ok := kv.Key.(*ast.Ident); ok {
						notRef[id] = true
					}
					continue
				}
				for {
					p, ok := e.(*ast.ParenExpr)
					if !ok {
						break
					}
					e = p.X
				}
				if call, ok := e.(*ast.CallExpr); ok {
					c.positional[call] = true
				}
			}
		case *ast.BranchStmt:
			if n.Label != nil {
				notRef[n.Label] = true
			}
		case *ast.LabeledStmt:
			notRef[n.Label] = true
		case *ast.FuncDecl:
			notRef[n.Name] = true
			// The type parameters a generic type's method names in its
			// receiver (func (s *Stack[T]) Push(v T)) are its own; the
			// parser leaves them unresolved.
			if params := recvTypeParams(n); len(params) > 0 {
				ast.Inspect(n, func(x ast.Node) bool {
					if id, ok := x.(*ast.Ident); ok && id.Obj == nil && params[id.Name] {
						notRef[id] = true
					}
					return true
				})
			}
		case *ast.File:
			notRef[n.Name] = true
		}
		return true
	})
	var sites []rangeSite
	var generic []inferCall
	var goStmts []*ast.GoStmt
	settled := c.genericBodies(f, off)
	addressed := map[*ast.CompositeLit]bool{}
	comms := map[*ast.AssignStmt]bool{}                   // a select case's receive, met before its statement
	parentLabel := map[*ast.SelectStmt]*ast.LabeledStmt{} // a labeled select, met before the select
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.UnaryExpr:
			if lit, ok := n.X.(*ast.CompositeLit); ok && n.Op == token.AND {
				addressed[lit] = true
				c.late = append(c.late, func() { c.multiInstance(lit, n, off) })
			}
		case *ast.CompositeLit:
			if !addressed[n] {
				c.late = append(c.late, func() { c.multiInstance(n, nil, off) })
			}
			for _, e := range n.Elts {
				if kv, ok := e.(*ast.KeyValueExpr); ok {
					if id, ok := kv.Key.(*ast.Ident); ok && id.Obj == nil {
						c.embeddedField(id, off)
					}
				}
			}
			c.freshElements(n, off)
		case *ast.Ident:
			if n.Obj == nil && !notRef[n] && n.Name != "_" {
				c.free = append(c.free, freeIdent{n.Name, off(n.Pos())})
			}
		case *ast.SelectorExpr:
			if id, ok := n.X.(*ast.Ident); ok && id.Obj == nil {
				c.selectors[id.Name] = true
				c.shim(id, n.Sel.Name, off)
			}
			if id, ok := n.X.(*ast.Ident); !ok || !c.importsName(id.Name) || id.Obj != nil {
				c.embeddedField(n.Sel, off)
			}
			c.late = append(c.late, func() { c.methodExpr(n, off) })
		case *ast.ValueSpec, *ast.AssignStmt:
			if vs, ok := n.(*ast.ValueSpec); ok {
				c.nestedInstance(vs, off)
			}
			c.interfaceValues(n, off)
			if as, ok := n.(*ast.AssignStmt); ok && (as.Tok == token.ASSIGN || as.Tok == token.DEFINE) && len(as.Lhs) == len(as.Rhs) && !comms[as] {
				c.parenReceives(as.Rhs, off)
			}
			if vs, ok := n.(*ast.ValueSpec); ok && len(vs.Names) == len(vs.Values) {
				c.parenReceives(vs.Values, off)
			}
		case *ast.ReturnStmt:
			c.parenReceives(n.Results, off)
		case *ast.GenDecl:
			if n.Tok == token.CONST {
				c.iotaConsts(n, off)
			}
		case *ast.CommClause:
			if as, ok := n.Comm.(*ast.AssignStmt); ok {
				comms[as] = true
				c.selectAssign(n, as, off)
			}
		case *ast.SelectStmt:
			c.selects(n, parentLabel[n], off)
		case *ast.LabeledStmt:
			if sel, ok := n.Stmt.(*ast.SelectStmt); ok {
				parentLabel[sel] = n
			}
		case *ast.FuncDecl:
			c.captureReceivers(n, off)
			c.typedNils(n.Type, n.Body, off)
			c.nameParams(n, off)
			c.localResults(n, off)
		case *ast.FuncLit:
			c.typedNils(n.Type, n.Body, off)
		case *ast.TypeAssertExpr:
			c.concreteAsserts(n, off)
		case *ast.BinaryExpr:
			c.errorEquality(n, off)
			c.untypedShifts(n, off)
		case *ast.CallExpr:
			if id, ok := n.Fun.(*ast.Ident); ok && id.Name == "recover" && id.Obj == nil && !c.userDefined("recover") && len(n.Args) == 0 {
				// The value as Go has it (yaegi's is its reflect.Value); an
				// argument of the deferred func's call is still called by it.
				c.edits = append(c.edits, edit{off(n.Pos()), off(n.Pos()), HelperRecovered + "("}, edit{off(n.End()), off(n.End()), ")"})
			}
			c.fmtTypes(n, off)
			c.aliasTypeArgs(n, off)
			if id, ok := n.Fun.(*ast.Ident); ok && id.Name == "append" && id.Obj == nil && !c.userDefined("append") && !n.Ellipsis.IsValid() && len(n.Args) > 1 && !c.concreteSlice(n.Args[0]) {
				for _, a := range n.Args[1:] {
					c.freshValue(a, off)
				}
			}
			c.jsonTypes(n, off)
			c.jsonStreams(n, off)
			c.interfaceArgs(n, off)
			if h := c.helperFor(ast.Unparen(n.Fun)); h != "" && len(n.Args) == 1 {
				// error(v), any(v): see interfaceValues
				c.edits = append(c.edits, edit{off(n.Fun.Pos()), off(n.Fun.End()), h})
			}
			c.late = append(c.late, func() { c.multiInstance(n, nil, off) })
			if il, ok := n.Fun.(*ast.IndexListExpr); ok && c.positional[n] {
				// Type arguments written by the user: as writeTypeArgs.
				if id, ok := il.X.(*ast.Ident); ok && id.Obj == nil {
					if decl := c.genericFunc(id.Name); decl != nil {
						var targs []string
						for _, ix := range il.Indices {
							targs = append(targs, c.src[off(ix.Pos()):off(ix.End())])
						}
						c.wrapInFunc(n, decl, targs, off)
					}
				}
			}
			if settled[n] {
				// written in already (genericBodies)
			} else if call, ok := c.genericCall(n, off); ok {
				generic = append(generic, call)
			}
			id, ok := n.Fun.(*ast.Ident)
			if !ok || id.Obj != nil || c.userDefined(id.Name) || n.Ellipsis.IsValid() {
				break
			}
			switch id.Name {
			case "min", "max":
				if len(n.Args) == 0 {
					break
				}
				helper := HelperMin
				if id.Name == "max" {
					helper = HelperMax
				}
				c.minMax(n, helper, off)
			case "clear":
				c.edits = append(c.edits, edit{off(id.Pos()), off(id.End()), HelperClear})
			}
		case *ast.GoStmt:
			goStmts = append(goStmts, n)
		case *ast.RangeStmt:
			// yaegi cannot range over a pointer to an array ("reflect:
			// call of reflect.Value.Float on array Value"), but can over
			// the array it points to. It runs such a loop, so no probe
			// tells: the operand's declaration must.
			arrayPtr := c.pointsToArray(n.X)
			if arrayPtr {
				c.edits = append(c.edits, edit{off(n.X.Pos()), off(n.X.Pos()), "*("}, edit{off(n.X.End()), off(n.X.End()), ")"})
			}
			if c.isInteger(n.X, 0) {
				c.rangeOverInt(n, off)
				return true
			}
			t := c.intTypeOf(n.X, off)
			if t == "" && !hasCall(n.X) && c.writtenType(n.X, nil, nil, off) == "int" {
				// An integer the source spells (a field: d.size), also in a
				// generic body, where no probe can tell.
				t = "int"
			}
			if w := ""; t == "" && hasCall(n.X) && c.typeParamsAt(n.Pos()) != nil {
				// A call's in a generic body (r.Len()), as its func or
				// method declares it: no probe can tell there.
				if w = c.writtenType(n.X, nil, settled, off); integerTypes[w] {
					t = w
				}
			}
			if t != "" {
				c.rangeOverIntOf(n, t, off)
				return true
			}
			mode, declared := c.declaredIterator(n.X, off)
			if m, ok := c.bodyRanges[n]; ok && !declared {
				mode, declared = m, true
			}
			if !declared {
				mode, declared = c.methodIterator(n.X, off)
			}
			if !declared {
				c.sites = append(c.sites, off(n.For))
				mode = c.typed(off(n.For))
				if t := c.integerType(mode.Type, 0); t != "" && !mode.Func {
					// An integer the syntax did not tell (a call's
					// result, a field, a constant): the probe did.
					c.rangeOverIntOf(n, t, off)
					return true
				}
				if !arrayPtr && c.arrayPointer(mode.Type) {
					c.edits = append(c.edits, edit{off(n.X.Pos()), off(n.X.Pos()), "*("}, edit{off(n.X.End()), off(n.X.End()), ")"})
				}
			}
			if mode.Probe || mode.Func {
				sites = append(sites, rangeSite{n, mode})
				c.typeSelectors(mode.Params)
				return true
			}
			byIndex := c.rangeOverChans(n, mode, off)
			if n.Tok == token.ASSIGN && !byIndex {
				c.rangeAssign(n, off)
			}
			if n.Tok == token.DEFINE {
				for _, e := range []ast.Expr{n.Key, n.Value} {
					if !byIndex || e != n.Value {
						c.perIteration(n.Body, e, false, off)
					}
				}
			}
		case *ast.ForStmt:
			if as, ok := n.Init.(*ast.AssignStmt); ok && as.Tok == token.DEFINE {
				for _, l := range as.Lhs {
					c.perIteration(n.Body, l, true, off)
				}
			}
		}
		return true
	})
	// Rewrites of what yaegi gets wrong, each walking the cell only if it
	// has what the rewrite is about (most cells have none).
	has := func(s string) bool { return strings.Contains(c.src, s) }
	var parent map[ast.Node]ast.Node // made once, when a rewrite needs it
	parentOf := func() map[ast.Node]ast.Node {
		if parent == nil {
			parent = parents(f)
		}
		return parent
	}
	if has("defer") {
		c.bindDefers(f, prefix == len(stmtWrapPrefix), off)
	}
	if has(".") {
		c.bindMethodValues(f, off)
	}
	if has("struct") {
		c.hideUnexported(f, off)
	}
	if has(".(") {
		c.typeAsserts(f, off)
		c.multiAsserts(f, off)
		c.typeSwitches(f, parentOf(), off)
	}
	if has("select") {
		c.selectBreaks(f, parentOf(), off)
	}
	if has("[") || has(".(") {
		c.commaOKMaps(f, parentOf(), off)
	}
	if has("switch") {
		c.interfaceSwitches(f, off)
		c.compositeCaseLists(f, off)
		c.caseLists(f, off)
	}
	if has("[") {
		c.funcInstances(f, parentOf(), off)
	}
	if has(", ") {
		c.parenValues(f, off)
		c.parallelAnys(f, parentOf(), off)
		if has("]") {
			c.mapTuples(f, parentOf(), off)
		}
	}
	if has("return") {
		c.anyResults(f, parentOf(), off)
	}
	if has("nil,") || has(", nil") {
		c.nilAssigns(f, parentOf(), off)
	}
	var fresh, funcLoops map[ast.Node]bool
	if has("for") {
		funcLoops = map[ast.Node]bool{}
		for _, s := range sites {
			funcLoops[s.n] = true
		}
		fresh = c.freshIterations(f, funcLoops, off)
		if has("func") {
			c.loopClosures(f, parentOf(), fresh, funcLoops, off)
		}
	}
	for _, g := range goStmts {
		c.recoverGo(g, fresh != nil && inSharedLoop(g, parentOf(), fresh, funcLoops), off)
	}
	if len(sites) > 0 || len(generic) > 0 {
		c.rangeFuncs(sites, parentOf(), off)
		c.inferCalls(generic, parentOf(), off)
	}
}

// recvTypeParams returns the names a method's receiver gives its type's
// type parameters.
func recvTypeParams(fd *ast.FuncDecl) map[string]bool {
	if fd.Recv == nil || len(fd.Recv.List) != 1 {
		return nil
	}
	t := fd.Recv.List[0].Type
	if star, ok := t.(*ast.StarExpr); ok {
		t = star.X
	}
	var idx []ast.Expr
	switch x := t.(type) {
	case *ast.IndexExpr:
		idx = []ast.Expr{x.Index}
	case *ast.IndexListExpr:
		idx = x.Indices
	}
	params := map[string]bool{}
	for _, e := range idx {
		if id, ok := e.(*ast.Ident); ok && id.Name != "_" {
			params[id.Name] = true
		}
	}
	return params
}

// recvName returns the base type name of a method receiver.
func recvName(e ast.Expr) string {
	for {
		switch x := e.(type) {
		case *ast.StarExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.ParenExpr:
			e = x.X
		case *ast.Ident:
			return x.Name
		default:
			return "?"
		}
	}
}

// integerTypes are the predeclared integer types.
var integerTypes = map[string]bool{"int": true, "int8": true, "int16": true, "int32": true, "int64": true,
	"uint": true, "uint8": true, "uint16": true, "uint32": true, "uint64": true, "uintptr": true, "byte": true, "rune": true}

// isInteger decides, from syntax and what earlier cells defined, whether e
// is an integer: yaegi cannot range over one, so such loops are rewritten.
func (c *compiler) isInteger(e ast.Expr, depth int) bool {
	if depth > 8 {
		return false
	}
	switch x := e.(type) {
	case *ast.BasicLit:
		return x.Kind == token.INT || x.Kind == token.CHAR
	case *ast.ParenExpr:
		return c.isInteger(x.X, depth+1)
	case *ast.UnaryExpr:
		return (x.Op == token.SUB || x.Op == token.ADD || x.Op == token.XOR) && c.isInteger(x.X, depth+1)
	case *ast.BinaryExpr:
		switch x.Op {
		case token.SHL, token.SHR:
			return c.isInteger(x.X, depth+1)
		case token.ADD, token.SUB, token.MUL, token.QUO, token.REM, token.AND, token.OR, token.XOR, token.AND_NOT:
			return c.isInteger(x.X, depth+1) && c.isInteger(x.Y, depth+1)
		}
	case *ast.CallExpr:
		if id, ok := x.Fun.(*ast.Ident); ok && id.Obj == nil {
			if (id.Name == "min" || id.Name == "max") && !c.userDefined(id.Name) && len(x.Args) > 0 {
				for _, a := range x.Args {
					if !c.isInteger(a, depth+1) {
						return false
					}
				}
				return true
			}
			return id.Name == "len" || id.Name == "cap" || integerTypes[id.Name]
		}
	case *ast.Ident:
		if x.Obj == nil {
			return !c.localDefs[x.Name] && c.env.IsInteger(x.Name)
		}
		switch d := x.Obj.Decl.(type) {
		case *ast.AssignStmt:
			if len(d.Lhs) == len(d.Rhs) {
				for i, l := range d.Lhs {
					if id, ok := l.(*ast.Ident); ok && id.Name == x.Name {
						return c.isInteger(d.Rhs[i], depth+1)
					}
				}
			}
		case *ast.ValueSpec:
			if t, ok := d.Type.(*ast.Ident); ok {
				return integerTypes[t.Name]
			}
			for i, n := range d.Names {
				if n.Name == x.Name && i < len(d.Values) {
					return c.isInteger(d.Values[i], depth+1)
				}
			}
		case *ast.Field:
			t, ok := d.Type.(*ast.Ident)
			return ok && integerTypes[t.Name]
		}
	}
	return false
}

// rangeOverInt rewrites "for i := range n" (Go 1.22) as a counting loop. A
// hidden counter drives the loop and i is a fresh copy each iteration, so
// closures see their own i and changing i in the body does not change the
// iteration, as in Go.
func (c *compiler) rangeOverInt(n *ast.RangeStmt, off func(token.Pos) int) {
	k := fmt.Sprintf("%sk%d", helperPrefix, off(n.For))
	lim := fmt.Sprintf("%sn%d", helperPrefix, off(n.For))
	from, to := off(n.X.Pos()), off(n.X.End())
	// "for KEY := range X {" becomes "for k, n := 0*(X), (X); k < n; k++ {".
	// X stays in place, with the edits inside it (min is one); the copy
	// is on one line. The line breaks before and after X go right after
	// "for", where no semicolon is inserted, so the cell's lines stay.
	breaks := newlines(c.src[off(n.For):from] + c.src[to:off(n.Body.Lbrace)])
	c.edits = append(c.edits, edit{off(n.For), from, fmt.Sprintf("for%s %s, %s := 0*(", breaks, k, lim)},
		edit{to, off(n.Body.Lbrace), ""})
	c.copies = append(c.copies, copyEdit{off: to, from: from, to: to, text: "), (", suffix: fmt.Sprintf("); %s < %s; %s++ ", k, lim, k), flat: true})
	c.bindRangeKey(n, k, off)
}

// bindRangeKey sets the range's key, a fresh copy each iteration, to the
// counter k first thing in the body.
func (c *compiler) bindRangeKey(n *ast.RangeStmt, k string, off func(token.Pos) int) {
	p := off(n.Body.Lbrace) + 1
	if id, ok := n.Key.(*ast.Ident); ok && id.Name != "_" && n.Tok == token.DEFINE {
		c.edits = append(c.edits, edit{p, p, fmt.Sprintf(" %s := %s; _ = %s;", id.Name, k, id.Name)})
	} else if lhs := c.assignable(n.Key, off); lhs != "" && n.Tok == token.ASSIGN {
		c.edits = append(c.edits, edit{p, p, fmt.Sprintf(" %s = %s;", lhs, k)})
	}
}

// rangeAssign rewrites a range that assigns to variables declared before
// it, which yaegi leaves as they were (for i = range xs ended with i 0):
//
//	for k, v = range X {  ->  for k1, v1 := range X { k, v = k1, v1;
//
// so that they hold the last iteration's key and value after the loop, as
// in Go. Operands it cannot copy (calls in them) are left to yaegi.
func (c *compiler) rangeAssign(n *ast.RangeStmt, off func(token.Pos) int) {
	var lhs, rhs []string
	for i, e := range []ast.Expr{n.Key, n.Value} {
		if e == nil {
			continue
		}
		if id, ok := e.(*ast.Ident); ok && id.Name == "_" {
			continue
		}
		text := c.assignable(e, off)
		if text == "" {
			return
		}
		lhs = append(lhs, text)
		rhs = append(rhs, fmt.Sprintf("%sr%s%d", helperPrefix, string("kv"[i]), off(n.For)))
	}
	if len(lhs) == 0 {
		return
	}
	for i, e := range []ast.Expr{n.Key, n.Value} {
		if e == nil {
			continue
		}
		if id, ok := e.(*ast.Ident); !ok || id.Name != "_" {
			c.edits = append(c.edits, edit{off(e.Pos()), off(e.End()), fmt.Sprintf("%sr%s%d", helperPrefix, string("kv"[i]), off(n.For))})
		}
	}
	c.edits = append(c.edits, edit{off(n.TokPos), off(n.TokPos) + 1, ":="})
	p := off(n.Body.Lbrace) + 1
	c.edits = append(c.edits, edit{p, p, " " + strings.Join(lhs, ", ") + " = " + strings.Join(rhs, ", ") + ";"})
}

// assignable returns the source of e, the left side of an assignment, if
// it is a name, a field, an element or a pointer's target with no calls
// (none of which the cell compiler rewrites): else "".
func (c *compiler) assignable(e ast.Expr, off func(token.Pos) int) string {
	switch e.(type) {
	case *ast.Ident, *ast.SelectorExpr, *ast.IndexExpr, *ast.StarExpr, *ast.ParenExpr:
		if !hasCall(e) {
			return c.src[off(e.Pos()):off(e.End())]
		}
	}
	return ""
}

// rangeOverIntOf is rangeOverInt for an operand of type typ, known from a
// probe: the counter is made of that type, and the operand (a call, maybe)
// is evaluated once.
func (c *compiler) rangeOverIntOf(n *ast.RangeStmt, typ string, off func(token.Pos) int) {
	k := fmt.Sprintf("%sk%d", helperPrefix, off(n.For))
	lim := fmt.Sprintf("%sn%d", helperPrefix, off(n.For))
	from, to := off(n.X.Pos()), off(n.X.End())
	breaks := newlines(c.src[off(n.For):from] + c.src[to:off(n.Body.Lbrace)])
	c.edits = append(c.edits, edit{off(n.For), from, fmt.Sprintf("for%s %s, %s := %s(0), %s(", breaks, k, lim, typ, typ)},
		edit{to, off(n.Body.Lbrace), fmt.Sprintf("); %s < %s; %s++ ", k, lim, k)})
	c.bindRangeKey(n, k, off)
}

// integerType returns the type to count in for a range over a value of
// type t (as a probe names it), if t is an integer type: a predeclared
// one, an untyped integer constant's default, or a type of the cells over
// one. Else "".
func (c *compiler) integerType(t string, depth int) string {
	switch {
	case depth > 4 || t == "":
		return ""
	case integerTypes[t]:
		return t
	case t == "untyped int":
		return "int"
	case t == "untyped rune":
		return "rune"
	}
	name := versionedRE.ReplaceAllString(t, "$1")
	if spec := c.cellTypeDecl(name); spec != nil && spec.TypeParams == nil {
		if id, ok := spec.Type.(*ast.Ident); ok && c.integerType(id.Name, depth+1) != "" {
			return t
		}
	}
	return ""
}

// arrayPointer reports whether t (as a probe names it) is a pointer to an
// array: a literal array type or a type of the cells over one.
func (c *compiler) arrayPointer(t string) bool {
	elem, ok := strings.CutPrefix(t, "*")
	if !ok {
		return false
	}
	if strings.HasPrefix(elem, "[") && !strings.HasPrefix(elem, "[]") {
		return true
	}
	spec := c.cellTypeDecl(versionedRE.ReplaceAllString(elem, "$1"))
	if spec == nil || spec.TypeParams != nil {
		return false
	}
	at, ok := spec.Type.(*ast.ArrayType)
	return ok && at.Len != nil
}

// pointsToArray reports whether x is a variable declared (a parameter, a
// receiver, a var) or defined (from &T{...} or new(T)) as a pointer to an
// array.
func (c *compiler) pointsToArray(x ast.Expr) bool {
	id, ok := x.(*ast.Ident)
	if !ok || id.Obj == nil {
		return false
	}
	var elem ast.Expr
	if st, ok := declaredType(id).(*ast.StarExpr); ok {
		elem = st.X
	} else if as, ok := id.Obj.Decl.(*ast.AssignStmt); ok && as.Tok == token.DEFINE && len(as.Lhs) == len(as.Rhs) {
		for i, l := range as.Lhs {
			if l, ok := l.(*ast.Ident); !ok || l.Name != id.Name {
				continue
			}
			switch r := ast.Unparen(as.Rhs[i]).(type) {
			case *ast.UnaryExpr:
				if lit, ok := r.X.(*ast.CompositeLit); ok && r.Op == token.AND {
					elem = lit.Type
				}
			case *ast.CallExpr:
				if f, ok := r.Fun.(*ast.Ident); ok && f.Name == "new" && f.Obj == nil && !c.userDefined("new") && len(r.Args) == 1 {
					elem = r.Args[0]
				}
			}
		}
	}
	switch e := elem.(type) {
	case *ast.ArrayType:
		return e.Len != nil
	case *ast.Ident:
		return e.Obj == nil && c.arrayPointer("*"+e.Name) || e.Obj != nil && isArraySpec(e.Obj.Decl)
	}
	return false
}

func isArraySpec(d any) bool {
	ts, ok := d.(*ast.TypeSpec)
	if !ok || ts.TypeParams != nil {
		return false
	}
	at, ok := ts.Type.(*ast.ArrayType)
	return ok && at.Len != nil
}

// iotaConsts converts the values of typed constants that compute with
// iota (A Kind = iota + 1, B Flag = 1 << iota) to their type: yaegi keeps
// such a value untyped, so that x == A was false for an x of 1 and a map
// read with A panicked ("reflect.Value.MapIndex: value of type
// constant.Value is not assignable to type int"). Kind(iota + 1) it gets
// right, and the specs that repeat it (B, C, ...) repeat the conversion.
func (c *compiler) iotaConsts(d *ast.GenDecl, off func(token.Pos) int) {
	for _, sp := range d.Specs {
		vs, ok := sp.(*ast.ValueSpec)
		if !ok || vs.Type == nil {
			continue
		}
		for _, v := range vs.Values {
			if id, ok := v.(*ast.Ident); ok && id.Name == "iota" {
				continue // iota alone it gets right
			}
			usesIota := false
			ast.Inspect(v, func(n ast.Node) bool {
				id, ok := n.(*ast.Ident)
				usesIota = usesIota || ok && id.Name == "iota" && id.Obj == nil
				return !usesIota
			})
			if usesIota {
				c.edits = append(c.edits, edit{off(v.Pos()), off(v.Pos()), c.typeText(vs.Type, off) + "("}, edit{off(v.End()), off(v.End()), ")"})
			}
		}
	}
}

// nilAssigns writes an assignment of nil to two or more variables as one
// assignment each (e.prev, e.next = nil, nil  ->  e.prev = nil; e.next =
// nil), and one that assigns nil and other values as the others' then the
// nils' (line, n = nil, 0  ->  n = 0; line = nil): yaegi panicked on the
// parallel form ("reflect: New(nil)"). The nils go last, so the other
// values are read before any is set, as in Go; a variable that both sides
// name (a, b = nil, a) is fine for that reason; a nil's target that is,
// or reads, another target (m[i], i = nil, 2: see readsTarget) leaves the
// statement as it is. Only for a statement of a block.
func (c *compiler) nilAssigns(f *ast.File, parent map[ast.Node]ast.Node, off func(token.Pos) int) {
	ast.Inspect(f, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || as.Tok != token.ASSIGN || len(as.Lhs) < 2 || len(as.Lhs) != len(as.Rhs) {
			return true
		}
		switch parent[as].(type) {
		case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
		default:
			return true
		}
		nils := make([]bool, len(as.Rhs))
		set := map[string]bool{} // the others' targets, as written
		some := false
		for i, r := range as.Rhs {
			nils[i] = isNilIdent(r)
			some = some || nils[i]
			if !nils[i] {
				set[types.ExprString(as.Lhs[i])] = true
			}
		}
		if !some {
			return true
		}
		var after []string
		for i, l := range as.Lhs {
			if !nils[i] {
				continue
			}
			text := c.assignable(l, off)
			if text == "" || set[types.ExprString(l)] || readsTarget(l, set) {
				return true
			}
			after = append(after, text+" = nil")
		}
		if len(after) == len(as.Lhs) {
			// Only nils: one assignment each, in place.
			for i := 0; i+1 < len(as.Lhs); i++ {
				from, to := off(as.Lhs[i].End()), off(as.Lhs[i+1].Pos())
				c.edits = append(c.edits, edit{from, to, " = nil; " + newlines(c.src[from:to])})
			}
			from, to := off(as.Lhs[len(as.Lhs)-1].End()), off(as.End())
			c.edits = append(c.edits, edit{from, to, " = nil" + newlines(c.src[from:to])})
			return true
		}
		c.dropElems(as.Lhs, nils, off)
		c.dropElems(as.Rhs, nils, off)
		c.edits = append(c.edits, edit{off(as.End()), off(as.End()), "; " + strings.Join(after, "; ")})
		return true
	})
}

// parallelAnys writes an assignment of two or more values where one goes
// to a variable of an empty interface type (x, y = y, x with x and y of
// type any), or one has a call, as a define of the values and one
// assignment each:
//
//	x, n = y, m  ->  t0, t1 := y, m; x = t0; n = t1
//
// yaegi panicked on the parallel form ("reflect.Set: value of type
// interface {} is not assignable to type interp.valueInterface"), and
// with a call it assigned the other values wrong or not at all. The
// values are all read first, as in Go; a constant is assigned as written
// (a temporary would take its default type). Targets must have no calls,
// and none may read a variable an earlier one sets (i, a[i] = ...): else
// the statement stays. Only for a statement of a block.
func (c *compiler) parallelAnys(f *ast.File, parent map[ast.Node]ast.Node, off func(token.Pos) int) {
	ast.Inspect(f, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || as.Tok != token.ASSIGN || len(as.Lhs) < 2 || len(as.Lhs) != len(as.Rhs) {
			return true
		}
		wrap := false
		switch parent[as].(type) {
		case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
		case *ast.ForStmt, *ast.IfStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt:
			// An init or a post statement: one statement, a call.
			wrap = true
		default:
			return true
		}
		some := false
		set := map[string]bool{}
		for i, l := range as.Lhs {
			if isNilIdent(as.Rhs[i]) || c.assignable(l, off) == "" || readsTarget(l, set) {
				return true // (nils are nilAssigns')
			}
			set[types.ExprString(l)] = true
			// A value with a call: yaegi assigned the others wrong, or
			// not at all (i, j = 1, n() left i as it was).
			some = some || hasCall(as.Rhs[i])
			// (A value going to an error gets a helper's call, see
			// interfaceValues.)
			if t := c.operandType(l, off); t != nil && (c.isEmptyInterface(t) || c.isErrorType(t)) && !c.isConstant(as.Rhs[i]) {
				some = true
			}
		}
		if !some {
			return true
		}
		if c.cellOwn(as, parent) {
			// yaegi fails on a top-level define of a generic call's
			// result ("nil reflect type"): the statement goes into a func
			// of its own (see isCompound).
			c.compound[off(as.Pos())] = off(as.End())
		}
		at := off(as.Pos())
		var temps, after []string
		for i, l := range as.Lhs {
			if id, ok := l.(*ast.Ident); ok && id.Name == "_" || c.isConstant(as.Rhs[i]) {
				temps = append(temps, "_")
				if !(ok && id.Name == "_") {
					// The constant again, after the others.
					c.copies = append(c.copies, copyEdit{off: off(as.End()), from: off(l.Pos()), to: off(l.End()), text: "; ", suffix: " = " + c.src[off(as.Rhs[i].Pos()):off(as.Rhs[i].End())]})
				}
				continue
			}
			t := fmt.Sprintf("%spa%d_%d", helperPrefix, at, i)
			temps = append(temps, t)
			after = append(after, t)
			c.copies = append(c.copies, copyEdit{off: off(as.End()), from: off(l.Pos()), to: off(l.End()), text: "; ", suffix: " = " + t})
		}
		if len(after) == 0 {
			return true
		}
		c.defineEach(as.Lhs[0].Pos(), as.Rhs, temps, off)
		if wrap {
			c.enclose(off(as.Pos()), off(as.End()), "func() { ", " }()")
		}
		return true
	})
}

// defineEach writes the values of an assignment that starts at from as a
// define of each in turn, of temps ("_" for one not kept):
//
//	x, y = a, b  ->  t0 := a; t1 := b
//
// (One define of them all would be a define of several values at once,
// which yaegi gets wrong in the ways parenValues says.)
func (c *compiler) defineEach(from token.Pos, values []ast.Expr, temps []string, off func(token.Pos) int) {
	define := func(i int) string {
		if temps[i] == "_" {
			return "_ = "
		}
		return temps[i] + " := "
	}
	start, end := off(from), off(values[0].Pos())
	c.edits = append(c.edits, edit{start, end, define(0) + newlines(c.src[start:end])})
	for i := 1; i < len(values); i++ {
		start, end := off(values[i-1].End()), off(values[i].Pos())
		c.edits = append(c.edits, edit{start, end, "; " + define(i) + newlines(c.src[start:end])})
	}
}

// mapTuples writes an assignment of a call's results, or of a comma-ok
// form's two values, to targets among which an element is (m[k], err =
// f()) as a define of the values and one assignment each:
//
//	m[k], err = f()  ->  { t0, t1 := f(); m[k] = t0; err = t1 }
//
// yaegi stored nothing in a map that way (nor with m[k], ok = v.(T)). The
// targets must have no calls (they are evaluated after the values now),
// and none may read a variable an earlier one sets (i, a[i] = f()): else
// the statement stays. Only for a statement of a block.
func (c *compiler) mapTuples(f *ast.File, parent map[ast.Node]ast.Node, off func(token.Pos) int) {
	ast.Inspect(f, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || as.Tok != token.ASSIGN || len(as.Lhs) < 2 || len(as.Rhs) != 1 {
			return true
		}
		switch parent[as].(type) {
		case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
		default:
			return true
		}
		element := false
		set := map[string]bool{}
		for _, l := range as.Lhs {
			if c.assignable(l, off) == "" || readsTarget(l, set) {
				return true
			}
			set[types.ExprString(l)] = true
			_, isIndex := ast.Unparen(l).(*ast.IndexExpr)
			element = element || isIndex
		}
		if !element {
			return true
		}
		at := off(as.Pos())
		var temps []string
		for i, l := range as.Lhs {
			if id, ok := l.(*ast.Ident); ok && id.Name == "_" {
				temps = append(temps, "_")
				continue
			}
			t := fmt.Sprintf("%smt%d_%d", helperPrefix, at, i)
			temps = append(temps, t)
			c.copies = append(c.copies, copyEdit{off: off(as.End()), from: off(l.Pos()), to: off(l.End()), text: "; ", suffix: " = " + t})
		}
		// In a block of its own; among a cell's own statements, in a func
		// of its own (see isCompound): yaegi cannot define two variables
		// from a comma-ok form there ("nil type"), nor in a block.
		if c.cellOwn(as, parent) {
			c.compound[at] = off(as.End())
		} else {
			c.enclose(at, off(as.End()), "{ ", " }")
		}
		c.edits = append(c.edits, edit{at, off(as.TokPos) + len("="), strings.Join(temps, ", ") + " :=" + newlines(c.src[at:off(as.TokPos)])})
		return true
	})
}

// isBuiltinCall reports whether e is a call of a builtin func with a
// result.
func (c *compiler) isBuiltinCall(e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok || id.Obj != nil || c.userDefined(id.Name) {
		return false
	}
	switch id.Name {
	case "len", "cap", "append", "make", "new", "real", "imag", "copy":
		// (Not min and max: the cell compiler makes them calls of its
		// own funcs, which yaegi returns right.)
		return true
	}
	return false
}

// parenValues parenthesizes, among two or more values assigned, defined,
// declared or returned at once, the composite literals, the receives and
// the calls of builtins: yaegi lost the other values (n, xs := 1, []int{}
// left n 0, a, b := <-ch, 2 left b 0), panicked (return <-ch, 2; return
// "a", len(s)) or put the builtin's result in another's place (return 5,
// len(s) returned 5, 5). It gets them all right in parentheses, which fit
// everywhere a value does (an if's init statement too).
func (c *compiler) parenValues(f *ast.File, off func(token.Pos) int) {
	paren := func(values []ast.Expr) {
		if len(values) < 2 {
			return
		}
		for _, v := range values {
			_, lit := v.(*ast.CompositeLit)
			u, unary := v.(*ast.UnaryExpr)
			if lit || unary && u.Op == token.ARROW || c.isBuiltinCall(v) {
				// The closing parenthesis first among what goes after v:
				// it is the innermost (a probe's "; ... }" after the
				// statement comes after it).
				c.edits = append([]edit{{off(v.End()), off(v.End()), ")"}}, c.edits...)
				c.edits = append(c.edits, edit{off(v.Pos()), off(v.Pos()), "("})
			}
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			paren(n.Rhs)
		case *ast.ValueSpec:
			paren(n.Values)
		case *ast.ReturnStmt:
			paren(n.Results)
		}
		return true
	})
}

// enclose writes open before and closing after the statement [from, to),
// around the copies already made to go after it. (As copies themselves,
// so that copies of what the statement holds hold neither.)
func (c *compiler) enclose(from, to int, open, closing string) {
	c.copies = append(c.copies, copyEdit{off: to, from: to, to: to, text: closing},
		copyEdit{off: from, from: from, to: from, text: open, first: true})
}

// readsTarget reports whether finding where the target l is reads one of
// the targets before it (i, a[i]; p, p.x), each in set as it is written.
func readsTarget(l ast.Expr, set map[string]bool) bool {
	found := false
	ast.Inspect(l, func(n ast.Node) bool {
		if e, ok := n.(ast.Expr); ok && e != l && set[types.ExprString(e)] {
			found = true
		}
		return !found
	})
	return found
}

// caseLists writes the list of a tagless switch's case as one condition:
// yaegi tested only the first of them (case x == 1, x == 2: did not run
// for 2). Go tests them in order and stops at the first true one, as ||
// does:
//
//	case a, b:  ->  case (a) || (b):
func (c *compiler) caseLists(f *ast.File, off func(token.Pos) int) {
	ast.Inspect(f, func(n ast.Node) bool {
		sw, ok := n.(*ast.SwitchStmt)
		if !ok {
			return true
		}
		if id, isIdent := sw.Tag.(*ast.Ident); sw.Tag != nil && !(isIdent && id.Name == "true" && id.Obj == nil && !c.userDefined("true")) {
			return true
		}
		for _, s := range sw.Body.List {
			cl := s.(*ast.CaseClause)
			if len(cl.List) < 2 {
				continue
			}
			c.edits = append(c.edits, edit{off(cl.List[0].Pos()), off(cl.List[0].Pos()), "("})
			for i := 1; i < len(cl.List); i++ {
				from, to := off(cl.List[i-1].End()), off(cl.List[i].Pos())
				c.edits = append(c.edits, edit{from, to, ") ||" + newlines(c.src[from:to]) + " ("})
			}
			last := off(cl.List[len(cl.List)-1].End())
			c.edits = append(c.edits, edit{last, last, ")"})
		}
		return true
	})
}

// anyResults rewrites the values returned as a result of an empty
// interface type that yaegi got wrong:
//
//   - a comparison or a negation becomes a conversion to bool (return x < y
//     ->  return bool(x < y)): yaegi panicked ("reflect: call of
//     reflect.Value.SetBool on interface Value");
//   - a value that may be of a named type of the cells goes through a call,
//     as interfaceValues does for a variable: yaegi returned one that is not
//     a struct (type Num float64) as its underlying type, so an assertion of
//     the result to an interface of the cells failed ("float64 is not
//     main.Node").
func (c *compiler) anyResults(f *ast.File, parent map[ast.Node]ast.Node, off func(token.Pos) int) {
	ast.Inspect(f, func(n ast.Node) bool {
		ret, ok := n.(*ast.ReturnStmt)
		if !ok || len(ret.Results) == 0 {
			return true
		}
		_, ft := enclosingFunc(ret, parent)
		rs := fieldTypes(ft.Results)
		if len(rs) != len(ret.Results) {
			return true
		}
		for i, r := range ret.Results {
			if !c.isEmptyInterface(rs[i]) {
				continue
			}
			switch {
			case isBoolOp(r):
				if !c.userDefined("bool") {
					c.edits = append(c.edits, edit{off(r.Pos()), off(r.Pos()), "bool("}, edit{off(r.End()), off(r.End()), ")"})
				}
			case mayBeNamed(r):
				c.edits = append(c.edits, edit{off(r.Pos()), off(r.Pos()), HelperAny + "("}, edit{off(r.End()), off(r.End()), ")"})
			}
		}
		return true
	})
}

// isBoolOp reports whether e is a comparison or a negation.
func isBoolOp(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.BinaryExpr:
		switch x.Op {
		case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
			return true
		}
	case *ast.UnaryExpr:
		return x.Op == token.NOT
	}
	return false
}

// mayBeNamed reports whether e, an expression returned as an any, may be
// of a named type of the cells: not nil, a literal or a boolean operation.
func mayBeNamed(e ast.Expr) bool {
	switch x := ast.Unparen(e).(type) {
	case *ast.BasicLit, *ast.FuncLit:
		return false
	case *ast.Ident:
		return x.Name != "nil" && x.Name != "true" && x.Name != "false" || x.Obj != nil
	case *ast.BinaryExpr:
		switch x.Op {
		case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ, token.LAND, token.LOR:
			return false
		}
	case *ast.UnaryExpr:
		return x.Op != token.NOT
	}
	return true
}

// isEmptyInterface reports whether t is an interface type with no
// methods: any, interface{}, or a type of the cells declared as one.
func (c *compiler) isEmptyInterface(t ast.Expr) bool {
	switch x := t.(type) {
	case *ast.Ident:
		if x.Name == "any" && !c.userDefined("any") {
			return true
		}
		if spec := c.cellTypeDecl(x.Name); spec != nil && spec.TypeParams == nil {
			it, ok := spec.Type.(*ast.InterfaceType)
			return ok && (it.Methods == nil || len(it.Methods.List) == 0)
		}
	case *ast.InterfaceType:
		return x.Methods == nil || len(x.Methods.List) == 0
	}
	return false
}

// isConstant reports whether e is a constant expression as the syntax
// tells: literals, true, false, constants of the cell or the cells, and
// operations on those.
func (c *compiler) isConstant(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.BasicLit:
		return true
	case *ast.ParenExpr:
		return c.isConstant(x.X)
	case *ast.UnaryExpr:
		return x.Op != token.AND && x.Op != token.ARROW && c.isConstant(x.X)
	case *ast.BinaryExpr:
		return c.isConstant(x.X) && c.isConstant(x.Y)
	case *ast.Ident:
		if x.Obj != nil {
			return x.Obj.Kind == ast.Con
		}
		if (x.Name == "true" || x.Name == "false") && !c.userDefined(x.Name) {
			return true
		}
		return strings.HasPrefix(c.declSource(x.Name), "const")
	}
	return false
}

// dropElems deletes the elements of list that drop marks, with their
// commas; at least one element stays.
func (c *compiler) dropElems(list []ast.Expr, drop []bool, off func(token.Pos) int) {
	last := -1 // the last element kept
	for i := range list {
		if !drop[i] {
			last = i
		}
	}
	cut := func(from, to int) { c.edits = append(c.edits, edit{from, to, newlines(c.src[from:to])}) }
	for i := 0; i < last; i++ {
		if drop[i] {
			cut(off(list[i].Pos()), off(list[i+1].Pos()))
		}
	}
	if last < len(list)-1 {
		cut(off(list[last].End()), off(list[len(list)-1].End()))
	}
}

// commaOKMaps makes a comma-ok read of a map that finds no key give the
// zero value: yaegi left the variable holding what it held before when the
// map's values are structs or arrays (in a loop, the previous key's
// value). After the statement, the variable is set again from the map,
// which gives the zero value for a missing key:
//
//	e, ok := m[k]  ->  e, ok := m[k]; if !ok { e = m[k] }
//
// Only for a statement of a block (an if's or a for's init cannot take a
// second statement) whose key has no calls (it is evaluated again).
func (c *compiler) commaOKMaps(f *ast.File, parent map[ast.Node]ast.Node, off func(token.Pos) int) {
	ast.Inspect(f, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != 2 || len(as.Rhs) != 1 {
			return true
		}
		v, vIdent := as.Lhs[0].(*ast.Ident)
		found, fIdent := as.Lhs[1].(*ast.Ident)
		if !vIdent || !fIdent || v.Name == "_" {
			return true
		}
		if ta, ok := ast.Unparen(as.Rhs[0]).(*ast.TypeAssertExpr); ok && ta.Type != nil && (found.Name != "_" || as.Tok == token.DEFINE) {
			// The same for a failed assertion to a concrete type: the
			// variable is set to its zero value.
			if _, instance := ta.Type.(*ast.IndexExpr); instance || c.isInterfaceType(ta.Type) {
				return true
			}
			switch parent[as].(type) {
			case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
			default:
				return true
			}
			if p, ok := parent[as].(*ast.BlockStmt); ok {
				if fd, ok := parent[p].(*ast.FuncDecl); ok && fd.Name.Name == "_" && fd.Recv == nil {
					return true
				}
			}
			okName := found.Name
			if okName == "_" {
				// a, _ := v.(T): the result is needed, under a name of its own.
				okName = fmt.Sprintf("%sok%d", helperPrefix, off(as.Pos()))
				c.edits = append(c.edits, edit{off(found.Pos()), off(found.End()), okName})
			}
			end := off(as.End())
			c.copies = append(c.copies, copyEdit{off: end, from: off(ta.Type.Pos()), to: off(ta.Type.End()),
				text: fmt.Sprintf("; if !%s { %s = *new(", okName, v.Name), suffix: ") }", flat: true})
			return true
		}
		ix, isIndex := ast.Unparen(as.Rhs[0]).(*ast.IndexExpr)
		if !isIndex || hasCall(ix) {
			return true
		}
		if found.Name == "_" {
			// e, _ := m[k] is e := m[k], which yaegi gets right.
			c.edits = append(c.edits, edit{off(v.End()), off(found.End()), ""})
			return true
		}
		switch p := parent[as].(type) {
		case *ast.BlockStmt:
			if fd, ok := parent[p].(*ast.FuncDecl); ok && fd.Name.Name == "_" && fd.Recv == nil {
				return true // a cell's own statement: see multiDefineSite
			}
		case *ast.CaseClause, *ast.CommClause:
		default:
			return true
		}
		end := off(as.End())
		c.copies = append(c.copies, copyEdit{off: end, from: off(ix.Pos()), to: off(ix.End()),
			text: fmt.Sprintf("; if !%s { %s = ", found.Name, v.Name), suffix: " }", flat: true})
		return true
	})
}

// parenReceives puts the receive operations among es (the results of a
// return, the values of an assignment, define or var) in parentheses: yaegi
// fails on "return <-ch" ("reflect.Value.Set using unaddressable value"),
// ignores "r = <-ch" where r is a named result, and keeps a cell's "r :=
// <-ch" (or "var r = <-ch") as the received value itself, which a later
// "r = 5" cannot set (the same panic); it gets all right for a
// parenthesized receive.
func (c *compiler) parenReceives(es []ast.Expr, off func(token.Pos) int) {
	for _, e := range es {
		if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.ARROW {
			c.edits = append(c.edits, edit{off(u.Pos()), off(u.Pos()), "("}, edit{off(u.End()), off(u.End()), ")"})
		}
	}
}

// selectAssign rewrites a select case that receives into variables with
// "=", which yaegi fails on ("reflect.Select: invalid Dir"), as one that
// defines fresh ones and assigns them first thing in the case:
//
//	case v, ok = <-ch:  ->  case r0, r1 := <-ch: v, ok = r0, r1;
func (c *compiler) selectAssign(cc *ast.CommClause, as *ast.AssignStmt, off func(token.Pos) int) {
	if as.Tok != token.ASSIGN {
		return
	}
	var temps []string
	for i, l := range as.Lhs {
		if id, ok := l.(*ast.Ident); ok && id.Name == "_" {
			continue
		}
		t := fmt.Sprintf("%sr%d_%d", helperPrefix, off(as.Pos()), i)
		temps = append(temps, t)
		from, to := off(l.Pos()), off(l.End())
		c.copies = append(c.copies, copyEdit{off: off(cc.Colon) + 1, from: from, to: to, text: " ", suffix: " = " + t + ";", flat: true, replaced: true})
		c.edits = append([]edit{{from, to, t + newlines(c.src[from:to])}}, c.edits...)
	}
	if len(temps) == 0 {
		// case _ = <-ch: nothing to keep.
		c.edits = append(c.edits, edit{off(as.Pos()), off(as.TokPos) + 1, newlines(c.src[off(as.Pos()):off(as.TokPos)])})
		return
	}
	c.edits = append(c.edits, edit{off(as.TokPos), off(as.TokPos) + 1, ":="})
}

// localResults gives a recursive func with named results local variables
// of those names instead: in yaegi a recursive call's named results could
// start with its caller's values, not zero (count([]any{1, []any{2, 3},
// 4}), adding to its named result, gave 5). The results get hidden names,
// the locals start at zero, and a bare return returns the locals. Not
// where a defer may set the results.
func (c *compiler) localResults(fd *ast.FuncDecl, off func(token.Pos) int) {
	if fd.Body == nil || fd.Type.Results == nil || len(fd.Type.Results.List) == 0 || len(fd.Type.Results.List[0].Names) == 0 {
		return
	}
	recursive, defers := false, false
	var bare []*ast.ReturnStmt
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			defers = true
		case *ast.ReturnStmt:
			if len(n.Results) == 0 {
				bare = append(bare, n)
			}
		case *ast.CallExpr:
			switch f := n.Fun.(type) {
			case *ast.Ident:
				recursive = recursive || f.Name == fd.Name.Name
			case *ast.SelectorExpr:
				recursive = recursive || fd.Recv != nil && f.Sel.Name == fd.Name.Name
			}
		}
		return true
	})
	if !recursive || defers {
		return
	}
	var locals []string
	init := ""
	i := 0
	for _, f := range fd.Type.Results.List {
		for _, id := range f.Names {
			hidden := fmt.Sprintf("%sres%d_%d", helperPrefix, off(fd.Pos()), i)
			i++
			c.edits = append(c.edits, edit{off(id.Pos()), off(id.End()), hidden})
			if id.Name == "_" {
				locals = append(locals, hidden)
				continue
			}
			locals = append(locals, id.Name)
			// Its zero value, not the hidden result's: a recursive call
			// of yaegi's can find its named results holding its caller's.
			init += fmt.Sprintf(" var %s %s; _ = %s;", id.Name, c.typeText(f.Type, off), id.Name)
		}
	}
	p := off(fd.Body.Lbrace) + 1
	c.edits = append(c.edits, edit{p, p, init})
	for _, r := range bare {
		c.edits = append(c.edits, edit{off(r.Pos()), off(r.End()), "return " + strings.Join(locals, ", ")})
	}
}

// untypedShifts gives the untyped constant of a shift by a variable its
// type from the expression it is in, as Go does: in b[i/64]&(1<<(i%64)),
// 1 is a uint64, and yaegi took it for an int ("reflect: call of
// reflect.Value.Uint on int Value"). Where the other operand's written
// type is a sized integer type, the constant is converted to it.
func (c *compiler) untypedShifts(n *ast.BinaryExpr, off func(token.Pos) int) {
	switch n.Op {
	case token.AND, token.OR, token.XOR, token.AND_NOT, token.ADD, token.SUB, token.MUL, token.QUO, token.REM,
		token.EQL, token.NEQ, token.LSS, token.GTR, token.LEQ, token.GEQ:
	default:
		return
	}
	for _, pair := range [][2]ast.Expr{{n.X, n.Y}, {n.Y, n.X}} {
		sh, ok := ast.Unparen(pair[0]).(*ast.BinaryExpr)
		if !ok || sh.Op != token.SHL && sh.Op != token.SHR {
			continue
		}
		lit, ok := ast.Unparen(sh.X).(*ast.BasicLit)
		if _, constant := ast.Unparen(sh.Y).(*ast.BasicLit); !ok || lit.Kind != token.INT || constant {
			continue
		}
		if t := c.intTypeOf(pair[1], off); t != "" {
			c.edits = append(c.edits, edit{off(lit.Pos()), off(lit.Pos()), t + "("}, edit{off(lit.End()), off(lit.End()), ")"})
		}
	}
}

// intTypeOf returns e's written type if it is an integer type (a
// predeclared one, or a type of the cells over one), as the cell names it
// now, or "". An int is "": the untyped constant's own default.
func (c *compiler) intTypeOf(e ast.Expr, off func(token.Pos) int) string {
	if hasCall(e) {
		return ""
	}
	written := c.writtenType(e, nil, nil, off)
	t := versionedRE.ReplaceAllString(written, "$1")
	if t == "int" {
		return ""
	}
	for range 4 {
		if t == "" || integerTypes[t] {
			if t != "" {
				return written
			}
			return ""
		}
		spec := c.cellTypeDecl(t)
		if spec == nil || spec.TypeParams != nil {
			return ""
		}
		id, ok := spec.Type.(*ast.Ident)
		if !ok {
			return ""
		}
		t = id.Name
	}
	return ""
}

// conversion reports whether call converts to a type the syntax names: a
// predeclared type, a type of the cells, or a type literal ([]byte(s)).
func (c *compiler) conversion(call *ast.CallExpr) bool {
	if len(call.Args) != 1 || call.Ellipsis.IsValid() {
		return false
	}
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		if f.Obj != nil {
			return f.Obj.Kind == ast.Typ
		}
		if spec := c.cellTypeDecl(f.Name); spec != nil {
			return spec.TypeParams == nil
		}
		return !c.userDefined(f.Name) && types.Universe.Lookup(f.Name) != nil && isTypeName(f.Name)
	case *ast.ArrayType, *ast.StarExpr, *ast.MapType, *ast.ChanType, *ast.FuncType:
		return true
	}
	return false
}

// isTypeName reports whether name is a predeclared type.
func isTypeName(name string) bool {
	_, ok := types.Universe.Lookup(name).(*types.TypeName)
	return ok
}

// nameParams names a method's unnamed parameters "_": yaegi sets the
// arguments of a method declared with unnamed parameters into its results
// ("reflect.Set: value of type map[string]float64 is not assignable to
// type float64"); named ones it gets right, and funcs either way.
func (c *compiler) nameParams(n *ast.FuncDecl, off func(token.Pos) int) {
	if n.Recv == nil || n.Type.Params == nil {
		return
	}
	for _, f := range n.Type.Params.List {
		if len(f.Names) == 0 {
			c.edits = append(c.edits, edit{off(f.Type.Pos()), off(f.Type.Pos()), "_ "})
		}
	}
}

// newlines returns as many line breaks as s has.
func newlines(s string) string { return strings.Repeat("\n", strings.Count(s, "\n")) }

// userDefined reports whether name is the user's own, shadowing a builtin.
func (c *compiler) userDefined(name string) bool {
	return c.localDefs[name] || c.env.Defined(name)
}

// perIteration gives each iteration its own copy of a loop variable (Go
// 1.22 semantics) where a closure, go or defer in the body could observe the
// difference. The body's uses are renamed to a copy declared first thing in
// the body: yaegi mishandles the idiomatic "i := i". A three-clause loop
// whose body assigns the variable keeps the old semantics, since the copy
// would not carry the change back to the loop.
func (c *compiler) perIteration(body *ast.BlockStmt, e ast.Expr, threeClause bool, off func(token.Pos) int) {
	id, ok := e.(*ast.Ident)
	if !ok || id.Name == "_" || id.Obj == nil || !capturedIn(body, id.Name) {
		return
	}
	if threeClause && assignedIn(body, id.Name) {
		return
	}
	copyName := helperPrefix + "iter_" + id.Name
	var uses []edit
	ast.Inspect(body, func(n ast.Node) bool {
		if u, ok := n.(*ast.Ident); ok && u.Obj == id.Obj {
			uses = append(uses, edit{off(u.Pos()), off(u.End()), copyName})
		}
		return true
	})
	p := off(body.Lbrace) + 1
	c.edits = append(c.edits, edit{p, p, copyName + " := " + id.Name + "; "})
	c.edits = append(c.edits, uses...)
}

// recoverGo makes a goroutine started by a cell recover its own panic and
// report it, instead of taking the whole evaluator down. The guard is a
// deferred call of a declared func (HelperGoRecover), not of a func
// literal: yaegi keeps a literal's value in a slot of the frame it is
// written in, which goroutines made from the same loop share, so a
// literal written in the goroutine and made by several at once was now
// and then another's, or nil ("reflect.Value.Call: call of nil function",
// in a goroutine no recover reaches, which ended the process). ownFrame:
// the go statement is in a loop whose iterations share a frame, where the
// literal the goroutine runs is made in a func of its own, called at once
// (see loopClosures).
func (c *compiler) recoverGo(g *ast.GoStmt, ownFrame bool, off func(token.Pos) int) {
	guard := "defer " + HelperGoRecover + "(); "
	name := fmt.Sprintf("%sg%d", helperPrefix, off(g.Pos()))
	if lit, ok := g.Call.Fun.(*ast.FuncLit); ok {
		p := off(lit.Body.Lbrace) + 1
		c.edits = append(c.edits, edit{p, p, guard})
		if ownFrame {
			// { g := func() T { return LIT }(); go g(args) } (see loopClosures)
			c.edits = append(c.edits, edit{off(g.Go), off(lit.Pos()), "{ " + name + " := "},
				edit{off(g.End()), off(g.End()), " }"})
			c.madeApart(lit, " }(); go "+name, off)
		}
		return
	}
	// Arguments are evaluated in the new goroutine rather than at the go
	// statement; the difference is rarely observable in a cell.
	if ownFrame {
		c.edits = append(c.edits,
			edit{off(g.Go), off(g.Call.Pos()), "{ " + name + " := func() func() { return func() { " + guard},
			edit{off(g.Call.End()), off(g.Call.End()), " } }(); go " + name + "() }"})
		return
	}
	c.edits = append(c.edits,
		edit{off(g.Call.Pos()), off(g.Call.Pos()), "func() { " + guard},
		edit{off(g.Call.End()), off(g.Call.End()), " }()"})
}

// capturedIn reports whether name is referenced inside a function literal,
// go or defer statement within body.
func capturedIn(body *ast.BlockStmt, name string) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FuncLit, *ast.GoStmt, *ast.DeferStmt:
			if refers(n, name) {
				found = true
			}
			return false
		}
		return !found
	})
	return found
}

func refers(n ast.Node, name string) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && id.Name == name {
			found = true
		}
		return !found
	})
	return found
}

// assignedIn reports whether body assigns to name (x = ..., x++, &x).
func assignedIn(body *ast.BlockStmt, name string) bool {
	return assigns(body, func(id *ast.Ident) bool { return id.Name == name }, func(*ast.AssignStmt) bool { return false })
}

// assigns reports whether body assigns to a variable is matches (x = ...,
// x++, &x), counting the defines (:=) of it that redefines reports.
func assigns(body *ast.BlockStmt, is func(*ast.Ident) bool, redefines func(*ast.AssignStmt) bool) bool {
	found := false
	match := func(e ast.Expr) bool { id, ok := e.(*ast.Ident); return ok && is(id) }
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Tok != token.DEFINE || redefines(n) {
				for _, l := range n.Lhs {
					found = found || match(l)
				}
			}
		case *ast.IncDecStmt:
			found = found || match(n.X)
		case *ast.UnaryExpr:
			found = found || (n.Op == token.AND && match(n.X))
		}
		return !found
	})
	return found
}

// universe holds Go's predeclared identifiers.
var universe = map[string]bool{}

func init() {
	for _, n := range strings.Fields(`append cap clear close complex copy delete imag len make max min new panic print println real recover
		bool byte complex64 complex128 error float32 float64 int int8 int16 int32 int64 rune string uint uint8 uint16 uint32 uint64 uintptr any comparable
		true false nil iota`) {
		universe[n] = true
	}
}

// checkFree reports the first identifier that nothing defines, before any
// of the cell runs (the interpreter's own message for it is misleading, and
// it would have run the statements before it).
func (c *compiler) checkFree() error {
	for _, f := range c.free {
		n := f.name
		if universe[n] || strings.HasPrefix(n, helperPrefix) || c.userDefined(n) {
			continue
		}
		if c.importsName(n) {
			continue
		}
		line, col := position(c.src, f.off)
		return &Error{Line: line, Col: col, Msg: "undefined: " + n}
	}
	return nil
}

// renameTypes points references to redefined types, and to generic funcs,
// at their current internal versions.
func (c *compiler) renameTypes() {
	for _, f := range c.free {
		if c.localDefs[f.name] && !c.isType(f.name) && !slices.Contains(c.generic, f.name) {
			continue // the cell's own func or var, not one with a name of its own
		}
		if r := c.env.Rename(f.name); r != f.name {
			c.edits = append(c.edits, edit{f.off, f.off + len(f.name), r})
		}
	}
}

func (c *compiler) isType(name string) bool { return slices.Contains(c.types, name) }

// importsName reports whether name is a package imported by an earlier cell
// or by this one.
func (c *compiler) importsName(name string) bool {
	if _, ok := c.env.Imported(name); ok {
		return true
	}
	return slices.ContainsFunc(c.imports, func(im ImportSpec) bool { return im.Name == name })
}

// position converts a byte offset in src to a 1-based line and column.
func position(src string, off int) (line, col int) {
	off = min(max(off, 0), len(src))
	line = 1 + strings.Count(src[:off], "\n")
	return line, off - strings.LastIndex(src[:off], "\n")
}

// autoImports adds imports for packages used by name but not imported.
func (c *compiler) autoImports() {
	names := make([]string, 0, len(c.selectors))
	for n := range c.selectors {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if c.userDefined(n) || c.importsName(n) {
			continue
		}
		if p, ok := c.packageFor(n); ok {
			c.imports = append(c.imports, ImportSpec{Name: n, Path: p, Auto: true})
		}
	}
}

// program assembles the chunks: consecutive units of one kind form a chunk,
// in cell order; imports are hoisted out.
func (c *compiler) program(units []Unit) (*Program, error) {
	sort.SliceStable(c.defines, func(i, j int) bool { return c.defineAt[c.defines[i]] < c.defineAt[c.defines[j]] })
	p := &Program{Imports: c.imports, Defines: c.defines, Sources: c.sources, Refs: c.refs, MethodRefs: c.methodRefs, TypeRefs: c.typeRefs, Types: c.types,
		FuncValues: c.funcValues, FuncOrder: c.funcOrder, FuncValueRefs: c.funcValueRefs(), ParamsRenamed: c.paramsRenamed, Generic: c.generic, Eager: c.eager, Instances: c.instances, DefineTypes: c.defineTypes}
	// By offset; at one offset, insertions before a replacement starting
	// there (a probe statement before a statement that is rewritten too).
	byOffset := func(i, j int) bool {
		a, b := c.edits[i], c.edits[j]
		return a.off < b.off || a.off == b.off && a.end == a.off && b.end > b.off
	}
	for _, e := range c.typeArgEdits {
		if e.first {
			c.edits = append([]edit{e.edit}, c.edits...)
		} else {
			c.edits = append(c.edits, e.edit)
		}
	}
	sort.SliceStable(c.edits, byOffset)
	if len(c.copies) > 0 {
		c.resolveCopies(byOffset)
		sort.SliceStable(c.edits, byOffset)
	}
	var group []Unit
	flush := func() {
		if len(group) == 0 {
			return
		}
		kind := group[0].Kind
		if kind != Stmt {
			c.declChunks(p, group)
			group = group[:0]
			return
		}
		var simple []Unit
		emit := func() {
			if len(simple) > 0 {
				p.Chunks = append(p.Chunks, Chunk{Kind: Stmt, Src: c.render(simple, nil), Sites: c.sitesIn(simple)})
				simple = nil
			}
		}
		for i := 0; i < len(group); i++ {
			u := group[i]
			if c.lastExpr != nil && u == c.lastUnit {
				// The last expression gets a chunk of its own so that it
				// can be run again unwrapped if it has no value.
				emit()
				if _, lit := c.compound[u.Start]; lit {
					// A func literal called at once, in a func of its own
					// as everywhere else (see isCompound), with its value
					// shown if it has one.
					name := fmt.Sprintf("%sblock%x_%d", helperPrefix, fnv32(c.src), u.Start)
					show := c.showEdits(u)
					from, to := show[0].off, show[len(show)-1].off
					show[0].text = "func " + name + "() { " + show[0].text
					show[len(show)-1].text += " }"
					plain := []edit{{from, from, "func " + name + "() { "}, {to, to, " }"}}
					p.Chunks = append(p.Chunks,
						Chunk{Kind: Decl, Src: c.render([]Unit{u}, show), Show: true, Plain: c.render([]Unit{u}, plain), Sites: c.sitesIn([]Unit{u})},
						Chunk{Kind: Stmt, Src: c.render(nil, []edit{{u.Start, u.Start, name + "()"}})})
					continue
				}
				p.Chunks = append(p.Chunks, Chunk{Kind: Stmt, Src: c.render([]Unit{u}, c.showEdits(u)), Show: true, Plain: c.render([]Unit{u}, nil), Sites: c.sitesIn([]Unit{u})})
				continue
			}
			end, ok := c.compound[u.Start]
			if !ok {
				names := c.redefinedAt(u)
				if len(names) > 0 {
					// A define of a name of earlier cells gets a chunk of
					// its own: the funcs of earlier cells that use the name
					// are compiled again right after it, and yaegi gives
					// the new variable to every use in its chunk, also to
					// those before it, which all chunks' compiles precede.
					emit()
				}
				simple = append(simple, u)
				if len(names) > 0 {
					emit()
					for _, n := range names {
						p.DeclChunk[n] = len(p.Chunks) - 1
					}
				}
				continue
			}
			// A compound statement may span several units ("for i := 0;
			// i < n; i++ {": the scanner's semicolons split it).
			stmt := []Unit{u}
			for i+1 < len(group) && group[i+1].Start < end {
				i++
				stmt = append(stmt, group[i])
			}
			emit()
			name := fmt.Sprintf("%sblock%x_%d", helperPrefix, fnv32(c.src), u.Start)
			p.Chunks = append(p.Chunks,
				Chunk{Kind: Decl, Src: c.render(stmt, []edit{{u.Start, u.Start, "func " + name + "() { "}, {end, end, " }"}}), Sites: c.sitesIn(stmt)},
				Chunk{Kind: Stmt, Src: c.render(nil, []edit{{u.Start, u.Start, name + "()"}})})
		}
		emit()
		group = group[:0]
	}
	p.DeclChunk = map[string]int{}
	for _, u := range c.orderVars(units) {
		if u.Kind == Import {
			continue
		}
		if len(group) > 0 && group[0].Kind != u.Kind {
			flush()
		}
		group = append(group, u)
	}
	flush()
	c.aliasChunk(p)
	c.declareVias(p)
	return p, nil
}

// aliasChunk declares the aliases aliasInstances made in a chunk of their
// own, before the first chunk that uses one: after the declarations of
// the cell's types it names, which come before any use.
func (c *compiler) aliasChunk(p *Program) {
	var names, decls []string
	for _, a := range c.aliases {
		names = append(names, a[0])
		decls = append(decls, "type "+a[0]+" = "+a[1])
	}
	chunkBefore(p, names, decls)
}

// declareVias declares the helpers viaHelper made in a chunk of their own,
// before the first chunk that calls one: yaegi may instantiate the caller
// while it reads the chunk, before a declaration after it.
func (c *compiler) declareVias(p *Program) {
	var names []string
	for _, v := range c.vias {
		names = append(names, v[len("func "):strings.IndexByte(v, '[')])
	}
	chunkBefore(p, names, c.vias)
}

// chunkBefore puts decls in a chunk of their own before the first chunk
// that names one of names.
func chunkBefore(p *Program, names, decls []string) {
	if len(decls) == 0 {
		return
	}
	at := slices.IndexFunc(p.Chunks, func(ch Chunk) bool {
		return slices.ContainsFunc(names, func(n string) bool { return strings.Contains(ch.Src, n) })
	})
	if at < 0 {
		return
	}
	p.Chunks = slices.Insert(p.Chunks, at, Chunk{Kind: Decl, Src: strings.Join(decls, "\n")})
	for n, i := range p.DeclChunk {
		if i >= at {
			p.DeclChunk[n] = i + 1
		}
	}
}

// orderVars moves the cell's top-level var statements (var x = f(...),
// which run as statements) to where Go's order of declarations has them:
// before the funcs of the cell that use them when those come first in
// the cell (a func's body is compiled with its declaration, and needs the
// var), and after the funcs their values call when those come later. A
// var moves across declarations only, never across other statements (it
// would run at another time), and only where it depends on nothing in
// between.
func (c *compiler) orderVars(units []Unit) []Unit {
	names := func(u Unit) map[string]bool {
		out := map[string]bool{}
		for n, at := range c.defineAt {
			if at >= u.Start && at < u.End {
				out[n] = true
			}
		}
		return out
	}
	uses := func(u Unit, declared map[string]bool) bool {
		for _, f := range c.free {
			if f.off >= u.Start && f.off < u.End && declared[f.name] {
				return true
			}
		}
		return false
	}
	out := slices.Clone(units)
	for i := 0; i < len(out); i++ {
		v := out[i]
		if v.Kind != Stmt || !strings.HasPrefix(strings.TrimSpace(c.src[v.Start:v.End]), "var ") {
			continue
		}
		vars := names(v)
		if len(vars) == 0 {
			continue
		}
		// Earlier: before the first declaration that uses it, if only
		// declarations that do not declare what it uses come between.
		to := -1
		for j := i - 1; j >= 0 && out[j].Kind == Decl; j-- {
			if uses(v, names(out[j])) {
				break
			}
			if uses(out[j], vars) {
				to = j
			}
		}
		if to >= 0 {
			out = slices.Insert(slices.Delete(out, i, i+1), to, v)
			continue
		}
		// Later: after the last declaration it uses, if only declarations
		// that do not use it come between.
		to = -1
		for j := i + 1; j < len(out) && out[j].Kind == Decl; j++ {
			if uses(out[j], vars) {
				break
			}
			if uses(v, names(out[j])) {
				to = j
			}
		}
		if to >= 0 {
			out = slices.Insert(out, to+1, v)
			out = slices.Delete(out, i, i+1)
			i-- // the unit now at i is still to be seen
		}
	}
	return out
}

// addPromoted puts the forwarding methods of embedded types of the cells
// (promoted) after the first declaration that is not a type's and comes
// after the structs and the embedded types' methods the cell declares
// (they call those), else after the cell's last declaration. So they are
// in before the statements that follow those declarations run: one
// there calling a promoted method through an interface got the zero
// value (yaegi compiled it before the method existed). They go on the
// declaration's last line.
func (c *compiler) addPromoted(units []Unit) {
	fwd := c.promoted()
	if fwd == "" {
		return
	}
	needed := -1
	for _, e := range c.embeds {
		if at, ok := c.defineAt[e.strct]; ok {
			needed = max(needed, at)
		}
		for key, at := range c.methodAt {
			if strings.HasPrefix(key, e.field+".") {
				needed = max(needed, at)
			}
		}
	}
	at := -1
	for i, u := range units {
		if u.Kind == Decl && !c.typeUnits[u.Start] && u.End > needed {
			at = i
			break
		}
	}
	for i, u := range units {
		if found := at >= 0 && !c.typeUnits[units[at].Start]; found {
			break
		}
		if u.Kind == Decl && (at < 0 || !c.typeUnits[u.Start] || c.typeUnits[units[at].Start]) {
			at = i
		}
	}
	if at < 0 {
		return
	}
	end := units[at].Start + len(strings.TrimRight(c.src[units[at].Start:units[at].End], " \t\n;"))
	c.edits = append(c.edits, edit{end, end, "; " + fwd})
}

// redefinedAt returns the names of earlier cells that statement u
// defines again (n := ...).
func (c *compiler) redefinedAt(u Unit) []string {
	var out []string
	for _, n := range c.defines {
		if c.defineAt[n] == u.Start && c.env != nil && c.env.Defined(n) {
			out = append(out, n)
		}
	}
	return out
}

// declChunks adds the chunks of a group of declarations: one, or, when
// the group declares types and also funcs or vars, the types and consts
// first. The evaluator learns the types' names between the two (see its
// typeIDs): generic code in the funcs instantiated with them needs that.
func (c *compiler) declChunks(p *Program, group []Unit) {
	var first, rest []Unit
	for _, u := range group {
		if c.typeUnits[u.Start] {
			first = append(first, u)
		} else {
			rest = append(rest, u)
		}
	}
	parts := [][]Unit{first, rest}
	if len(first) == 0 || len(rest) == 0 {
		parts = [][]Unit{group}
	}
	if ordered := c.calleesFirst(parts[len(parts)-1]); ordered != nil {
		parts = append(parts[:len(parts)-1], ordered...)
	}
	for _, part := range parts {
		if t := c.twins(part); t != "" {
			p.Chunks = append(p.Chunks, Chunk{Kind: Decl, Src: t})
		}
		for _, u := range part {
			for n, at := range c.defineAt {
				if at == u.Start {
					p.DeclChunk[n] = len(p.Chunks)
				}
			}
			for n, at := range c.methodAt {
				if at == u.Start {
					p.DeclChunk[n] = len(p.Chunks)
				}
			}
		}
		p.Chunks = append(p.Chunks, Chunk{Kind: Decl, Src: c.render(part, nil), Sites: c.sitesIn(part)})
	}
}

// sitesIn returns the offsets of the statements in units that need a type.
func (c *compiler) sitesIn(units []Unit) []int {
	var out []int
	for _, r := range c.sites {
		for _, u := range units {
			if r >= u.Start && r < u.End {
				out = append(out, r)
				break
			}
		}
	}
	return out
}

// showEdits wraps the last expression statement's unit in the show helper.
func (c *compiler) showEdits(u Unit) []edit {
	// The unit holds exactly the expression (a statement unit ends at its
	// semicolon), so wrap its trimmed extent.
	text := c.src[u.Start:u.End]
	start := u.Start + len(text) - len(strings.TrimLeft(text, " \t\n"))
	trimmed := strings.TrimRight(text, " \t\n;")
	end := u.Start + len(trimmed)
	if c.showType != "" {
		return []edit{{start, start, HelperShow + "(" + HelperTyped + "("}, {end, end, ", " + strconv.Quote(c.showType) + "))"}}
	}
	return []edit{{start, start, HelperShow + "("}, {end, end, ")"}}
}

// render returns the source of units with the recorded rewrites (and extra)
// applied, everything else blanked.
// resolveCopies makes the copy edits edits, copying the source with the
// edits inside it made (renamed types, written-in type arguments).
// c.edits must be in order.
func (c *compiler) resolveCopies(byOffset func(i, j int) bool) {
	pending := c.copies
	c.copies = nil
	for len(pending) > 0 {
		// A copy waits for the copies that write into what it copies (a
		// rewritten literal in the value a select sends): it holds them.
		var ready, wait []copyEdit
		for _, cp := range pending {
			if slices.ContainsFunc(pending, func(o copyEdit) bool { return o != cp && cp.holds(o) }) {
				wait = append(wait, cp)
			} else {
				ready = append(ready, cp)
			}
		}
		if len(ready) == 0 {
			ready, wait = wait, nil // they hold each other: each without the others
		}
		c.resolve(ready)
		sort.SliceStable(c.edits, byOffset)
		pending = wait
	}
}

// holds reports whether the copy cp holds what o writes: o writes a copy
// of source at cp's start or inside it. A bare insertion (o copies
// nothing) at cp's start or end belongs to what encloses cp (see enclose).
func (cp copyEdit) holds(o copyEdit) bool {
	if cp.from == cp.to {
		return false
	}
	if o.from == o.to {
		return cp.from < o.off && o.off < cp.to
	}
	return cp.from <= o.off && o.off < cp.to
}

// resolve makes the copies cps edits.
func (c *compiler) resolve(cps []copyEdit) {
	var first []edit
	for _, cp := range cps {
		var b strings.Builder
		b.WriteString(cp.text)
		last := cp.from
		for _, in := range c.edits {
			if cp.from == cp.to || in.off < last || in.end > cp.to || cp.replaced && in.off == cp.from && in.end == cp.to || cp.ofType && in.off == cp.from && in.end == cp.from || cp.openEnd && in.off == cp.to && in.end == cp.to {
				continue
			}
			b.WriteString(c.src[last:in.off])
			b.WriteString(in.text)
			last = in.end
		}
		b.WriteString(c.src[last:cp.to])
		b.WriteString(cp.suffix)
		text := b.String()
		if cp.flat {
			text = strings.ReplaceAll(text, "\n", " ")
		}
		if cp.first {
			first = append(first, edit{cp.off, cp.off, text})
			continue
		}
		c.edits = append(c.edits, edit{cp.off, cp.off, text})
	}
	c.edits = append(first, c.edits...)
}

func (c *compiler) render(units []Unit, extra []edit) string {
	text := blank(c.src, units...)
	in := func(o int) bool {
		for _, u := range units {
			if o >= u.Start && o <= u.End {
				return true
			}
		}
		return false
	}
	var es []edit
	for _, e := range c.edits {
		if in(e.off) {
			es = append(es, e)
		}
	}
	if len(extra) > 0 {
		// The wrapper opens before and closes after every inner edit.
		es = append([]edit{extra[0]}, es...)
		es = append(es, extra[1:]...)
		sort.SliceStable(es, func(i, j int) bool { return es[i].off < es[j].off })
	}
	var b strings.Builder
	last := 0
	for _, e := range es {
		if e.off < last {
			continue // overlapping edits cannot happen for well-formed input
		}
		b.WriteString(text[last:e.off])
		b.WriteString(e.text)
		last = e.end
	}
	b.WriteString(text[last:])
	return b.String()
}
