package worker

import (
	"fmt"
	"reflect"
	"strings"
	"unsafe"

	"github.com/traefik/yaegi/interp"
)

// typeIDs mends, from outside, how yaegi names and keys the instances of
// generic code, reaching into its unexported scope tables (TestTypeIDsLayout
// guards their shape; the version is pinned):
//   - sync gives the cells' types their ids ("main.Person") as second names.
//     yaegi instantiates a generic body by putting, for each type
//     parameter, a node named by the type argument's id; a call in the body
//     with one type argument written in (Len[T](xs)) looks that name up as
//     a type, did not find a type of the cells, and was left without code
//     (a nil dereference when run). name does the same for compiled types.
//   - sync also gives generic methods keys of their own (keyMethods).
//   - instances makes the instances of the packages from source one per
//     type arguments.
type typeIDs struct {
	in             *interp.Interpreter
	named          map[string]bool // compiled packages' types given a name in main (see name)
	main, universe reflect.Value   // the scopes' map[string]*symbol, writable, once found
	scopes         reflect.Value   // the interpreter's scopes by package
}

// resolve finds the scope tables, once the main scope is made.
func (t *typeIDs) resolve() bool {
	main, universe, ok := scopeTables(t.in)
	if !ok {
		return false
	}
	t.main, t.universe = main, universe
	scopes := reflect.ValueOf(t.in).Elem().FieldByName("scopes")
	t.scopes = reflect.NewAt(scopes.Type(), unsafe.Pointer(scopes.UnsafeAddr())).Elem()
	return true
}

// scopeTables returns the symbol tables of the main scope and of the universe,
// or ok false if the main scope is not made yet or this yaegi's layout is
// not the one known.
func scopeTables(in *interp.Interpreter) (main, universe reflect.Value, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			ok = false
		}
	}()
	in1 := reflect.ValueOf(in).Elem()
	scopes := in1.FieldByName("scopes")
	if !scopes.IsValid() || scopes.Kind() != reflect.Map {
		return main, universe, false
	}
	scopes = reflect.NewAt(scopes.Type(), unsafe.Pointer(scopes.UnsafeAddr())).Elem()
	main, okMain := symTable(scopes.MapIndex(reflect.ValueOf("main")))
	universe, okUniverse := symTable(in1.FieldByName("universe"))
	return main, universe, okMain && okUniverse
}

// sync gives each type of the main scope its id as a second name, in the
// universe: generic bodies of the packages the interpreter has from source
// (slices.Sorted) look the name up in their own scope chain.
func (t *typeIDs) sync() {
	if !t.main.IsValid() && !t.resolve() {
		return
	}
	iter := t.main.MapRange()
	type alias struct {
		id  string
		sym reflect.Value
	}
	var add []alias
	for iter.Next() {
		sym := iter.Value()
		if sym.IsNil() {
			continue
		}
		e := sym.Elem()
		kind := e.FieldByName("kind")
		typ := e.FieldByName("typ")
		if !kind.IsValid() || !typ.IsValid() || typ.IsNil() || fmt.Sprint(reflect.NewAt(kind.Type(), unsafe.Pointer(kind.UnsafeAddr())).Elem().Interface()) != "typeSym" {
			continue
		}
		str := typ.Elem().FieldByName("str")
		if !str.IsValid() || str.Kind() != reflect.String {
			continue
		}
		if cat := typ.Elem().FieldByName("cat"); cat.IsValid() && fmt.Sprint(reflect.NewAt(cat.Type(), unsafe.Pointer(cat.UnsafeAddr())).Elem().Interface()) == "genericT" {
			keyMethods(typ.Elem(), iter.Key().String())
		}
		id := str.String()
		if id == "" || id == iter.Key().String() || t.universe.MapIndex(reflect.ValueOf(id)).IsValid() {
			continue
		}
		add = append(add, alias{id, sym})
	}
	for _, a := range add {
		t.universe.SetMapIndex(reflect.ValueOf(a.id), a.sym)
	}
}

