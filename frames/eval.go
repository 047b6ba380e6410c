package frames

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"
	"unsafe"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/bitutil"
	"github.com/apache/arrow/go/v17/arrow/compute"
	"github.com/apache/arrow/go/v17/arrow/memory"
)

// val is an evaluated expression: a column of the table's length, or a
// scalar held as a one-element array.
type val struct {
	a      arrow.Array
	scalar bool
}

func (v val) typ() arrow.DataType { return v.a.DataType() }

// evalColumn evaluates e over t and returns a column of t's length.
func evalColumn(e *expr, t *table) (arrow.Array, error) {
	v, err := eval(e, t)
	if err != nil {
		return nil, err
	}
	if v.scalar {
		return broadcast(v.a, t.n)
	}
	return v.a, nil
}

// exprType is the type e has over a schema; evaluating over no rows checks
// the expression with the same code that runs it.
func exprType(e *expr, s *arrow.Schema) (arrow.DataType, error) {
	v, err := eval(e, emptyTable(s))
	if err != nil {
		return nil, err
	}
	return v.typ(), nil
}

func emptyTable(s *arrow.Schema) *table {
	t := &table{schema: s, cols: make([]arrow.Array, s.NumFields())}
	for i, f := range s.Fields() {
		t.cols[i] = array.MakeArrayOfNull(mem, f.Type, 0)
	}
	return t
}

func broadcast(a arrow.Array, n int) (arrow.Array, error) {
	if n == 0 {
		return array.NewSlice(a, 0, 0), nil
	}
	if a.IsNull(0) {
		return array.MakeArrayOfNull(mem, a.DataType(), n), nil
	}
	idx := make([]int32, n)
	return takeArray(a, idx)
}

func eval(e *expr, t *table) (val, error) {
	switch e.op {
	case "bad":
		return val{}, fmt.Errorf("%s", e.str)
	case "col":
		c := t.col(e.name)
		if c == nil {
			return val{}, unknownColumn(e.name, t.schema)
		}
		return val{a: c}, nil
	case "lit":
		a, err := literal(e.lit)
		return val{a: a, scalar: true}, err
	case "alias":
		return eval(e.args[0], t)
	}
	if aggOps[e.op] {
		return val{}, fmt.Errorf("%s is an aggregation: use it in GroupBy(...).Agg or Agg", e)
	}
	args := make([]val, len(e.args))
	for i, a := range e.args {
		v, err := eval(a, t)
		if err != nil {
			return val{}, err
		}
		args[i] = v
	}
	out, err := apply(e, args, t.n)
	if err != nil {
		return val{}, fmt.Errorf("%s: %w", e, err)
	}
	return out, nil
}

func literal(v any) (arrow.Array, error) {
	switch x := v.(type) {
	case nil:
		return array.NewNull(1), nil
	case bool:
		return arrayOf([]bool{x})
	case int64:
		return arrayOf([]int64{x})
	case float64:
		return arrayOf([]float64{x})
	case string:
		return arrayOf([]string{x})
	case time.Time:
		return arrayOf([]time.Time{x})
	case time.Duration:
		return arrayOf([]time.Duration{x})
	}
	return nil, fmt.Errorf("cannot use %T as a literal", v)
}

