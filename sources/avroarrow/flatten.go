package avroarrow

import (
	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
)

// Flatten returns rec with its struct columns replaced by their fields,
// named parent + sep + child ("candidate.magpsf"), recursively; lists and
// other columns are kept. It copies no data. The decoder appends nulls to
// a null struct's fields, so a flattened field is null wherever its parent
// was. The caller releases the result.
func Flatten(rec arrow.Record, sep string) arrow.Record {
	var fields []arrow.Field
	var cols []arrow.Array
	for i, f := range rec.Schema().Fields() {
		flatten(f.Name, f, sep, rec.Column(i), func(f arrow.Field, col arrow.Array) {
			fields = append(fields, f)
			cols = append(cols, col)
		})
	}
	return array.NewRecord(arrow.NewSchema(fields, nil), cols, rec.NumRows())
}

// FlattenSchema is the schema Flatten gives records of schema s.
func FlattenSchema(s *arrow.Schema, sep string) *arrow.Schema {
	var fields []arrow.Field
	for _, f := range s.Fields() {
		flatten(f.Name, f, sep, nil, func(f arrow.Field, _ arrow.Array) { fields = append(fields, f) })
	}
	return arrow.NewSchema(fields, nil)
}

// flatten calls emit with each leaf field under f (named from name) and
// its column, when col is not nil.
func flatten(name string, f arrow.Field, sep string, col arrow.Array, emit func(arrow.Field, arrow.Array)) {
	st, ok := f.Type.(*arrow.StructType)
	if !ok {
		f.Name = name
		emit(f, col)
		return
	}
	for i, cf := range st.Fields() {
		cf.Nullable = cf.Nullable || f.Nullable
		var child arrow.Array
		if col != nil {
			child = col.(*array.Struct).Field(i)
		}
		flatten(name+sep+cf.Name, cf, sep, child, emit)
	}
}
