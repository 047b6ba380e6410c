// Package file reads and writes Arrow record batches as files — Parquet,
// Arrow IPC (file and stream), CSV, JSON lines and Avro container files —
// and replays recorded batches as a stream in event-time order.
//
// The format follows the file name's extension: .parquet; .arrow, .feather
// and .ipc (IPC file); .arrows (IPC stream); .csv; .jsonl, .ndjson and
// .json (JSON lines); .avro (read only).
package file

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/csv"
	"github.com/apache/arrow/go/v17/arrow/ipc"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/apache/arrow/go/v17/parquet"
	"github.com/apache/arrow/go/v17/parquet/pqarrow"
	"github.com/fountain-go/fountain/sources/alert"
	"github.com/fountain-go/fountain/sources/avroarrow"
)

// Format is a file format.
type Format string

// The formats.
const (
	Parquet   Format = "parquet"
	IPCFile   Format = "arrow"
	IPCStream Format = "arrows"
	CSV       Format = "csv"
	JSONLines Format = "jsonl"
	Avro      Format = "avro"
)

// FormatOf returns the format for a file name.
func FormatOf(path string) (Format, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".parquet", ".pq":
		return Parquet, nil
	case ".arrow", ".feather", ".ipc":
		return IPCFile, nil
	case ".arrows":
		return IPCStream, nil
	case ".csv":
		return CSV, nil
	case ".jsonl", ".ndjson", ".json":
		return JSONLines, nil
	case ".avro":
		return Avro, nil
	}
	return "", fmt.Errorf("%s: unknown file format (want .parquet, .arrow, .arrows, .csv, .jsonl or .avro)", path)
}

// Read reads a whole file into record batches. The caller releases them.
func Read(path string) ([]arrow.Record, error) {
	f, err := FormatOf(path)
	if err != nil {
		return nil, err
	}
	if f == CSV { // ReadCSV reads the file whole, to split it between CPUs
		recs, _, err := ReadCSV(path, CSVOptions{})
		return recs, err
	}
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	mem := memory.DefaultAllocator
	var recs []arrow.Record
	wrap := func(err error) error { return fmt.Errorf("read %s: %w", path, err) }
	switch f {
	case Parquet:
		tbl, err := pqarrow.ReadTable(context.Background(), fh, parquet.NewReaderProperties(mem), pqarrow.ArrowReadProperties{BatchSize: 64 << 10}, mem)
		if err != nil {
			return nil, wrap(err)
		}
		defer tbl.Release()
		tr := array.NewTableReader(tbl, 64<<10)
		defer tr.Release()
		for tr.Next() {
			r := tr.Record()
			r.Retain()
			recs = append(recs, r)
		}
		return recs, nil
	case IPCFile:
		r, err := ipc.NewFileReader(fh, ipc.WithAllocator(mem))
		if err != nil {
			return nil, wrap(err)
		}
		defer r.Close()
		for i := 0; i < r.NumRecords(); i++ {
			rec, err := r.Record(i)
			if err != nil {
				release(recs)
				return nil, wrap(err)
			}
			rec.Retain()
			recs = append(recs, rec)
		}
		return recs, nil
	case IPCStream:
		r, err := ipc.NewReader(fh, ipc.WithAllocator(mem))
		if err != nil {
			return nil, wrap(err)
		}
		defer r.Release()
		return collect(r, wrap)
	case JSONLines:
		return readJSONLines(fh, mem, wrap)
	case Avro:
		cr, err := alert.NewContainerReader(fh)
		if err != nil {
			return nil, wrap(err)
		}
		dec, err := avroarrow.NewDecoder(cr.Schema(), mem)
		if err != nil {
			return nil, wrap(err)
		}
		defer dec.Release()
		for {
			data, n, err := cr.NextBlock()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				release(recs)
				return nil, wrap(err)
			}
			if err := dec.AppendBlock(data, n); err != nil {
				release(recs)
				return nil, wrap(err)
			}
			if dec.Len() >= 64<<10 {
				recs = append(recs, dec.NewRecord())
			}
		}
		if dec.Len() > 0 || len(recs) == 0 {
			recs = append(recs, dec.NewRecord())
		}
		return recs, nil
	}
	return nil, fmt.Errorf("read %s: format %s", path, f)
}