func apply(e *expr, a []val, n int) (val, error) {
	scalar := true
	for _, v := range a {
		scalar = scalar && v.scalar
	}
	if scalar {
		n = 1
	}
	var out arrow.Array
	var err error
	switch e.op {
	case "+", "-", "*", "/", "%", "pow":
		out, err = arith(e.op, a[0], a[1], n)
	case "==", "!=", "<", "<=", ">", ">=":
		out, err = compare(e.op, a[0], a[1], n)
	case "&&", "||":
		out, err = logic(e.op, a[0], a[1], n)
	case "!":
		out, err = not(a[0], n)
	case "neg":
		out, err = arith("-", val{a: zeroOf(a[0].typ()), scalar: true}, a[0], n)
	case "isnull", "isnotnull":
		out = isNull(a[0], n, e.op == "isnull")
	case "isin":
		out, err = isIn(a[0], a[1:], n)
	case "fillnull":
		out, err = pick(validMask(a[0], n), a[0], a[1], n)
	case "when":
		out, err = when(a, n)
	case "cast":
		out, err = castTo(a[0].a, e.typ)
	case "contains", "prefix", "suffix":
		out, err = strPred(e.op, e.str, a[0])
	case "lower", "upper":
		out, err = strMap(e.op, a[0])
	case "length":
		out, err = length(a[0])
	case "abs", "sqrt", "log", "log10", "exp", "floor", "ceil", "round":
		out, err = math1(e.op, e.num, a[0])
	case "truncate":
		out, err = truncate(a[0], time.Duration(e.num))
	case "fromjd", "frommjd":
		out, err = fromJD(a[0], e.op == "frommjd")
	case "field":
		out, err = field(a[0], e.name)
	case "map":
		out, err = mapFn(a[0], e.fn)
	default:
		err = fmt.Errorf("unknown operation %q", e.op)
	}
	if err != nil {
		return val{}, err
	}
	return val{a: out, scalar: scalar}, nil
}

// at reads element i of v, broadcasting scalars.
func at(v val, i int) int {
	if v.scalar {
		return 0
	}
	return i
}

type kind int

const (
	kOther kind = iota
	kNull
	kBool
	kInt
	kFloat
	kString
	kTime
	kDuration
)

func kindOf(t arrow.DataType) kind {
	switch t.ID() {
	case arrow.NULL:
		return kNull
	case arrow.BOOL:
		return kBool
	case arrow.INT8, arrow.INT16, arrow.INT32, arrow.INT64, arrow.UINT8, arrow.UINT16, arrow.UINT32, arrow.UINT64:
		return kInt
	case arrow.FLOAT16, arrow.FLOAT32, arrow.FLOAT64:
		return kFloat
	case arrow.STRING, arrow.LARGE_STRING:
		return kString
	case arrow.TIMESTAMP, arrow.DATE32, arrow.DATE64:
		return kTime
	case arrow.DURATION:
		return kDuration
	case arrow.DICTIONARY:
		return kindOf(t.(*arrow.DictionaryType).ValueType)
	}
	return kOther
}

func zeroOf(t arrow.DataType) arrow.Array {
	if kindOf(t) == kFloat {
		a, _ := literal(0.0)
		return a
	}
	a, _ := literal(int64(0))
	return a
}

// castTo converts an array to type t (a no-op when it already is).
func castTo(a arrow.Array, t arrow.DataType) (arrow.Array, error) {
	if arrow.TypeEqual(a.DataType(), t) {
		return a, nil
	}
	if a.DataType().ID() == arrow.NULL {
		return array.MakeArrayOfNull(mem, t, a.Len()), nil
	}
	if kindOf(a.DataType()) == kTime && a.DataType().ID() == arrow.TIMESTAMP && t.ID() == arrow.INT64 {
		return reinterpret(a, t), nil
	}
	out, err := compute.CastToType(context.Background(), a, t)
	if err != nil {
		return nil, fmt.Errorf("cannot cast %s to %s: %w", a.DataType(), t, err)
	}
	return out, nil
}

// reinterpret views an 8-byte fixed-width array as another 8-byte type.
func reinterpret(a arrow.Array, t arrow.DataType) arrow.Array {
	d := array.NewData(t, a.Len(), a.Data().Buffers(), nil, a.NullN(), a.Data().Offset())
	defer d.Release()
	return array.MakeFromData(d)
}

// validity returns a zero-offset validity bitmap of v, or nil when it has no
// nulls.
func validity(a arrow.Array) []byte {
	if a.NullN() == 0 {
		return nil
	}
	if a.DataType().ID() == arrow.NULL {
		return make([]byte, bitutil.BytesForBits(int64(a.Len())))
	}
	buf := a.Data().Buffers()[0]
	if a.Data().Offset() == 0 {
		return buf.Bytes()
	}
	out := make([]byte, bitutil.BytesForBits(int64(a.Len())))
	bitutil.CopyBitmap(buf.Bytes(), a.Data().Offset(), a.Len(), out, 0)
	return out
}