// name makes the compiled package type pkg.Name (time.Duration) a type of
// the main scope under a hidden alias, once, so that sync gives it its id
// too: a generic body instantiated with it looks that up as well.
func (t *typeIDs) name(pkg, name string) {
	key := pkg + "." + name
	if t.named[key] {
		return
	}
	if t.named == nil {
		t.named = map[string]bool{}
	}
	t.named[key] = true
	if _, err := t.in.Eval(fmt.Sprintf("type %spt%d = %s", "_fountain_", len(t.named), key)); err == nil {
		t.sync()
	}
}

// keyMethods gives the methods of the generic type typ (named name) keys
// of their own in yaegi's table of generic instances. yaegi keys an
// instance by the name its declaration spells and the type arguments, so
// List[int].All was slices.All[int] when that came first (and Set[int].Len
// was List[int].Len): the spelled name, which nothing else reads once the
// method is declared (lookups use the name the declaration node keeps),
// gets the type's name added.
func keyMethods(typ reflect.Value, name string) {
	methods := typ.FieldByName("method")
	if !methods.IsValid() || methods.Kind() != reflect.Slice {
		return
	}
	for i := range methods.Len() {
		m := methods.Index(i)
		if m.IsNil() {
			continue
		}
		child := m.Elem().FieldByName("child")
		if !child.IsValid() || child.Kind() != reflect.Slice || child.Len() < 2 || child.Index(1).IsNil() {
			continue
		}
		ident := child.Index(1).Elem().FieldByName("ident")
		if !ident.IsValid() || ident.Kind() != reflect.String || strings.Contains(ident.String(), methodKeySep) {
			continue
		}
		reflect.NewAt(ident.Type(), unsafe.Pointer(ident.UnsafeAddr())).Elem().SetString(ident.String() + methodKeySep + name)
	}
}

// methodKeySep joins a method's name and its type's in the key.
const methodKeySep = "·"

// genericTypePackages are the packages the interpreter has from source
// that declare generic types.
var genericTypePackages = []string{"unique", "fountainweak", "fountainatomic"}

// instances makes the instances of those packages' generic types one per
// type arguments. yaegi registers an instance under the name the
// instantiating code spells: unique.Make's body makes "Handle[string]",
// a cell's "unique.Handle[string]", and each finds only its own, so a
// handle a cell declared and one unique.Make returned were of types apart.
// Each instance gets both names, in its package, and the qualified one in
// the universe, where the main scope finds it.
func (t *typeIDs) instances() {
	if !t.main.IsValid() {
		if !t.resolve() {
			return
		}
	}
	for _, pkg := range genericTypePackages {
		syms, ok := t.packageSymbols(pkg)
		if !ok {
			continue
		}
		type alias struct {
			key string
			sym reflect.Value
		}
		var add []alias
		iter := syms.MapRange()
		for iter.Next() {
			k := iter.Key().String()
			if !strings.HasSuffix(k, "]") {
				continue
			}
			short, long := k, pkg+"."+k
			if strings.HasPrefix(k, pkg+".") {
				short, long = strings.TrimPrefix(k, pkg+"."), k
			}
			for _, n := range []string{short, long} {
				if !syms.MapIndex(reflect.ValueOf(n)).IsValid() {
					add = append(add, alias{n, iter.Value()})
				}
			}
			if !t.universe.MapIndex(reflect.ValueOf(long)).IsValid() {
				t.universe.SetMapIndex(reflect.ValueOf(long), iter.Value())
			}
		}
		for _, a := range add {
			syms.SetMapIndex(reflect.ValueOf(a.key), a.sym)
		}
	}
}

// packageSymbols returns the symbol table of the package scope pkg, if
// the interpreter has compiled it.
func (t *typeIDs) packageSymbols(pkg string) (reflect.Value, bool) {
	return symTable(t.scopes.MapIndex(reflect.ValueOf(pkg)))
}

// symTable returns the writable symbol table of the *scope sc.
func symTable(sc reflect.Value) (syms reflect.Value, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	if !sc.IsValid() || sc.Kind() != reflect.Pointer || sc.IsNil() {
		return reflect.Value{}, false
	}
	syms = sc.Elem().FieldByName("sym")
	if !syms.IsValid() || syms.Kind() != reflect.Map {
		return reflect.Value{}, false
	}
	return reflect.NewAt(syms.Type(), unsafe.Pointer(syms.UnsafeAddr())).Elem(), true
}
