package worker

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"reflect"
	"strings"
	"sync"

	"github.com/fountain-go/fountain/kernel/cell"
	"github.com/traefik/yaegi/interp"
)

// encoding/json finds a type's MarshalJSON, UnmarshalJSON, MarshalText and
// UnmarshalText methods by reflection, and the cells' types have no
// methods for reflect: a field of type Status with a MarshalJSON method
// was written as its number, unmarshaling into it failed ("cannot
// unmarshal string into ... of type int"), and a map key type's MarshalText
// was not used. (A value passed to json.Marshal itself goes in yaegi's
// wrapper, with its methods.) json's Marshal, MarshalIndent and Unmarshal,
// as cells see them, therefore make the value one of a shadow type: the
// same structs, slices, maps and pointers, with json.RawMessage where the
// cells' type marshals itself (and string map keys where it marshals
// itself as text), filled by calling the type's methods (interpreted
// entries into them, made per type as the stringers' are), and back.
// Which cell type a field holds comes from the declarations: reflect sees
// only the underlying type (a Status is an int).

// jsonMethods are a cell type's JSON and text methods as funcs compiled
// code can call: marshal and marshalText take the value (or a pointer to
// it, ptr*), unmarshal and unmarshalText a pointer and the bytes.
type jsonMethods struct {
	marshal, marshalText       reflect.Value
	marshalPtr, marshalTextPtr bool
	unmarshal, unmarshalText   reflect.Value
}

// jsonValues holds the cells' types' JSON methods.
type jsonValues struct {
	mu      sync.RWMutex
	methods map[string]*jsonMethods // by the cells' name of the type
	n       int                     // entries made, for their variables' names
	st      *stringers              // which struct type is which cell type
	source  func(name string) string
	plans   map[planKey]*jsonPlan // of the values passed to json, top level
}

// jsonMethodNames are the methods jsonValues makes entries for.
var jsonMethodNames = map[string]bool{"MarshalJSON": true, "UnmarshalJSON": true, "MarshalText": true, "UnmarshalText": true}

// learn makes entries for the JSON and text methods the cell declared
// (sources as for stringers.learn).
func (j *jsonValues) learn(in *interp.Interpreter, sources map[string]string, rename func(string) string) {
	j.mu.Lock()
	for name := range sources {
		// A type declared again has only the methods declared with it.
		delete(j.methods, name)
	}
	j.mu.Unlock()
	for key, src := range sources {
		typ, method, ok := strings.Cut(key, ".")
		if !ok || !jsonMethodNames[method] {
			continue
		}
		ptr, ok := receiver(src)
		if !ok {
			continue
		}
		name, recv := rename(typ), rename(typ)
		if ptr {
			recv = "*" + name
		}
		j.n++
		v := fmt.Sprintf("_fountain_json%d", j.n)
		var entry string
		switch method {
		case "MarshalJSON", "MarshalText":
			entry = fmt.Sprintf("%s := func(v %s) ([]byte, error) { return v.%s() }", v, recv, method)
		default:
			if !ptr {
				continue // a value receiver cannot unmarshal into anything
			}
			entry = fmt.Sprintf("%s := func(p *%s, b []byte) error { return p.%s(b) }", v, name, method)
		}
		if _, err := safeEval(in, entry); err != nil {
			continue
		}
		fn, err := safeEval(in, v)
		if err != nil || fn.Kind() != reflect.Func {
			continue
		}
		j.mu.Lock()
		if j.methods == nil {
			j.methods = map[string]*jsonMethods{}
		}
		m := j.methods[typ]
		if m == nil {
			m = &jsonMethods{}
			j.methods[typ] = m
		}
		switch method {
		case "MarshalJSON":
			m.marshal, m.marshalPtr = fn, ptr
		case "MarshalText":
			m.marshalText, m.marshalTextPtr = fn, ptr
		case "UnmarshalJSON":
			m.unmarshal = fn
		case "UnmarshalText":
			m.unmarshalText = fn
		}
		j.mu.Unlock()
	}
	if len(sources) > 0 {
		// A type declared again may have other fields or methods: plans
		// are made afresh.
		j.mu.Lock()
		j.plans = nil
		j.mu.Unlock()
	}
}