// andValidity combines the validity of operands into one bitmap of n bits.
func andValidity(n int, vs ...val) []byte {
	var out []byte
	for _, v := range vs {
		b := validity(v.a)
		if b == nil {
			continue
		}
		if v.scalar {
			if bitutil.BitIsSet(b, 0) {
				continue
			}
			return make([]byte, bitutil.BytesForBits(int64(n))) // a null scalar: all null
		}
		if out == nil {
			out = append([]byte(nil), b[:bitutil.BytesForBits(int64(n))]...)
			continue
		}
		for i := range out {
			out[i] &= b[i]
		}
	}
	return out
}

func nullCount(valid []byte, n int) int {
	if valid == nil {
		return 0
	}
	return n - bitutil.CountSetBits(valid, 0, n)
}

func boolArray(bits, valid []byte, n int) arrow.Array {
	bufs := []*memory.Buffer{nil, memory.NewBufferBytes(bits)}
	if valid != nil {
		bufs[0] = memory.NewBufferBytes(valid)
	}
	d := array.NewData(arrow.FixedWidthTypes.Boolean, n, bufs, nil, nullCount(valid, n), 0)
	defer d.Release()
	return array.MakeFromData(d)
}

func numArray[T any](t arrow.DataType, vals []T, valid []byte) arrow.Array {
	return fixed(t, vals, valid, nullCount(valid, len(vals)))
}

// f64s returns v as float64 values (casting when needed).
func f64s(v val) ([]float64, error) {
	c, err := castTo(v.a, arrow.PrimitiveTypes.Float64)
	if err != nil {
		return nil, err
	}
	return c.(*array.Float64).Float64Values(), nil
}

// i64s returns v as int64 values; timestamps and durations give their raw
// counts.
func i64s(v val) ([]int64, error) {
	a := v.a
	switch a.DataType().ID() {
	case arrow.TIMESTAMP, arrow.DURATION, arrow.DATE64:
		a = reinterpret(a, arrow.PrimitiveTypes.Int64)
	}
	c, err := castTo(a, arrow.PrimitiveTypes.Int64)
	if err != nil {
		return nil, err
	}
	return c.(*array.Int64).Int64Values(), nil
}

func float64sNaN(a *array.Float64) []float64 {
	out := append([]float64(nil), a.Float64Values()...)
	if a.NullN() > 0 {
		for i := range out {
			if a.IsNull(i) {
				out[i] = math.NaN()
			}
		}
	}
	return out
}

// unit returns the duration of one tick of a timestamp or duration type.
func unit(t arrow.DataType) time.Duration {
	switch t := t.(type) {
	case *arrow.TimestampType:
		return t.Unit.Multiplier()
	case *arrow.DurationType:
		return t.Unit.Multiplier()
	case *arrow.Date64Type:
		return time.Millisecond
	}
	return 1
}

func arith(op string, a, b val, n int) (arrow.Array, error) {
	ka, kb := kindOf(a.typ()), kindOf(b.typ())
	if ka == kNull || kb == kNull {
		t := a.typ()
		if ka == kNull {
			t = b.typ()
		}
		if op == "/" || op == "pow" || kindOf(t) == kNull {
			t = arrow.PrimitiveTypes.Float64
		}
		return array.MakeArrayOfNull(mem, t, n), nil
	}
	valid := andValidity(n, a, b)
	switch {
	case ka == kString && kb == kString && op == "+":
		return concatStrings(a, b, n)
	case (ka == kTime || ka == kDuration) && (kb == kTime || kb == kDuration):
		return timeArith(op, a, b, n, valid)
	case ka == kInt && kb == kInt && op != "/" && op != "pow":
		return arithAs(op, a, b, n, valid, i64s, arrow.PrimitiveTypes.Int64)
	case (ka == kInt || ka == kFloat) && (kb == kInt || kb == kFloat):
		return arithAs(op, a, b, n, valid, f64s, arrow.PrimitiveTypes.Float64)
	}
	return nil, fmt.Errorf("cannot apply %s to %s and %s", op, a.typ(), b.typ())
}

