package frames

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
	"unsafe"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/compute"
	"github.com/apache/arrow/go/v17/arrow/memory"
)

// goValue converts element i of a to a Go value: nil for null, int64,
// uint64, float64, bool, string, []byte, time.Time, time.Duration, []any for
// lists and map[string]any for structs.
func goValue(a arrow.Array, i int) any {
	if a.IsNull(i) {
		return nil
	}
	switch c := a.(type) {
	case *array.Boolean:
		return c.Value(i)
	case *array.Int8:
		return int64(c.Value(i))
	case *array.Int16:
		return int64(c.Value(i))
	case *array.Int32:
		return int64(c.Value(i))
	case *array.Int64:
		return c.Value(i)
	case *array.Uint8:
		return uint64(c.Value(i))
	case *array.Uint16:
		return uint64(c.Value(i))
	case *array.Uint32:
		return uint64(c.Value(i))
	case *array.Uint64:
		return c.Value(i)
	case *array.Float32:
		return float64(c.Value(i))
	case *array.Float64:
		return c.Value(i)
	case *array.String:
		return c.Value(i)
	case *array.LargeString:
		return c.Value(i)
	case *array.Binary:
		return append([]byte(nil), c.Value(i)...)
	case *array.Timestamp:
		u := c.DataType().(*arrow.TimestampType).Unit
		return time.Unix(0, 0).UTC().Add(time.Duration(c.Value(i)) * u.Multiplier())
	case *array.Date32:
		return c.Value(i).ToTime()
	case *array.Date64:
		return c.Value(i).ToTime()
	case *array.Duration:
		return time.Duration(c.Value(i)) * c.DataType().(*arrow.DurationType).Unit.Multiplier()
	case *array.Dictionary:
		return goValue(c.Dictionary(), c.GetValueIndex(i))
	case array.ListLike:
		s, e := c.ValueOffsets(i)
		out := make([]any, 0, e-s)
		for j := s; j < e; j++ {
			out = append(out, goValue(c.ListValues(), int(j)))
		}
		return out
	case *array.Struct:
		m := map[string]any{}
		st := c.DataType().(*arrow.StructType)
		for j := 0; j < c.NumField(); j++ {
			m[st.Field(j).Name] = goValue(c.Field(j), i)
		}
		return m
	}
	return a.ValueStr(i)
}

// formatValue is element i of a as a short string for tables.
func formatValue(a arrow.Array, i int) string {
	if a.IsNull(i) {
		return "null"
	}
	switch c := a.(type) {
	case *array.Float64:
		return formatFloat(c.Value(i), 64)
	case *array.Float32:
		return formatFloat(float64(c.Value(i)), 32)
	case *array.String:
		return c.Value(i)
	case *array.LargeString:
		return c.Value(i)
	case *array.Binary:
		v := c.Value(i)
		if len(v) > 8 {
			return fmt.Sprintf("%x… (%d bytes)", v[:8], len(v))
		}
		return fmt.Sprintf("%x", v)
	case *array.Timestamp:
		t := goValue(a, i).(time.Time)
		if t.Nanosecond() == 0 {
			return t.Format("2006-01-02 15:04:05")
		}
		return t.Format("2006-01-02 15:04:05.000000")
	case *array.Duration:
		return goValue(a, i).(time.Duration).String()
	case *array.Date32, *array.Date64:
		return goValue(a, i).(time.Time).Format("2006-01-02")
	case *array.Dictionary:
		return formatValue(c.Dictionary(), c.GetValueIndex(i))
	case array.ListLike:
		s, e := c.ValueOffsets(i)
		var b strings.Builder
		b.WriteByte('[')
		for j := s; j < e; j++ {
			if j > s {
				b.WriteString(", ")
			}
			if j-s == 5 && e-s > 6 {
				fmt.Fprintf(&b, "… %d more", e-j)
				break
			}
			b.WriteString(formatValue(c.ListValues(), int(j)))
		}
		b.WriteByte(']')
		return b.String()
	case *array.Struct:
		var b strings.Builder
		b.WriteByte('{')
		st := c.DataType().(*arrow.StructType)
		for j := 0; j < c.NumField(); j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			if j == 4 && c.NumField() > 5 {
				fmt.Fprintf(&b, "… %d more", c.NumField()-j)
				break
			}
			b.WriteString(st.Field(j).Name + ": " + formatValue(c.Field(j), i))
		}
		b.WriteByte('}')
		return b.String()
	}
	return a.ValueStr(i)
}

