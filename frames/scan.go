package frames

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/parquet"
	pqfile "github.com/apache/arrow/go/v17/parquet/file"
	"github.com/apache/arrow/go/v17/parquet/pqarrow"
	"github.com/fountain-go/fountain/sources/file"
)

// Read reads a file into a Frame; the format follows the extension
// (.parquet, .arrow/.feather/.ipc, .arrows, .csv, .jsonl/.ndjson/.json,
// .avro). Parquet is read lazily: only the columns the plan uses are read,
// and filters run on each batch as it is read, so a filtered query never
// holds the whole file. Other formats are read at once (through
// sources/file).
func Read(path string) Frame {
	f, err := file.FormatOf(path)
	if err != nil {
		return failed(err)
	}
	if f == file.Parquet {
		s, err := parquetSchema(path)
		if err != nil {
			return failed(fmt.Errorf("read %s: %w", path, err))
		}
		return fromPlan(&scanNode{path: path, schema: s})
	}
	if f == file.CSV {
		fr, _ := ReadCSV(path, file.CSVOptions{})
		return fr
	}
	recs, err := file.Read(path)
	if err != nil {
		return failed(err)
	}
	t, err := concatRecords(recs)
	if err != nil {
		return failed(fmt.Errorf("read %s: %w", path, err))
	}
	return fromTable(t, string(f)+" "+path)
}

// ReadCSV reads a CSV file with a header line. With SkipBadRows, rows with
// the wrong number of fields are left out and returned with their line
// numbers; otherwise the first one fails the read.
func ReadCSV(path string, opt file.CSVOptions) (Frame, []file.BadRow) {
	prog := track("read "+filepath.Base(path), 0)
	var done atomic.Int64
	if prog != nil && opt.Progress == nil {
		var mu sync.Mutex
		opt.Progress = func(rows int64) {
			mu.Lock()
			defer mu.Unlock()
			if rows > done.Load() {
				done.Store(rows)
				prog.update(rows)
			}
		}
	}
	recs, bad, err := file.ReadCSV(path, opt)
	prog.finish(done.Load())
	if err != nil {
		return failed(err), bad
	}
	t, err := concatRecords(recs)
	if err != nil {
		return failed(fmt.Errorf("read %s: %w", path, err)), bad
	}
	return fromTable(t, "csv "+path), bad
}

// Write writes the Frame to a file in the format of its extension.
func (f Frame) Write(path string) error {
	r, err := f.Record()
	if err != nil {
		return err
	}
	return file.Write(path, r.Schema(), []arrow.Record{r})
}

func parquetSchema(path string) (*arrow.Schema, error) {
	rdr, err := pqfile.OpenParquetFile(path, false)
	if err != nil {
		return nil, err
	}
	defer rdr.Close()
	fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{}, mem)
	if err != nil {
		return nil, err
	}
	return fr.Schema()
}

// scanNode reads a Parquet file, maybe only some columns (cols) and with a
// predicate applied batch by batch.
type scanNode struct {
	path   string
	schema *arrow.Schema
	cols   []string // nil: all
	pred   *expr
}

func (s *scanNode) Schema() *arrow.Schema {
	if s.cols == nil {
		return s.schema
	}
	var fs []arrow.Field
	for _, f := range s.schema.Fields() {
		for _, c := range s.cols {
			if c == f.Name {
				fs = append(fs, f)
			}
		}
	}
	return arrow.NewSchema(fs, nil)
}

func (s *scanNode) String() string {
	out := "Scan parquet " + s.path
	if s.cols != nil {
		out += " columns [" + strings.Join(s.cols, ", ") + "]"
	}
	if s.pred != nil {
		out += " filter " + s.pred.String()
	}
	return out
}
func (s *scanNode) inputs() []node         { return nil }
func (s *scanNode) withInputs([]node) node { return s }

func (s *scanNode) run([]*table) (*table, error) {
	t, err := s.read()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", s.path, err)
	}
	return t, nil
}

func (s *scanNode) read() (*table, error) {
	fh, err := os.Open(s.path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	rdr, err := pqfile.NewParquetReader(fh, pqfile.WithReadProps(parquet.NewReaderProperties(mem)))
	if err != nil {
		return nil, err
	}
	defer rdr.Close()
	fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{BatchSize: 64 << 10, Parallel: true}, mem)
	if err != nil {
		return nil, err
	}
	var leaves []int
	if s.cols != nil {
		for i, f := range fr.Manifest.Fields {
			for _, c := range s.cols {
				if f.Field.Name != c {
					continue
				}
				if _, nested := f.Field.Type.(arrow.NestedType); nested || !f.IsLeaf() || f.ColIndex < 0 {
					// Nested columns: read everything and pick by name
					// (the manifest's leaves of lists are not reliable).
					leaves = nil
					goto read
				}
				leaves = append(leaves, fr.Manifest.Fields[i].ColIndex)
			}
		}
	}
read:
	schema := s.Schema()
	rr, err := fr.GetRecordReader(context.Background(), leaves, nil)
	if err != nil {
		return nil, err
	}
	defer rr.Release()
	var parts []*table
	prog := track("read "+filepath.Base(s.path), rdr.NumRows())
	var read int64
	for rr.Next() {
		rec := rr.Record()
		read += rec.NumRows()
		prog.update(read)
		t := &table{schema: schema, n: int(rec.NumRows())}
		for _, f := range schema.Fields() {
			i := rec.Schema().FieldIndices(f.Name)
			if i == nil {
				return nil, fmt.Errorf("column %q missing from what was read", f.Name)
			}
			t.cols = append(t.cols, rec.Column(i[0]))
			rec.Column(i[0]).Retain()
		}
		if s.pred != nil {
			if t, err = filterTable(t, s.pred); err != nil {
				return nil, err
			}
		}
		parts = append(parts, t)
	}
	if err := rr.Err(); err != nil && !errors.Is(err, io.EOF) { // EOF is how it ends
		return nil, err
	}
	prog.finish(read)
	return concatTables(schema, parts)
}

// concatTables stacks tables of one schema.
func concatTables(schema *arrow.Schema, parts []*table) (*table, error) {
	if len(parts) == 1 {
		return parts[0], nil
	}
	t := &table{schema: schema, cols: make([]arrow.Array, schema.NumFields())}
	for _, p := range parts {
		t.n += p.n
	}
	for i := range t.cols {
		if len(parts) == 0 {
			t.cols[i] = array.MakeArrayOfNull(mem, schema.Field(i).Type, 0)
			continue
		}
		cs := make([]arrow.Array, len(parts))
		for j, p := range parts {
			cs[j] = p.cols[i]
		}
		c, err := array.Concatenate(cs, mem)
		if err != nil {
			return nil, fmt.Errorf("column %q: %w", schema.Field(i).Name, err)
		}
		t.cols[i] = c
	}
	return t, nil
}