// arithAs converts both operands with conv and computes in T.
func arithAs[T int64 | float64](op string, a, b val, n int, valid []byte, conv func(val) ([]T, error), t arrow.DataType) (arrow.Array, error) {
	x, err := conv(a)
	if err != nil {
		return nil, err
	}
	y, err := conv(b)
	if err != nil {
		return nil, err
	}
	out := make([]T, n)
	valid = binLoop(op, x, y, a.scalar, b.scalar, out, valid)
	return numArray(t, out, valid), nil
}

// binLoop computes out = x op y element-wise; division by zero gives null,
// so it may return a new validity bitmap.
func binLoop[T int64 | float64](op string, x, y []T, xs, ys bool, out []T, valid []byte) []byte {
	n := len(out)
	if op == "+" || op == "-" || op == "*" {
		arithLoop(op, x, y, xs, ys, out)
		return valid
	}
	get := func(s []T, scalar bool, i int) T {
		if scalar {
			return s[0]
		}
		return s[i]
	}
	switch op {
	case "/", "%":
		for i := range out {
			d := get(y, ys, i)
			if d == 0 {
				if valid == nil {
					valid = allValid(n)
				}
				bitutil.ClearBit(valid, i)
				continue
			}
			if op == "/" {
				out[i] = get(x, xs, i) / d
			} else {
				out[i] = mod(get(x, xs, i), d)
			}
		}
	case "pow":
		for i := range out {
			out[i] = T(math.Pow(float64(get(x, xs, i)), float64(get(y, ys, i))))
		}
	}
	return valid
}

func mod[T int64 | float64](a, b T) T {
	switch a := any(a).(type) {
	case int64:
		return T(a % int64(b))
	case float64:
		return T(math.Mod(a, float64(b)))
	}
	return 0
}

func allValid(n int) []byte {
	b := make([]byte, bitutil.BytesForBits(int64(n)))
	bitutil.SetBitsTo(b, 0, int64(n), true)
	return b
}

func timeArith(op string, a, b val, n int, valid []byte) (arrow.Array, error) {
	ka, kb := kindOf(a.typ()), kindOf(b.typ())
	var rt arrow.DataType
	switch {
	case ka == kTime && kb == kTime && op == "-":
		rt = &arrow.DurationType{Unit: tsUnit(a.typ())}
	case ka == kTime && kb == kDuration && (op == "+" || op == "-"):
		rt = a.typ()
	case ka == kDuration && kb == kTime && op == "+":
		rt = b.typ()
	case ka == kDuration && kb == kDuration && (op == "+" || op == "-"):
		rt = a.typ()
	default:
		return nil, fmt.Errorf("cannot apply %s to %s and %s", op, a.typ(), b.typ())
	}
	if a.typ().ID() == arrow.DATE32 || b.typ().ID() == arrow.DATE32 {
		return nil, fmt.Errorf("cast dates to timestamps for arithmetic")
	}
	x, err := i64s(a)
	if err != nil {
		return nil, err
	}
	y, err := i64s(b)
	if err != nil {
		return nil, err
	}
	// Bring both to the result's unit.
	ru := unit(rt)
	x, y = rescale(x, unit(a.typ()), ru), rescale(y, unit(b.typ()), ru)
	out := make([]int64, n)
	valid = binLoop(op, x, y, a.scalar, b.scalar, out, valid)
	return numArray(rt, out, valid), nil
}

func tsUnit(t arrow.DataType) arrow.TimeUnit {
	if ts, ok := t.(*arrow.TimestampType); ok {
		return ts.Unit
	}
	return arrow.Millisecond
}

func rescale(v []int64, from, to time.Duration) []int64 {
	if from == to {
		return v
	}
	out := make([]int64, len(v))
	for i, x := range v {
		out[i] = int64(time.Duration(x) * from / to)
	}
	return out
}