func formatFloat(f float64, bits int) string {
	if math.IsNaN(f) {
		return "NaN"
	}
	a := math.Abs(f)
	if a != 0 && (a >= 1e15 || a < 1e-4) {
		return strconv.FormatFloat(f, 'g', 6, bits)
	}
	s := strconv.FormatFloat(f, 'f', 6, bits)
	s = strings.TrimRight(s, "0")
	if strings.HasSuffix(s, ".") {
		s += "0"
	}
	return s
}

// appendFrom appends element i of src to b (same type).
func appendFrom(b array.Builder, src arrow.Array, i int) error {
	if src.IsNull(i) {
		b.AppendNull()
		return nil
	}
	switch bb := b.(type) {
	case *array.Int64Builder:
		bb.Append(src.(*array.Int64).Value(i))
	case *array.Float64Builder:
		bb.Append(src.(*array.Float64).Value(i))
	case *array.StringBuilder:
		bb.Append(src.(*array.String).Value(i))
	case *array.BooleanBuilder:
		bb.Append(src.(*array.Boolean).Value(i))
	case *array.TimestampBuilder:
		bb.Append(src.(*array.Timestamp).Value(i))
	case *array.DurationBuilder:
		bb.Append(src.(*array.Duration).Value(i))
	default:
		return b.AppendValueFromString(src.ValueStr(i))
	}
	return nil
}

// takeArray gathers a[idx[i]]; an index of -1 gives null.
func takeArray(a arrow.Array, idx []int32) (arrow.Array, error) {
	hasNull := false
	for _, i := range idx {
		if i < 0 {
			hasNull = true
			break
		}
	}
	if !hasNull && a.NullN() == 0 && a.Data().Offset() == 0 {
		switch c := a.(type) {
		case *array.Float64:
			return fixed(a.DataType(), gather(c.Float64Values(), idx), nil, 0), nil
		case *array.Int64:
			return fixed(a.DataType(), gather(c.Int64Values(), idx), nil, 0), nil
		case *array.Int32:
			return fixed(a.DataType(), gather(c.Int32Values(), idx), nil, 0), nil
		case *array.Timestamp:
			return fixed(a.DataType(), gather(c.TimestampValues(), idx), nil, 0), nil
		}
	}
	if out, ok := takeFixed(a, idx); ok {
		return out, nil
	}
	switch c := a.(type) {
	case *array.String:
		return takeVarBinary(c, idx), nil
	case *array.Binary:
		return takeVarBinary(c, idx), nil
	case *array.List:
		return takeList(c, idx)
	case *array.Struct:
		return takeStruct(c, idx)
	}
	ib := array.NewInt32Builder(mem)
	defer ib.Release()
	ib.Reserve(len(idx))
	for _, i := range idx {
		if i < 0 {
			ib.AppendNull()
		} else {
			ib.UnsafeAppend(i)
		}
	}
	ia := ib.NewArray()
	defer ia.Release()
	out, err := compute.TakeArray(context.Background(), a, ia)
	if err != nil {
		return nil, fmt.Errorf("take %s: %w", a.DataType(), err)
	}
	return out, nil
}

// varBinary is what String and Binary arrays share.
type varBinary interface {
	arrow.Array
	ValueOffsets() []int32
	ValueBytes() []byte
}

