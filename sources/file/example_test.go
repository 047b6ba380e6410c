package file_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/fountain-go/fountain/sources/file"
)

// Batches go to any format by the file's extension and come back the same.
func ExampleWrite() {
	schema := arrow.NewSchema([]arrow.Field{{Name: "band", Type: arrow.BinaryTypes.String}, {Name: "n", Type: arrow.PrimitiveTypes.Int64}}, nil)
	b := array.NewRecordBuilder(memory.DefaultAllocator, schema)
	defer b.Release()
	b.Field(0).(*array.StringBuilder).AppendValues([]string{"g", "r"}, nil)
	b.Field(1).(*array.Int64Builder).AppendValues([]int64{12, 30}, nil)
	rec := b.NewRecord()
	defer rec.Release()

	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "counts.parquet")
	if err := file.Write(path, schema, []arrow.Record{rec}); err != nil {
		fmt.Println(err)
		return
	}
	recs, err := file.Read(path)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(recs[0].NumRows(), "rows:", recs[0].Column(1))
	recs[0].Release()
	// Output: 2 rows: [12 30]
}
