package frames

import (
	"fmt"
	"reflect"
	"strings"
	"time"
	"unsafe"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
)

// mem is the allocator for every array frames makes. Go's allocator lets the
// garbage collector own the buffers, so frames never need Release.
var mem = memory.DefaultAllocator

// Series is one named column under construction; see Col and New.
type Series struct {
	name string
	arr  arrow.Array
	err  error
}

// Name is the column's name.
func (s Series) Name() string { return s.name }

// Err reports why the column could not be built.
func (s Series) Err() error { return s.err }

// Column builds a named column from a Go slice: []bool, []int… []uint64,
// []float32, []float64, []string, [][]byte, []time.Time (timestamp, µs,
// UTC), []time.Duration, slices of pointers to these (nil is null), []any
// (nil is null, the type taken from the first other element), slices of
// slices (list columns) and slices of structs (struct columns). Plain numeric
// slices are used in place, without a copy; do not change them afterwards.
func Column(name string, values any) Series {
	arr, err := arrayOf(values)
	if err != nil {
		return Series{name: name, err: fmt.Errorf("column %q: %w", name, err)}
	}
	return Series{name: name, arr: arr}
}

// ColumnArray names an existing Arrow array as a column.
func ColumnArray(name string, arr arrow.Array) Series { return Series{name: name, arr: arr} }

func bytesOf[T any](s []T) []byte {
	if len(s) == 0 {
		return nil
	}
	var z T
	return unsafe.Slice((*byte)(unsafe.Pointer(&s[0])), len(s)*int(unsafe.Sizeof(z)))
}

// fixed wraps a slice of a fixed-width type as an Arrow array without a copy.
func fixed[T any](t arrow.DataType, s []T, valid []byte, nulls int) arrow.Array {
	bufs := []*memory.Buffer{nil, memory.NewBufferBytes(bytesOf(s))}
	if valid != nil {
		bufs[0] = memory.NewBufferBytes(valid)
	}
	d := array.NewData(t, len(s), bufs, nil, nulls, 0)
	defer d.Release()
	return array.MakeFromData(d)
}

var (
	timeType     = reflect.TypeOf(time.Time{})
	durationType = reflect.TypeOf(time.Duration(0))
	bytesType    = reflect.TypeOf([]byte(nil))
)

// Timestamp is the Arrow type of time.Time columns built from Go values.
var Timestamp = &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}

func arrayOf(values any) (arrow.Array, error) {
	switch v := values.(type) {
	case arrow.Array:
		return v, nil
	case []float64:
		return fixed(arrow.PrimitiveTypes.Float64, v, nil, 0), nil
	case []float32:
		return fixed(arrow.PrimitiveTypes.Float32, v, nil, 0), nil
	case []int64:
		return fixed(arrow.PrimitiveTypes.Int64, v, nil, 0), nil
	case []int32:
		return fixed(arrow.PrimitiveTypes.Int32, v, nil, 0), nil
	case []int16:
		return fixed(arrow.PrimitiveTypes.Int16, v, nil, 0), nil
	case []int8:
		return fixed(arrow.PrimitiveTypes.Int8, v, nil, 0), nil
	case []uint64:
		return fixed(arrow.PrimitiveTypes.Uint64, v, nil, 0), nil
	case []uint32:
		return fixed(arrow.PrimitiveTypes.Uint32, v, nil, 0), nil
	case []uint16:
		return fixed(arrow.PrimitiveTypes.Uint16, v, nil, 0), nil
	case []uint8:
		return fixed(arrow.PrimitiveTypes.Uint8, v, nil, 0), nil
	case []int:
		s := make([]int64, len(v))
		for i, x := range v {
			s[i] = int64(x)
		}
		return fixed(arrow.PrimitiveTypes.Int64, s, nil, 0), nil
	case []time.Duration:
		return fixed(arrow.FixedWidthTypes.Duration_ns, v, nil, 0), nil
	case []string:
		b := array.NewStringBuilder(mem)
		defer b.Release()
		b.AppendValues(v, nil)
		return b.NewArray(), nil
	case []bool:
		b := array.NewBooleanBuilder(mem)
		defer b.Release()
		b.AppendValues(v, nil)
		return b.NewArray(), nil
	}
	rv := reflect.ValueOf(values)
	if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array {
		return nil, fmt.Errorf("want a slice of values, got %T", values)
	}
	var t arrow.DataType
	var err error
	if rv.Type().Elem().Kind() == reflect.Interface {
		for i := 0; i < rv.Len() && t == nil; i++ {
			if e := rv.Index(i).Elem(); e.IsValid() {
				if t, err = arrowType(e.Type()); err != nil {
					return nil, err
				}
			}
		}
		if t == nil {
			t = arrow.Null
		}
	} else if t, err = arrowType(rv.Type().Elem()); err != nil {
		return nil, err
	}
	b := array.NewBuilder(mem, t)
	defer b.Release()
	b.Reserve(rv.Len())
	for i := 0; i < rv.Len(); i++ {
		if err := appendGo(b, rv.Index(i)); err != nil {
			return nil, fmt.Errorf("element %d: %w", i, err)
		}
	}
	return b.NewArray(), nil
}