// takeVarBinary gathers strings or bytes with one allocation for the data
// (Arrow's Take grows its buffer step by step, quadratic on long values).
func takeVarBinary(c varBinary, idx []int32) arrow.Array {
	// ValueBytes starts at the first value of the (maybe sliced) array;
	// ValueOffsets are absolute.
	offs, data := c.ValueOffsets(), c.ValueBytes()
	base := int32(0)
	if len(offs) > 0 {
		base = offs[0]
	}
	size := 0
	for _, i := range idx {
		if i >= 0 && c.IsValid(int(i)) {
			size += int(offs[i+1] - offs[i])
		}
	}
	offsets := make([]int32, len(idx)+1)
	out := make([]byte, 0, size)
	valid, nulls := takeValidity(c, idx)
	for k, i := range idx {
		if i >= 0 && c.IsValid(int(i)) {
			out = append(out, data[offs[i]-base:offs[i+1]-base]...)
		}
		offsets[k+1] = int32(len(out))
	}
	var vb *memory.Buffer
	if valid != nil {
		vb = memory.NewBufferBytes(valid)
	}
	d := array.NewData(c.DataType(), len(idx),
		[]*memory.Buffer{vb, memory.NewBufferBytes(bytesOf(offsets)), memory.NewBufferBytes(out)}, nil, nulls, 0)
	defer d.Release()
	return array.MakeFromData(d)
}

// takeFixed gathers fixed-width values of 1, 2, 4 or 8 bytes and
// booleans, with nulls; ok is false for other types.
func takeFixed(a arrow.Array, idx []int32) (arrow.Array, bool) {
	d := a.Data()
	if len(d.Children()) > 0 || len(d.Buffers()) != 2 || d.Buffers()[1] == nil {
		return nil, false
	}
	if a.DataType().ID() == arrow.DICTIONARY {
		return nil, false
	}
	fw, ok := a.DataType().(arrow.FixedWidthDataType)
	if !ok {
		return nil, false
	}
	bits := fw.BitWidth()
	raw := d.Buffers()[1].Bytes()
	off := d.Offset()
	n := len(idx)
	var vals []byte
	switch bits {
	case 1:
		vals = make([]byte, (n+7)/8)
		for k, i := range idx {
			if i >= 0 {
				j := off + int(i)
				if raw[j>>3]&(1<<(j&7)) != 0 {
					vals[k>>3] |= 1 << (k & 7)
				}
			}
		}
	case 8:
		vals = takeBytes(raw[off:], idx)
	case 16:
		vals = bytesOf(takeWords(unsafe.Slice((*uint16)(unsafe.Pointer(unsafe.SliceData(raw))), len(raw)/2)[off:], idx))
	case 32:
		vals = bytesOf(takeWords(unsafe.Slice((*uint32)(unsafe.Pointer(unsafe.SliceData(raw))), len(raw)/4)[off:], idx))
	case 64:
		vals = bytesOf(takeWords(unsafe.Slice((*uint64)(unsafe.Pointer(unsafe.SliceData(raw))), len(raw)/8)[off:], idx))
	default:
		return nil, false
	}
	valid, nulls := takeValidity(a, idx)
	var vb *memory.Buffer
	if valid != nil {
		vb = memory.NewBufferBytes(valid)
	}
	out := array.NewData(a.DataType(), n, []*memory.Buffer{vb, memory.NewBufferBytes(vals)}, nil, nulls, 0)
	defer out.Release()
	return array.MakeFromData(out), true
}

func takeBytes(src []byte, idx []int32) []byte {
	out := make([]byte, len(idx))
	for k, i := range idx {
		if i >= 0 {
			out[k] = src[i]
		}
	}
	return out
}

func takeWords[T uint16 | uint32 | uint64](src []T, idx []int32) []T {
	out := make([]T, len(idx))
	for k, i := range idx {
		if i >= 0 {
			out[k] = src[i]
		}
	}
	return out
}