func (j *jsonValues) methodsOf(name string) (*jsonMethods, bool) {
	j.mu.RLock()
	defer j.mu.RUnlock()
	m, ok := j.methods[name]
	return m, ok
}

// jsonPlan is how a value is made one of its shadow type and back. A nil
// plan is the value itself.
type jsonPlan struct {
	shadow reflect.Type
	custom *jsonMethods // the value marshals itself: shadow is RawMessage
	elem   *jsonPlan    // of a slice, array, pointer or map
	text   *jsonMethods // a map's keys marshal themselves as text
	fields []*jsonPlan  // of a struct
}

var rawMessage = reflect.TypeFor[json.RawMessage]()

// planOf returns the plan for values of type t, which the cells declare
// as decl (nil if unknown: a struct then tells by its type), or nil.
func (j *jsonValues) planOf(t reflect.Type, decl ast.Expr, depth int) *jsonPlan {
	if depth > 16 {
		return nil
	}
	if decl == nil && t.Kind() == reflect.Struct {
		if name, ok := j.st.ownerOf(t); ok {
			decl = ast.NewIdent(name)
		}
	}
	switch d := decl.(type) {
	case *ast.ParenExpr:
		return j.planOf(t, d.X, depth+1)
	case *ast.Ident:
		if m, ok := j.methodsOf(d.Name); ok && (m.marshal.IsValid() || m.unmarshal.IsValid() || m.marshalText.IsValid() || m.unmarshalText.IsValid()) {
			// json uses the text methods where the JSON ones are not, the
			// text as a JSON string.
			return &jsonPlan{shadow: rawMessage, custom: m}
		}
		spec := cell.TypeDecl(j.source(d.Name), d.Name)
		if spec == nil || spec.TypeParams != nil {
			return nil
		}
		if st, ok := spec.Type.(*ast.StructType); ok {
			return j.structPlan(t, st, depth)
		}
		return j.planOf(t, spec.Type, depth+1)
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array:
		var elemDecl ast.Expr
		switch d := decl.(type) {
		case *ast.StarExpr:
			elemDecl = d.X
		case *ast.ArrayType:
			elemDecl = d.Elt
		}
		elem := j.planOf(t.Elem(), elemDecl, depth+1)
		if elem == nil {
			return nil
		}
		p := &jsonPlan{elem: elem}
		switch t.Kind() {
		case reflect.Pointer:
			p.shadow = reflect.PointerTo(elem.shadow)
		case reflect.Slice:
			p.shadow = reflect.SliceOf(elem.shadow)
		default:
			p.shadow = reflect.ArrayOf(t.Len(), elem.shadow)
		}
		return p
	case reflect.Map:
		var keyDecl, elemDecl ast.Expr
		if d, ok := decl.(*ast.MapType); ok {
			keyDecl, elemDecl = d.Key, d.Value
		}
		p := &jsonPlan{elem: j.planOf(t.Elem(), elemDecl, depth+1)}
		if id, ok := keyDecl.(*ast.Ident); ok {
			if m, ok := j.methodsOf(id.Name); ok && m.marshalText.IsValid() {
				p.text = m
			}
		}
		if p.elem == nil && p.text == nil {
			return nil
		}
		key, elem := t.Key(), t.Elem()
		if p.text != nil {
			key = reflect.TypeFor[string]()
		}
		if p.elem != nil {
			elem = p.elem.shadow
		}
		p.shadow = reflect.MapOf(key, elem)
		return p
	case reflect.Struct:
		if st, ok := decl.(*ast.StructType); ok {
			return j.structPlan(t, st, depth)
		}
	}
	return nil
}