// arrowType maps a Go type to the Arrow type of a column of it.
func arrowType(t reflect.Type) (arrow.DataType, error) {
	switch t {
	case timeType:
		return Timestamp, nil
	case durationType:
		return arrow.FixedWidthTypes.Duration_ns, nil
	case bytesType:
		return arrow.BinaryTypes.Binary, nil
	}
	switch t.Kind() {
	case reflect.Pointer:
		return arrowType(t.Elem())
	case reflect.Bool:
		return arrow.FixedWidthTypes.Boolean, nil
	case reflect.Int, reflect.Int64:
		return arrow.PrimitiveTypes.Int64, nil
	case reflect.Int32:
		return arrow.PrimitiveTypes.Int32, nil
	case reflect.Int16:
		return arrow.PrimitiveTypes.Int16, nil
	case reflect.Int8:
		return arrow.PrimitiveTypes.Int8, nil
	case reflect.Uint, reflect.Uint64, reflect.Uintptr:
		return arrow.PrimitiveTypes.Uint64, nil
	case reflect.Uint32:
		return arrow.PrimitiveTypes.Uint32, nil
	case reflect.Uint16:
		return arrow.PrimitiveTypes.Uint16, nil
	case reflect.Uint8:
		return arrow.PrimitiveTypes.Uint8, nil
	case reflect.Float32:
		return arrow.PrimitiveTypes.Float32, nil
	case reflect.Float64:
		return arrow.PrimitiveTypes.Float64, nil
	case reflect.String:
		return arrow.BinaryTypes.String, nil
	case reflect.Slice, reflect.Array:
		e, err := arrowType(t.Elem())
		if err != nil {
			return nil, err
		}
		return arrow.ListOf(e), nil
	case reflect.Struct:
		var fs []arrow.Field
		for _, sf := range structFields(t) {
			ft, err := arrowType(sf.Type)
			if err != nil {
				return nil, fmt.Errorf("field %s: %w", sf.Name, err)
			}
			fs = append(fs, arrow.Field{Name: fieldName(sf), Type: ft, Nullable: true})
		}
		return arrow.StructOf(fs...), nil
	}
	return nil, fmt.Errorf("no column type for Go type %s", t)
}

// structFields lists the exported fields a struct contributes as columns; a
// `frame:"-"` tag leaves one out.
func structFields(t reflect.Type) []reflect.StructField {
	var out []reflect.StructField
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if !sf.IsExported() || sf.Tag.Get("frame") == "-" {
			continue
		}
		out = append(out, sf)
	}
	return out
}

// fieldName is a struct field's column name: its `frame` tag, else its
// `json` tag, else the field name.
func fieldName(sf reflect.StructField) string {
	for _, key := range []string{"frame", "json"} {
		if tag, _, _ := strings.Cut(sf.Tag.Get(key), ","); tag != "" && tag != "-" {
			return tag
		}
	}
	return sf.Name
}