func concatStrings(a, b val, n int) (arrow.Array, error) {
	x, y := a.a.(*array.String), b.a.(*array.String)
	bl := array.NewStringBuilder(mem)
	defer bl.Release()
	for i := 0; i < n; i++ {
		if x.IsNull(at(a, i)) || y.IsNull(at(b, i)) {
			bl.AppendNull()
			continue
		}
		bl.Append(x.Value(at(a, i)) + y.Value(at(b, i)))
	}
	return bl.NewArray(), nil
}

// compare evaluates a comparison into a bool array.
func compare(op string, a, b val, n int) (arrow.Array, error) {
	if a.scalar && !b.scalar { // keep the column on the left
		a, b = b, a
		op = flip[op]
	}
	ka, kb := kindOf(a.typ()), kindOf(b.typ())
	if ka == kNull || kb == kNull {
		return array.MakeArrayOfNull(mem, arrow.FixedWidthTypes.Boolean, n), nil
	}
	valid := andValidity(n, a, b)
	bits := make([]byte, bitutil.BytesForBits(int64(n)))
	switch {
	case ka == kInt && kb == kInt, ka == kTime && kb == kTime, ka == kDuration && kb == kDuration:
		x, err := i64s(a)
		if err != nil {
			return nil, err
		}
		y, err := i64s(b)
		if err != nil {
			return nil, err
		}
		if ka != kInt {
			ua, ub := unit(a.typ()), unit(b.typ())
			if ua != ub {
				x, y = rescale(x, ua, time.Nanosecond), rescale(y, ub, time.Nanosecond)
			}
		}
		cmpLoop(op, x, y, b.scalar, bits)
	case (ka == kInt || ka == kFloat) && (kb == kInt || kb == kFloat):
		x, err := f64s(a)
		if err != nil {
			return nil, err
		}
		y, err := f64s(b)
		if err != nil {
			return nil, err
		}
		cmpLoop(op, x, y, b.scalar, bits)
	case ka == kString && kb == kString:
		x, err := stringsOf(a.a)
		if err != nil {
			return nil, err
		}
		y, err := stringsOf(b.a)
		if err != nil {
			return nil, err
		}
		cmpLoop(op, x, y, b.scalar, bits)
	case ka == kBool && kb == kBool:
		x, y := boolsOf(a.a), boolsOf(b.a)
		cmpLoop(op, x, y, b.scalar, bits)
	default:
		return nil, fmt.Errorf("cannot compare %s with %s", a.typ(), b.typ())
	}
	return boolArray(bits, valid, n), nil
}