// structPlan returns the plan for struct type t declared as st, or nil.
func (j *jsonValues) structPlan(t reflect.Type, st *ast.StructType, depth int) *jsonPlan {
	if t.Kind() != reflect.Struct {
		return nil
	}
	var decls []ast.Expr
	var embedded []bool
	for _, f := range st.Fields.List {
		for range max(len(f.Names), 1) {
			decls = append(decls, f.Type)
			embedded = append(embedded, len(f.Names) == 0)
		}
	}
	if len(decls) != t.NumField() {
		return nil
	}
	p := &jsonPlan{fields: make([]*jsonPlan, t.NumField())}
	shadowed := false
	fields := make([]reflect.StructField, t.NumField())
	for i := range t.NumField() {
		fields[i] = t.Field(i)
		if p.fields[i] = j.planOf(fields[i].Type, decls[i], depth+1); p.fields[i] != nil {
			fields[i].Type, shadowed = p.fields[i].shadow, true
		}
		if embedded[i] && !fields[i].Anonymous {
			// yaegi's field of an embedded struct is a plain one, so
			// json wrote {"Meta":{"id":7}} for {"id":7}.
			fields[i].Anonymous, shadowed = true, true
		}
		fields[i].Offset, fields[i].Index = 0, nil
	}
	if !shadowed {
		return nil
	}
	shadow, err := structOf(fields)
	if err != nil {
		return nil
	}
	p.shadow = shadow
	return p
}

// structOf is reflect.StructOf, with its panic as an error.
func structOf(fields []reflect.StructField) (t reflect.Type, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	return reflect.StructOf(fields), nil
}

// planKey is a value's type and its declaration in the cells, if known.
type planKey struct {
	t    reflect.Type
	decl string
}

// topPlan returns the plan of a value of type t passed to json, declared as
// decl in the cells ("" if not known), cached.
func (j *jsonValues) topPlan(t reflect.Type, decl string) *jsonPlan {
	key := planKey{t, decl}
	j.mu.RLock()
	p, ok := j.plans[key]
	j.mu.RUnlock()
	if ok {
		return p
	}
	var d ast.Expr
	if decl != "" {
		d, _ = typeExpr(decl)
	}
	p = j.planOf(t, d, 0)
	j.mu.Lock()
	if j.plans == nil {
		j.plans = map[planKey]*jsonPlan{}
	}
	j.plans[key] = p
	j.mu.Unlock()
	return p
}