// takeValidity is the validity bitmap of a gathered array (nil: no nulls).
func takeValidity(a arrow.Array, idx []int32) ([]byte, int) {
	nulls := 0
	for _, i := range idx {
		if i < 0 || a.IsNull(int(i)) {
			nulls++
		}
	}
	if nulls == 0 {
		return nil, 0
	}
	valid := allValid(len(idx))
	for k, i := range idx {
		if i < 0 || a.IsNull(int(i)) {
			valid[k>>3] &^= 1 << (k & 7)
		}
	}
	return valid, nulls
}

// takeList gathers lists by gathering their values (Arrow's Take grows
// its buffers step by step, quadratic on long lists).
func takeList(c *array.List, idx []int32) (arrow.Array, error) {
	offsets := make([]int32, len(idx)+1)
	var child []int32
	for k, i := range idx {
		if i >= 0 && c.IsValid(int(i)) {
			lo, hi := c.ValueOffsets(int(i))
			for j := lo; j < hi; j++ {
				child = append(child, int32(j))
			}
		}
		offsets[k+1] = int32(len(child))
	}
	vals, err := takeArray(c.ListValues(), child)
	if err != nil {
		return nil, err
	}
	valid, nulls := takeValidity(c, idx)
	var vb *memory.Buffer
	if valid != nil {
		vb = memory.NewBufferBytes(valid)
	}
	d := array.NewData(c.DataType(), len(idx), []*memory.Buffer{vb, memory.NewBufferBytes(bytesOf(offsets))},
		[]arrow.ArrayData{vals.Data()}, nulls, 0)
	defer d.Release()
	return array.NewListData(d), nil
}

// takeStruct gathers each field.
func takeStruct(c *array.Struct, idx []int32) (arrow.Array, error) {
	children := make([]arrow.ArrayData, c.NumField())
	for j := range c.NumField() {
		f, err := takeArray(c.Field(j), idx)
		if err != nil {
			return nil, err
		}
		children[j] = f.Data()
	}
	valid, nulls := takeValidity(c, idx)
	var vb *memory.Buffer
	if valid != nil {
		vb = memory.NewBufferBytes(valid)
	}
	d := array.NewData(c.DataType(), len(idx), []*memory.Buffer{vb}, children, nulls, 0)
	defer d.Release()
	return array.NewStructData(d), nil
}

func gather[T any](src []T, idx []int32) []T {
	out := make([]T, len(idx))
	parallel(len(idx), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			out[i] = src[idx[i]]
		}
	})
	return out
}

// takeTable gathers rows of every column.
func takeTable(t *table, idx []int32) (*table, error) {
	out := &table{schema: t.schema, cols: make([]arrow.Array, len(t.cols)), n: len(idx)}
	for i, c := range t.cols {
		a, err := takeArray(c, idx)
		if err != nil {
			return nil, fmt.Errorf("column %q: %w", t.schema.Field(i).Name, err)
		}
		out.cols[i] = a
	}
	return out, nil
}

// unknownColumn is the error for a missing column, with the closest names.
func unknownColumn(name string, s *arrow.Schema) error {
	names := make([]string, s.NumFields())
	for i, f := range s.Fields() {
		names[i] = f.Name
	}
	return missing("column", name, names)
}

func unknownField(name string, st *arrow.StructType) error {
	names := make([]string, st.NumFields())
	for i, f := range st.Fields() {
		names[i] = f.Name
	}
	return missing("struct field", name, names)
}

func missing(what, name string, names []string) error {
	best, bestD := "", 1<<30
	for _, n := range names {
		d := editDistance(strings.ToLower(name), strings.ToLower(n))
		if d < bestD {
			best, bestD = n, d
		}
	}
	if best != "" && bestD <= max(2, len(name)/3) && bestD < len(name) {
		return fmt.Errorf("unknown %s %q (did you mean %q?)", what, name, best)
	}
	sort.Strings(names)
	if len(names) > 12 {
		names = append(names[:12], "…")
	}
	return fmt.Errorf("unknown %s %q (have %s)", what, name, strings.Join(names, ", "))
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := 1
			if a[i-1] == b[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
