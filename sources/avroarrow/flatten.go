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
	var walk func(name string, f arrow.Field, col arrow.Array)
	walk = func(name string, f arrow.Field, col arrow.Array) {
		st, ok := col.(*array.Struct)
		if !ok {
			f.Name = name
			fields = append(fields, f)
			cols = append(cols, col)
			return
		}
		for i, cf := range st.DataType().(*arrow.StructType).Fields() {
			cf.Nullable = cf.Nullable || f.Nullable
			walk(name+sep+cf.Name, cf, st.Field(i))
		}
	}
	for i, f := range rec.Schema().Fields() {
		walk(f.Name, f, rec.Column(i))
	}
	return array.NewRecord(arrow.NewSchema(fields, nil), cols, rec.NumRows())
}