// toShadow returns v as a value of p's shadow type.
func (p *jsonPlan) toShadow(v reflect.Value) (reflect.Value, error) {
	switch {
	case p.custom != nil:
		var b []byte
		var err error
		switch {
		case p.custom.marshal.IsValid():
			b, err = callMarshal(p.custom.marshal, p.custom.marshalPtr, v)
		case p.custom.marshalText.IsValid():
			if b, err = callMarshal(p.custom.marshalText, p.custom.marshalTextPtr, v); err == nil {
				b, err = json.Marshal(string(b))
			}
		default:
			b, err = json.Marshal(v.Interface()) // it only unmarshals itself
		}
		if err != nil {
			return reflect.Value{}, err
		}
		return reflect.ValueOf(json.RawMessage(b)), nil
	case p.fields != nil:
		out := reflect.New(p.shadow).Elem()
		for i, f := range p.fields {
			if f == nil {
				out.Field(i).Set(v.Field(i))
				continue
			}
			fv, err := f.toShadow(v.Field(i))
			if err != nil {
				return reflect.Value{}, err
			}
			out.Field(i).Set(fv)
		}
		return out, nil
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return reflect.Zero(p.shadow), nil
		}
		e, err := p.elem.toShadow(v.Elem())
		if err != nil {
			return reflect.Value{}, err
		}
		out := reflect.New(p.shadow.Elem())
		out.Elem().Set(e)
		return out, nil
	case reflect.Slice, reflect.Array:
		var out reflect.Value
		if v.Kind() == reflect.Slice {
			if v.IsNil() {
				return reflect.Zero(p.shadow), nil
			}
			out = reflect.MakeSlice(p.shadow, v.Len(), v.Len())
		} else {
			out = reflect.New(p.shadow).Elem()
		}
		for i := range v.Len() {
			e, err := p.elem.toShadow(v.Index(i))
			if err != nil {
				return reflect.Value{}, err
			}
			out.Index(i).Set(e)
		}
		return out, nil
	case reflect.Map:
		if v.IsNil() {
			return reflect.Zero(p.shadow), nil
		}
		out := reflect.MakeMapWithSize(p.shadow, v.Len())
		for it := v.MapRange(); it.Next(); {
			k, e := it.Key(), it.Value()
			switch {
			case p.text != nil && k.Kind() == reflect.String:
				// encoding/json writes a key of a string type as it is,
				// its MarshalText unused (UnmarshalText still reads it).
				k = reflect.ValueOf(k.String())
			case p.text != nil:
				b, err := callMarshal(p.text.marshalText, p.text.marshalTextPtr, k)
				if err != nil {
					return reflect.Value{}, err
				}
				k = reflect.ValueOf(string(b))
			}
			if p.elem != nil {
				var err error
				if e, err = p.elem.toShadow(e); err != nil {
					return reflect.Value{}, err
				}
			}
			out.SetMapIndex(k, e)
		}
		return out, nil
	}
	return v, nil
}

// callMarshal calls a MarshalJSON or MarshalText entry on v (on a pointer
// to a copy of v for a pointer receiver).
func callMarshal(fn reflect.Value, ptr bool, v reflect.Value) ([]byte, error) {
	arg := v
	if ptr {
		arg = reflect.New(v.Type())
		arg.Elem().Set(v)
	}
	if fn.Type().In(0) != arg.Type() {
		if !arg.Type().ConvertibleTo(fn.Type().In(0)) {
			return nil, fmt.Errorf("json: cannot marshal %s with its method", v.Type())
		}
		arg = arg.Convert(fn.Type().In(0))
	}
	out := fn.Call([]reflect.Value{arg})
	err, _ := out[1].Interface().(error)
	b, _ := out[0].Interface().([]byte)
	return b, err
}