var flip = map[string]string{"==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}

func stringsOf(a arrow.Array) ([]string, error) {
	if d, ok := a.(*array.Dictionary); ok {
		vals, err := stringsOf(d.Dictionary())
		if err != nil {
			return nil, err
		}
		out := make([]string, a.Len())
		for i := range out {
			if d.IsValid(i) {
				out[i] = vals[d.GetValueIndex(i)]
			}
		}
		return out, nil
	}
	switch s := a.(type) {
	case *array.String:
		out := make([]string, a.Len())
		for i := range out {
			out[i] = s.Value(i)
		}
		return out, nil
	case *array.LargeString:
		out := make([]string, a.Len())
		for i := range out {
			out[i] = s.Value(i)
		}
		return out, nil
	}
	return nil, fmt.Errorf("not a string column: %s", a.DataType())
}

// u8 is 1 for true: comparisons feed bitmaps without branches (a bool is
// one byte holding 0 or 1; an if would compile to a mispredicted branch).
func u8(b bool) byte { return *(*byte)(unsafe.Pointer(&b)) }

func boolsOf(a arrow.Array) []byte {
	b := a.(*array.Boolean)
	out := make([]byte, b.Len())
	for i := range out {
		out[i] = u8(b.Value(i))
	}
	return out
}

// boolBits returns a zero-offset copy-free view of bool values when
// possible.
func boolBits(a arrow.Array) []byte {
	b := a.Data().Buffers()[1].Bytes()
	if a.Data().Offset() == 0 {
		return b
	}
	out := make([]byte, bitutil.BytesForBits(int64(a.Len())))
	bitutil.CopyBitmap(b, a.Data().Offset(), a.Len(), out, 0)
	return out
}

// logic evaluates && and || with Kleene (SQL) semantics.
func logic(op string, a, b val, n int) (arrow.Array, error) {
	for _, v := range []val{a, b} {
		if k := kindOf(v.typ()); k != kBool && k != kNull {
			return nil, fmt.Errorf("%s needs bool operands, got %s", op, v.typ())
		}
	}
	get := func(v val) (vals, valid []byte) {
		if kindOf(v.typ()) == kNull {
			return make([]byte, bitutil.BytesForBits(int64(v.a.Len()))), make([]byte, bitutil.BytesForBits(int64(v.a.Len())))
		}
		return boolBits(v.a), validity(v.a)
	}
	xv, xn := get(a)
	yv, yn := get(b)
	nb := int(bitutil.BytesForBits(int64(n)))
	bits := make([]byte, nb)
	if !a.scalar && !b.scalar && xn == nil && yn == nil {
		for i := range bits {
			if op == "&&" {
				bits[i] = xv[i] & yv[i]
			} else {
				bits[i] = xv[i] | yv[i]
			}
		}
		return boolArray(bits, nil, n), nil
	}
	valid := allValid(n)
	bit := func(b []byte, scalar bool, i int) bool {
		if b == nil {
			return true
		}
		if scalar {
			i = 0
		}
		return bitutil.BitIsSet(b, i)
	}
	for i := 0; i < n; i++ {
		x, xok := bit(xv, a.scalar, i), bit(xn, a.scalar, i)
		y, yok := bit(yv, b.scalar, i), bit(yn, b.scalar, i)
		var r, ok bool
		if op == "&&" {
			switch {
			case xok && !x, yok && !y:
				r, ok = false, true
			case xok && yok:
				r, ok = true, true
			}
		} else {
			switch {
			case xok && x, yok && y:
				r, ok = true, true
			case xok && yok:
				r, ok = false, true
			}
		}
		if r {
			bitutil.SetBit(bits, i)
		}
		if !ok {
			bitutil.ClearBit(valid, i)
		}
	}
	return boolArray(bits, valid, n), nil
}

func not(a val, n int) (arrow.Array, error) {
	if kindOf(a.typ()) != kBool {
		return nil, fmt.Errorf("! needs a bool operand, got %s", a.typ())
	}
	src := boolBits(a.a)
	bits := make([]byte, bitutil.BytesForBits(int64(n)))
	for i := range bits {
		bits[i] = ^src[i]
	}
	return boolArray(bits, validity(a.a), n), nil
}

func isNull(a val, n int, want bool) arrow.Array {
	bits := make([]byte, bitutil.BytesForBits(int64(n)))
	v := validity(a.a)
	f, isFloat := a.a.(*array.Float64)
	for i := 0; i < n; i++ {
		null := v != nil && !bitutil.BitIsSet(v, at(a, i))
		if isFloat && !null {
			null = math.IsNaN(f.Value(at(a, i)))
		}
		if null == want {
			bitutil.SetBit(bits, i)
		}
	}
	return boolArray(bits, nil, n)
}

// validMask is a bitmap of the rows where v is valid (not null, not NaN).
func validMask(v val, n int) []byte { return boolBits(isNull(v, n, false)) }

func isIn(a val, set []val, n int) (arrow.Array, error) {
	bits := make([]byte, bitutil.BytesForBits(int64(n)))
	for _, s := range set {
		eq, err := compare("==", a, s, n)
		if err != nil {
			return nil, err
		}
		eb := boolBits(eq)
		ev := validity(eq)
		for i := range bits {
			x := eb[i]
			if ev != nil {
				x &= ev[i]
			}
			bits[i] |= x
		}
	}
	return boolArray(bits, andValidity(n, a), n), nil
}

// commonType is the type two branches of a conditional share.
func commonType(a, b arrow.DataType) (arrow.DataType, error) {
	ka, kb := kindOf(a), kindOf(b)
	switch {
	case ka == kNull:
		return b, nil
	case kb == kNull, arrow.TypeEqual(a, b):
		return a, nil
	case ka == kInt && kb == kInt:
		return arrow.PrimitiveTypes.Int64, nil
	case (ka == kInt || ka == kFloat) && (kb == kInt || kb == kFloat):
		return arrow.PrimitiveTypes.Float64, nil
	}
	return nil, fmt.Errorf("values of types %s and %s do not mix", a, b)
}

// pick takes a where mask is set and b elsewhere.
func pick(mask []byte, a, b val, n int) (arrow.Array, error) {
	t, err := commonType(a.typ(), b.typ())
	if err != nil {
		return nil, err
	}
	if kindOf(t) == kNull {
		return array.MakeArrayOfNull(mem, t, n), nil
	}
	x, err := castTo(a.a, t)
	if err != nil {
		return nil, err
	}
	y, err := castTo(b.a, t)
	if err != nil {
		return nil, err
	}
	av, bv := val{x, a.scalar}, val{y, b.scalar}
	bl := array.NewBuilder(mem, t)
	defer bl.Release()
	bl.Reserve(n)
	for i := 0; i < n; i++ {
		src, j := bv, at(bv, i)
		if bitutil.BitIsSet(mask, i) {
			src, j = av, at(av, i)
		}
		if err := appendFrom(bl, src.a, j); err != nil {
			return nil, err
		}
	}
	return bl.NewArray(), nil
}

func when(a []val, n int) (arrow.Array, error) {
	res := a[len(a)-1]
	for i := len(a) - 3; i >= 0; i -= 2 {
		c := a[i]
		if kindOf(c.typ()) != kBool {
			return nil, fmt.Errorf("When needs a bool condition, got %s", c.typ())
		}
		cc := c
		if c.scalar {
			b, err := broadcast(c.a, n)
			if err != nil {
				return nil, err
			}
			cc = val{a: b}
		}
		mask := append([]byte(nil), boolBits(cc.a)...)
		if v := validity(cc.a); v != nil {
			for j := range mask {
				mask[j] &= v[j]
			}
		}
		out, err := pick(mask, a[i+1], res, n)
		if err != nil {
			return nil, err
		}
		res = val{a: out}
	}
	if res.scalar {
		b, err := broadcast(res.a, n)
		return b, err
	}
	return res.a, nil
}

func strPred(op, s string, a val) (arrow.Array, error) {
	xs, err := stringsOf(a.a)
	if err != nil {
		return nil, fmt.Errorf("%s needs a string column, got %s", op, a.typ())
	}
	bits := make([]byte, bitutil.BytesForBits(int64(len(xs))))
	for i, x := range xs {
		var r bool
		switch op {
		case "contains":
			r = strings.Contains(x, s)
		case "prefix":
			r = strings.HasPrefix(x, s)
		case "suffix":
			r = strings.HasSuffix(x, s)
		}
		bits[i>>3] |= u8(r) << (i & 7)
	}
	return boolArray(bits, validity(a.a), len(xs)), nil
}

func strMap(op string, a val) (arrow.Array, error) {
	xs, err := stringsOf(a.a)
	if err != nil {
		return nil, fmt.Errorf("%s needs a string column, got %s", op, a.typ())
	}
	b := array.NewStringBuilder(mem)
	defer b.Release()
	for i, x := range xs {
		if a.a.IsNull(i) {
			b.AppendNull()
		} else if op == "lower" {
			b.Append(strings.ToLower(x))
		} else {
			b.Append(strings.ToUpper(x))
		}
	}
	return b.NewArray(), nil
}

func length(a val) (arrow.Array, error) {
	out := make([]int64, a.a.Len())
	switch c := a.a.(type) {
	case *array.List:
		for i := range out {
			s, e := c.ValueOffsets(i)
			out[i] = e - s
		}
	default:
		xs, err := stringsOf(a.a)
		if err != nil {
			return nil, fmt.Errorf("length needs a string or list column, got %s", a.typ())
		}
		for i, x := range xs {
			out[i] = int64(utf8.RuneCountInString(x))
		}
	}
	return numArray(arrow.PrimitiveTypes.Int64, out, validity(a.a)), nil
}

func math1(op string, digits float64, a val) (arrow.Array, error) {
	k := kindOf(a.typ())
	if k == kInt && (op == "abs" || op == "floor" || op == "ceil" || op == "round") {
		x, err := i64s(a)
		if err != nil {
			return nil, err
		}
		out := make([]int64, len(x))
		for i, v := range x {
			if op == "abs" && v < 0 {
				v = -v
			}
			out[i] = v
		}
		return numArray(arrow.PrimitiveTypes.Int64, out, validity(a.a)), nil
	}
	if k != kInt && k != kFloat {
		return nil, fmt.Errorf("%s needs a number, got %s", op, a.typ())
	}
	x, err := f64s(a)
	if err != nil {
		return nil, err
	}
	out := make([]float64, len(x))
	var f func(float64) float64
	switch op {
	case "abs":
		f = math.Abs
	case "sqrt":
		f = math.Sqrt
	case "log":
		f = math.Log
	case "log10":
		f = math.Log10
	case "exp":
		f = math.Exp
	case "floor":
		f = math.Floor
	case "ceil":
		f = math.Ceil
	case "round":
		p := math.Pow(10, digits)
		f = func(v float64) float64 { return math.Round(v*p) / p }
	}
	for i, v := range x {
		out[i] = f(v)
	}
	return numArray(arrow.PrimitiveTypes.Float64, out, validity(a.a)), nil
}

func truncate(a val, d time.Duration) (arrow.Array, error) {
	if a.typ().ID() != arrow.TIMESTAMP {
		return nil, fmt.Errorf("Truncate needs a timestamp, got %s (FromJD/FromMJD convert numbers)", a.typ())
	}
	if d <= 0 {
		return nil, fmt.Errorf("Truncate needs a positive interval, got %s", d)
	}
	x, err := i64s(a)
	if err != nil {
		return nil, err
	}
	step := int64(d / unit(a.typ()))
	if step <= 0 {
		step = 1
	}
	out := make([]int64, len(x))
	for i, v := range x {
		r := v % step
		if r < 0 {
			r += step
		}
		out[i] = v - r
	}
	return numArray(a.typ(), out, validity(a.a)), nil
}

func fromJD(a val, mjd bool) (arrow.Array, error) {
	if k := kindOf(a.typ()); k != kInt && k != kFloat {
		return nil, fmt.Errorf("FromJD/FromMJD need a number, got %s", a.typ())
	}
	x, err := f64s(a)
	if err != nil {
		return nil, err
	}
	out := make([]int64, len(x))
	for i, v := range x {
		if mjd {
			v += 2400000.5
		}
		out[i] = jdToMicros(v)
	}
	return numArray(Timestamp, out, validity(a.a)), nil
}

func field(a val, name string) (arrow.Array, error) {
	s, ok := a.a.(*array.Struct)
	if !ok {
		return nil, fmt.Errorf("Field needs a struct column, got %s", a.typ())
	}
	st := s.DataType().(*arrow.StructType)
	i, ok := st.FieldIdx(name)
	if !ok {
		return nil, unknownField(name, st)
	}
	// Arrow's Struct already slices its children to the struct's window.
	return s.Field(i), nil
}

func mapFn(a val, fn func(any) any) (arrow.Array, error) {
	out := make([]any, a.a.Len())
	for i := range out {
		var err error
		out[i], err = callSafe(fn, goValue(a.a, i))
		if err != nil {
			return nil, fmt.Errorf("row %d: %w", i, err)
		}
	}
	return arrayOf(out)
}

func callSafe(fn func(any) any, v any) (r any, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic in Map func: %v", p)
		}
	}()
	return fn(v), nil
}