// appendGo appends one Go value to a builder of the matching type.
func appendGo(b array.Builder, v reflect.Value) error {
	for v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer {
		if v.IsNil() {
			b.AppendNull()
			return nil
		}
		v = v.Elem()
	}
	switch b := b.(type) {
	case *array.NullBuilder:
		return fmt.Errorf("value %v in a column of nulls", v)
	case *array.TimestampBuilder:
		if v.Type() != timeType {
			return fmt.Errorf("want time.Time, got %s", v.Type())
		}
		b.Append(arrow.Timestamp(v.Interface().(time.Time).UnixMicro()))
	case *array.DurationBuilder:
		if !v.CanInt() {
			return fmt.Errorf("want time.Duration, got %s", v.Type())
		}
		b.Append(arrow.Duration(v.Int()))
	case *array.BooleanBuilder:
		if v.Kind() != reflect.Bool {
			return fmt.Errorf("want bool, got %s", v.Type())
		}
		b.Append(v.Bool())
	case *array.StringBuilder:
		if v.Kind() != reflect.String {
			return fmt.Errorf("want string, got %s", v.Type())
		}
		b.Append(v.String())
	case *array.BinaryBuilder:
		if v.Type() != bytesType {
			return fmt.Errorf("want []byte, got %s", v.Type())
		}
		b.Append(v.Bytes())
	case *array.ListBuilder:
		if v.Kind() != reflect.Slice && v.Kind() != reflect.Array {
			return fmt.Errorf("want a slice, got %s", v.Type())
		}
		if v.Kind() == reflect.Slice && v.IsNil() {
			b.AppendNull()
			return nil
		}
		b.Append(true)
		for i := 0; i < v.Len(); i++ {
			if err := appendGo(b.ValueBuilder(), v.Index(i)); err != nil {
				return err
			}
		}
	case *array.StructBuilder:
		if v.Kind() != reflect.Struct {
			return fmt.Errorf("want a struct, got %s", v.Type())
		}
		b.Append(true)
		for i, sf := range structFields(v.Type()) {
			if err := appendGo(b.FieldBuilder(i), v.FieldByIndex(sf.Index)); err != nil {
				return fmt.Errorf("field %s: %w", sf.Name, err)
			}
		}
	default:
		return appendNumber(b, v)
	}
	return nil
}

func appendNumber(b array.Builder, v reflect.Value) error {
	var i int64
	var u uint64
	var f float64
	switch {
	case v.CanInt():
		i, u, f = v.Int(), uint64(v.Int()), float64(v.Int())
	case v.CanUint():
		i, u, f = int64(v.Uint()), v.Uint(), float64(v.Uint())
	case v.CanFloat():
		f = v.Float()
		i, u = int64(f), uint64(f)
		if id := b.Type().ID(); id != arrow.FLOAT32 && id != arrow.FLOAT64 && f != float64(i) {
			return fmt.Errorf("%v is not a whole number for a %s column", f, b.Type())
		}
	default:
		return fmt.Errorf("want a number for a %s column, got %s", b.Type(), v.Type())
	}
	switch b := b.(type) {
	case *array.Int64Builder:
		b.Append(i)
	case *array.Int32Builder:
		b.Append(int32(i))
	case *array.Int16Builder:
		b.Append(int16(i))
	case *array.Int8Builder:
		b.Append(int8(i))
	case *array.Uint64Builder:
		b.Append(u)
	case *array.Uint32Builder:
		b.Append(uint32(u))
	case *array.Uint16Builder:
		b.Append(uint16(u))
	case *array.Uint8Builder:
		b.Append(uint8(u))
	case *array.Float64Builder:
		b.Append(f)
	case *array.Float32Builder:
		b.Append(float32(f))
	default:
		return fmt.Errorf("cannot store %s in a %s column", v.Type(), b.Type())
	}
	return nil
}