// fromShadow sets dst (addressable) from s, a value of p's shadow type
// that json filled: where s holds nothing new (a RawMessage json did not
// set, a nil the value did not have), dst keeps what it had.
func (p *jsonPlan) fromShadow(dst, s reflect.Value) error {
	switch {
	case p.custom != nil:
		raw := s.Interface().(json.RawMessage)
		if raw == nil {
			return nil
		}
		switch {
		case p.custom.unmarshal.IsValid():
			return callUnmarshal(p.custom.unmarshal, dst, raw)
		case p.custom.unmarshalText.IsValid() && len(raw) > 0 && raw[0] == '"':
			// UnmarshalText takes a JSON string's text (json's rule);
			// null or another kind goes as the type it is.
			var text string
			if err := json.Unmarshal(raw, &text); err != nil {
				return err
			}
			return callUnmarshal(p.custom.unmarshalText, dst, []byte(text))
		}
		// No UnmarshalJSON: json decodes it as the type it is.
		return json.Unmarshal(raw, dst.Addr().Interface())
	case p.fields != nil:
		for i, f := range p.fields {
			if f == nil {
				dst.Field(i).Set(s.Field(i))
			} else if err := f.fromShadow(dst.Field(i), s.Field(i)); err != nil {
				return err
			}
		}
		return nil
	}
	switch s.Kind() {
	case reflect.Pointer:
		if s.IsNil() {
			dst.Set(reflect.Zero(dst.Type()))
			return nil
		}
		if dst.IsNil() {
			dst.Set(reflect.New(dst.Type().Elem()))
		}
		return p.elem.fromShadow(dst.Elem(), s.Elem())
	case reflect.Slice:
		if s.IsNil() {
			dst.Set(reflect.Zero(dst.Type()))
			return nil
		}
		out := reflect.MakeSlice(dst.Type(), s.Len(), s.Len())
		for i := range s.Len() {
			if i < dst.Len() {
				out.Index(i).Set(dst.Index(i))
			}
			if err := p.elem.fromShadow(out.Index(i), s.Index(i)); err != nil {
				return err
			}
		}
		dst.Set(out)
		return nil
	case reflect.Array:
		for i := range s.Len() {
			if err := p.elem.fromShadow(dst.Index(i), s.Index(i)); err != nil {
				return err
			}
		}
		return nil
	case reflect.Map:
		if s.IsNil() {
			dst.Set(reflect.Zero(dst.Type()))
			return nil
		}
		if dst.IsNil() {
			dst.Set(reflect.MakeMapWithSize(dst.Type(), s.Len()))
		}
		for it := s.MapRange(); it.Next(); {
			k := it.Key()
			if p.text != nil {
				nk := reflect.New(dst.Type().Key()).Elem()
				if !p.text.unmarshalText.IsValid() {
					return fmt.Errorf("json: cannot unmarshal into map key of type %s: it has no UnmarshalText", dst.Type().Key())
				}
				if err := callUnmarshal(p.text.unmarshalText, nk, []byte(k.String())); err != nil {
					return err
				}
				k = nk
			}
			e := reflect.New(dst.Type().Elem()).Elem()
			if p.elem == nil {
				e.Set(it.Value())
			} else if err := p.elem.fromShadow(e, it.Value()); err != nil {
				return err
			}
			dst.SetMapIndex(k, e)
		}
		return nil
	}
	dst.Set(s)
	return nil
}

// callUnmarshal calls an UnmarshalJSON or UnmarshalText entry on the
// address of dst.
func callUnmarshal(fn reflect.Value, dst reflect.Value, b []byte) error {
	arg := dst.Addr()
	if fn.Type().In(0) != arg.Type() {
		arg = reflect.NewAt(fn.Type().In(0).Elem(), arg.UnsafePointer())
	}
	out := fn.Call([]reflect.Value{arg, reflect.ValueOf(b)})
	err, _ := out[0].Interface().(error)
	return err
}

// shadowOf fills the shadow of dst for json to decode into: what dst
// holds, its self-unmarshaling parts left empty (fromShadow then tells
// which json set).
func (p *jsonPlan) shadowOf(dst reflect.Value) reflect.Value {
	out := reflect.New(p.shadow).Elem()
	switch {
	case p.custom != nil:
		return out
	case p.fields != nil:
		for i, f := range p.fields {
			if f == nil {
				out.Field(i).Set(dst.Field(i))
			} else {
				out.Field(i).Set(f.shadowOf(dst.Field(i)))
			}
		}
		return out
	}
	if dst.Kind() == reflect.Pointer && !dst.IsNil() {
		e := reflect.New(p.shadow.Elem())
		e.Elem().Set(p.elem.shadowOf(dst.Elem()))
		return e
	}
	return out
}

// marshal is json.Marshal (indent: MarshalIndent) for the cells' values.
func (j *jsonValues) marshal(v any, prefix, indent string, indented bool) ([]byte, error) {
	v, err := j.shadowValue(v)
	if err != nil {
		return nil, err
	}
	if indented {
		return json.MarshalIndent(v, prefix, indent)
	}
	return json.Marshal(v)
}

// shadowValue returns v as a value of its shadow type, if it has one,
// else v itself.
func (j *jsonValues) shadowValue(v any) (any, error) {
	v, decl := typedValue(v)
	rv := reflect.ValueOf(v)
	if !rv.IsValid() || isWrapper(rv.Type()) {
		return v, nil // nil, or a value json sees the methods of
	}
	p := j.topPlan(rv.Type(), decl)
	if p == nil {
		return v, nil
	}
	sv, err := p.toShadow(rv)
	if err != nil {
		return nil, fmt.Errorf("json: error calling MarshalJSON for type %s: %w", rv.Type(), err)
	}
	return sv.Interface(), nil
}