type recordReader interface {
	Next() bool
	Record() arrow.Record
	Err() error
}

func collect(r recordReader, wrap func(error) error) ([]arrow.Record, error) {
	var recs []arrow.Record
	for r.Next() {
		rec := r.Record()
		rec.Retain()
		recs = append(recs, rec)
	}
	if err := r.Err(); err != nil && !errors.Is(err, io.EOF) {
		release(recs)
		return nil, wrap(err)
	}
	return recs, nil
}

func release(recs []arrow.Record) {
	for _, r := range recs {
		r.Release()
	}
}

// readJSONLines infers a schema from the first lines (numbers that are all
// integers become int64, other numbers float64, booleans, strings; nested
// values are kept as JSON text) and reads the file with it.
func readJSONLines(fh *os.File, mem memory.Allocator, wrap func(error) error) ([]arrow.Record, error) {
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	var fields []arrow.Field
	index := map[string]int{}
	lines := 0
	for sc.Scan() && lines < 1000 {
		lines++
		dec := json.NewDecoder(strings.NewReader(sc.Text()))
		dec.UseNumber()
		var row map[string]any
		if err := dec.Decode(&row); err != nil {
			return nil, wrap(fmt.Errorf("line %d: %w", lines, err))
		}
		for k, v := range row {
			t := jsonType(v)
			if i, ok := index[k]; ok {
				fields[i].Type = widen(fields[i].Type, t)
				continue
			}
			index[k] = len(fields)
			fields = append(fields, arrow.Field{Name: k, Type: t, Nullable: true})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, wrap(err)
	}
	for i := range fields {
		if fields[i].Type == nil {
			fields[i].Type = arrow.BinaryTypes.String
		}
	}
	if _, err := fh.Seek(0, io.SeekStart); err != nil {
		return nil, wrap(err)
	}
	// arrow's JSON reader goes through float64, which would round 64-bit
	// ids: rows are decoded with json.Number and appended here instead.
	schema := arrow.NewSchema(fields, nil)
	b := array.NewRecordBuilder(mem, schema)
	defer b.Release()
	var recs []arrow.Record
	sc = bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	line := 0
	for sc.Scan() {
		line++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		dec := json.NewDecoder(strings.NewReader(sc.Text()))
		dec.UseNumber()
		var row map[string]any
		if err := dec.Decode(&row); err != nil {
			release(recs)
			return nil, wrap(fmt.Errorf("line %d: %w", line, err))
		}
		for i, f := range fields {
			if err := appendJSON(b.Field(i), f.Type, row[f.Name]); err != nil {
				release(recs)
				return nil, wrap(fmt.Errorf("line %d, field %q: %w", line, f.Name, err))
			}
		}
		if b.Field(0).Len() >= 64<<10 {
			recs = append(recs, b.NewRecord())
		}
	}
	if err := sc.Err(); err != nil {
		release(recs)
		return nil, wrap(err)
	}
	return append(recs, b.NewRecord()), nil
}

func appendJSON(b array.Builder, t arrow.DataType, v any) error {
	if v == nil {
		b.AppendNull()
		return nil
	}
	switch t.ID() {
	case arrow.INT64:
		n, ok := v.(json.Number)
		if !ok {
			return fmt.Errorf("%v is not a number", v)
		}
		x, err := n.Int64()
		if err != nil {
			return err
		}
		b.(*array.Int64Builder).Append(x)
	case arrow.FLOAT64:
		n, ok := v.(json.Number)
		if !ok {
			return fmt.Errorf("%v is not a number", v)
		}
		x, err := n.Float64()
		if err != nil {
			return err
		}
		b.(*array.Float64Builder).Append(x)
	case arrow.BOOL:
		x, ok := v.(bool)
		if !ok {
			return fmt.Errorf("%v is not a boolean", v)
		}
		b.(*array.BooleanBuilder).Append(x)
	default:
		if s, ok := v.(string); ok {
			b.(*array.StringBuilder).Append(s)
			return nil
		}
		raw, _ := json.Marshal(v)
		b.(*array.StringBuilder).Append(string(raw))
	}
	return nil
}

func jsonType(v any) arrow.DataType {
	switch x := v.(type) {
	case json.Number:
		if _, err := x.Int64(); err == nil {
			return arrow.PrimitiveTypes.Int64
		}
		return arrow.PrimitiveTypes.Float64
	case bool:
		return arrow.FixedWidthTypes.Boolean
	case string:
		return arrow.BinaryTypes.String
	case nil:
		return nil
	}
	return arrow.BinaryTypes.String
}

func widen(have, next arrow.DataType) arrow.DataType {
	switch {
	case have == nil:
		return next
	case next == nil || arrow.TypeEqual(have, next):
		return have
	case have.ID() == arrow.INT64 && next.ID() == arrow.FLOAT64, have.ID() == arrow.FLOAT64 && next.ID() == arrow.INT64:
		return arrow.PrimitiveTypes.Float64
	}
	return arrow.BinaryTypes.String
}

// Write writes record batches of one schema to a file; the format follows
// the extension.
func Write(path string, schema *arrow.Schema, recs []arrow.Record) error {
	w, err := Create(path, schema)
	if err != nil {
		return err
	}
	for _, r := range recs {
		if err := w.Write(r); err != nil {
			w.Close()
			return err
		}
	}
	return w.Close()
}

// A Writer appends record batches of one schema to a file; Close finishes
// it (a Parquet or Arrow IPC file is only readable after Close).
type Writer interface {
	Write(rec arrow.Record) error
	Close() error
}

// Create starts a file of record batches of schema, in the format of the
// path's extension, to be written batch by batch: the sink of a stream.
func Create(path string, schema *arrow.Schema) (Writer, error) {
	f, err := FormatOf(path)
	if err != nil {
		return nil, err
	}
	if f == Avro {
		return nil, fmt.Errorf("write %s: writing avro files is not supported", path)
	}
	fh, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	w := &fileWriter{path: path, fh: fh}
	wrap := func(err error) (Writer, error) {
		fh.Close()
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	switch f {
	case Parquet:
		pw, err := pqarrow.NewFileWriter(schema, fh, parquet.NewWriterProperties(), pqarrow.DefaultWriterProps())
		if err != nil {
			return wrap(err)
		}
		w.write, w.close = pw.Write, pw.Close
	case IPCFile:
		iw, err := ipc.NewFileWriter(fh, ipc.WithSchema(schema))
		if err != nil {
			return wrap(err)
		}
		w.write, w.close = iw.Write, iw.Close
	case IPCStream:
		iw := ipc.NewWriter(fh, ipc.WithSchema(schema))
		w.write, w.close = iw.Write, iw.Close
	case CSV:
		cw := csv.NewWriter(fh, schema, csv.WithHeader(true), csv.WithNullWriter(""))
		w.write = cw.Write
		w.close = func() error { cw.Flush(); return cw.Error() }
	case JSONLines:
		bw := bufio.NewWriter(fh)
		w.write = func(r arrow.Record) error { return array.RecordToJSON(r, bw) }
		w.close = bw.Flush
	}
	return w, nil
}

type fileWriter struct {
	path  string
	fh    *os.File
	write func(arrow.Record) error
	close func() error
}

func (w *fileWriter) Write(rec arrow.Record) error {
	if err := w.write(rec); err != nil {
		return fmt.Errorf("write %s: %w", w.path, err)
	}
	return nil
}

func (w *fileWriter) Close() error {
	err := w.close()
	// The Parquet writer closes the file itself.
	if cerr := w.fh.Close(); err == nil && !errors.Is(cerr, os.ErrClosed) {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", w.path, err)
	}
	return nil
}