// unmarshal is json.Unmarshal for the cells' values.
func (j *jsonValues) unmarshal(data []byte, v any) error {
	return j.decode(v, func(into any) error { return json.Unmarshal(data, into) })
}

// decode decodes with dec into v, through its shadow if it has one.
func (j *jsonValues) decode(v any, dec func(any) error) error {
	v, decl := typedValue(v)
	rv := reflect.ValueOf(v)
	if !rv.IsValid() || rv.Kind() != reflect.Pointer || rv.IsNil() {
		return dec(v)
	}
	elemDecl, _ := strings.CutPrefix(decl, "*") // the pointer's element's
	if elemDecl == decl {
		elemDecl = ""
	}
	t := rv.Type().Elem()
	p := j.topPlan(t, elemDecl)
	if p == nil {
		return j.named(dec(v), t, elemDecl)
	}
	s := reflect.New(p.shadow)
	s.Elem().Set(p.shadowOf(rv.Elem()))
	if err := dec(s.Interface()); err != nil {
		return j.named(err, t, elemDecl)
	}
	return p.fromShadow(rv.Elem(), s.Elem())
}

// named gives a type error of a field of the cells' struct type t
// (declared as decl, if known) the type's name, which reflect does not
// know: "cannot unmarshal string into Go struct field Click.X", not
// "field .X". Only for a field of t itself: a nested struct's name would
// need the path's JSON names mapped back to fields.
func (j *jsonValues) named(err error, t reflect.Type, decl string) error {
	te, ok := err.(*json.UnmarshalTypeError)
	if !ok || te.Struct != "" || strings.Contains(te.Field, ".") || t.Kind() != reflect.Struct {
		return err
	}
	name := decl
	if name == "" {
		owner, ok := j.st.ownerOf(t)
		if !ok {
			return err
		}
		name = owner
	}
	if e, perr := typeExpr(name); perr != nil {
		return err
	} else if _, ident := e.(*ast.Ident); !ident {
		return err
	}
	te.Struct = demangle(name)
	return te
}

// encode is a json.Encoder's Encode for the cells' values, typ their
// type as the cell compiler found it (cell.HelperJSONEncode).
func (j *jsonValues) encode(enc *json.Encoder, v any, typ ...string) error {
	if len(typ) == 1 {
		v = typedArg{v, typ[0]}
	}
	v, err := j.shadowValue(v)
	if err != nil {
		return err
	}
	return enc.Encode(v)
}

// decodeStream is a json.Decoder's Decode (cell.HelperJSONDecode).
func (j *jsonValues) decodeStream(dec *json.Decoder, v any, typ ...string) error {
	if len(typ) == 1 {
		v = typedArg{v, typ[0]}
	}
	return j.decode(v, dec.Decode)
}

// typedValue returns the value of a typedArg (see cell.jsonTypes) and its
// type as the cells declare it (their types by their names), or v and "".
func typedValue(v any) (any, string) {
	ta, ok := v.(typedArg)
	if !ok {
		return v, ""
	}
	return ta.v, strings.ReplaceAll(ta.name, "main.", "")
}

// symbols returns json's Marshal, MarshalIndent and Unmarshal as cells see
// them.
func (j *jsonValues) symbols() map[string]reflect.Value {
	return map[string]reflect.Value{
		"Marshal": reflect.ValueOf(func(v any) ([]byte, error) { return j.marshal(v, "", "", false) }),
		"MarshalIndent": reflect.ValueOf(func(v any, prefix, indent string) ([]byte, error) {
			return j.marshal(v, prefix, indent, true)
		}),
		"Unmarshal": reflect.ValueOf(j.unmarshal),
	}
}
