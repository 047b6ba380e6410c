package file

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	acsv "github.com/apache/arrow/go/v17/arrow/csv"
	"github.com/apache/arrow/go/v17/arrow/memory"
)

// CSVOptions controls ReadCSV.
type CSVOptions struct {
	// SkipBadRows leaves out rows with the wrong number of fields (or
	// broken quoting) and reports them, instead of failing the read.
	SkipBadRows bool
	// Progress, when set, is called with the rows parsed so far, from the
	// parsing goroutines (it must be safe for concurrent use).
	Progress func(rows int64)
}

// BadRow is a CSV row that ReadCSV left out.
type BadRow struct {
	Line int    // 1-based line number in the file
	Text string // the row as it was (clipped to 200 bytes)
	Err  string
}

// ReadCSV reads a CSV file with a header line, inferring column types from
// the first rows. Files without quoted fields are parsed on every core.
func ReadCSV(path string, opt CSVOptions) ([]arrow.Record, []BadRow, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	wrap := func(err error) error { return fmt.Errorf("read %s: %w", path, err) }
	var bad []BadRow
	if opt.SkipBadRows {
		if data, bad, err = dropBadRows(data); err != nil {
			return nil, nil, wrap(err)
		}
	}
	recs, err := parseCSV(data, memory.DefaultAllocator, opt.Progress)
	if err != nil {
		return nil, bad, wrap(err)
	}
	return recs, bad, nil
}

// dropBadRows keeps the header and the rows with as many fields as it.
func dropBadRows(data []byte) ([]byte, []BadRow, error) {
	lines := bytes.SplitAfter(data, []byte("\n"))
	if len(lines) == 0 {
		return data, nil, nil
	}
	header, err := csv.NewReader(bytes.NewReader(lines[0])).Read()
	if err != nil {
		return nil, nil, fmt.Errorf("header: %w", err)
	}
	out := bytes.NewBuffer(make([]byte, 0, len(data)))
	out.Write(lines[0])
	var bad []BadRow
	// One physical line at a time: a quoted newline makes a row look bad
	// here, so files with quotes are checked row by row by encoding/csv.
	if bytes.IndexByte(data, '"') >= 0 {
		r := csv.NewReader(bytes.NewReader(data))
		r.FieldsPerRecord = -1
		w := csv.NewWriter(out)
		out.Reset()
		for line := 1; ; line++ {
			rec, err := r.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			var ln int
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				ln = pe.StartLine
			} else if err == nil {
				ln, _ = r.FieldPos(0)
			}
			if err == nil && len(rec) != len(header) {
				err = fmt.Errorf("%d fields, header has %d", len(rec), len(header))
			}
			if err != nil {
				if line == 1 {
					return nil, nil, fmt.Errorf("header: %w", err)
				}
				bad = append(bad, BadRow{Line: ln, Err: err.Error()})
				continue
			}
			w.Write(rec)
		}
		w.Flush()
		return out.Bytes(), bad, w.Error()
	}
	for i, l := range lines[1:] {
		t := bytes.TrimRight(l, "\r\n")
		if len(t) == 0 {
			continue
		}
		if n := bytes.Count(t, []byte(",")) + 1; n != len(header) {
			text := string(t)
			if len(text) > 200 {
				text = text[:200]
			}
			bad = append(bad, BadRow{Line: i + 2, Text: text, Err: fmt.Sprintf("%d fields, header has %d", n, len(header))})
			continue
		}
		out.Write(l)
	}
	return out.Bytes(), bad, nil
}

func csvOpts(mem memory.Allocator, header bool) []acsv.Option {
	return []acsv.Option{acsv.WithHeader(header), acsv.WithChunk(64 << 10), acsv.WithNullReader(true, ""), acsv.WithAllocator(mem)}
}

// parseCSV parses in parallel when no field is quoted (so every newline
// ends a row): the schema comes from the first chunk, each CPU parses a
// range of whole lines, and the batches keep file order. Any error sends it
// back to one sequential pass, whose messages carry file line numbers.
func parseCSV(data []byte, mem memory.Allocator, progress func(int64)) ([]arrow.Record, error) {
	schema, err := inferCSV(data, 10000)
	if err != nil {
		return nil, err
	}
	var parsed atomic.Int64
	count := func(n int64) {
		if progress != nil {
			progress(parsed.Add(n))
		}
	}
	sequential := func() ([]arrow.Record, error) {
		parsed.Store(0)
		r := acsv.NewReader(bytes.NewReader(data), schema, csvOpts(mem, true)...)
		defer r.Release()
		return collectCounting(r, count)
	}
	p := runtime.GOMAXPROCS(0)
	if p == 1 || len(data) < 4<<20 || bytes.IndexByte(data, '"') >= 0 {
		return sequential()
	}
	nl := bytes.IndexByte(data, '\n')
	if nl < 0 {
		return sequential()
	}
	body := data[nl+1:]
	var parts [][]byte
	step := len(body)/p + 1
	for start := 0; start < len(body); {
		end := min(start+step, len(body))
		if j := bytes.IndexByte(body[end:], '\n'); j >= 0 && end < len(body) {
			end += j + 1
		} else {
			end = len(body)
		}
		parts = append(parts, body[start:end])
		start = end
	}
	results := make([][]arrow.Record, len(parts))
	errs := make([]error, len(parts))
	var wg sync.WaitGroup
	for i, part := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := acsv.NewReader(bytes.NewReader(part), schema, csvOpts(mem, false)...)
			defer r.Release()
			results[i], errs[i] = collectCounting(r, count)
		}()
	}
	wg.Wait()
	var recs []arrow.Record
	for i := range parts {
		if errs[i] != nil {
			for _, rs := range results {
				release(rs)
			}
			return sequential()
		}
		recs = append(recs, results[i]...)
	}
	return recs, nil
}

// collectCounting is collect, telling count the rows of each batch.
func collectCounting(r recordReader, count func(int64)) ([]arrow.Record, error) {
	var recs []arrow.Record
	for r.Next() {
		rec := r.Record()
		rec.Retain()
		recs = append(recs, rec)
		count(rec.NumRows())
	}
	if err := r.Err(); err != nil && !errors.Is(err, io.EOF) {
		release(recs)
		return nil, err
	}
	return recs, nil
}

// inferCSV takes column types from the header and the first rows: int64
// when every value is an integer, float64 when every value is a number,
// bool, a UTC timestamp for RFC 3339 times, else string. Empty is null.
// (Arrow's own inference looks at the first row only, so a column whose
// first value is 0 and later 0.5 would fail.)
func inferCSV(data []byte, rows int) (*arrow.Schema, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("header: %w", err)
	}
	const (
		isInt = 1 << iota
		isFloat
		isBool
		isTime
	)
	can := make([]int, len(header))
	for i := range can {
		can[i] = isInt | isFloat | isBool | isTime
	}
	for n := 0; n < rows; n++ {
		rec, err := r.Read()
		if err != nil {
			break // EOF, or a bad row the full read reports with its line
		}
		for i, v := range rec {
			if i >= len(can) || v == "" {
				continue
			}
			if can[i]&isInt != 0 {
				if _, err := strconv.ParseInt(v, 10, 64); err != nil {
					can[i] &^= isInt
				}
			}
			if can[i]&isFloat != 0 {
				if _, err := strconv.ParseFloat(v, 64); err != nil {
					can[i] &^= isFloat
				}
			}
			if can[i]&isBool != 0 && v != "true" && v != "false" {
				can[i] &^= isBool
			}
			if can[i]&isTime != 0 {
				if _, err := time.Parse(time.RFC3339Nano, v); err != nil {
					can[i] &^= isTime
				}
			}
		}
	}
	fields := make([]arrow.Field, len(header))
	for i, name := range header {
		var t arrow.DataType = arrow.BinaryTypes.String
		switch {
		case can[i]&isInt != 0:
			t = arrow.PrimitiveTypes.Int64
		case can[i]&isFloat != 0:
			t = arrow.PrimitiveTypes.Float64
		case can[i]&isBool != 0:
			t = arrow.FixedWidthTypes.Boolean
		case can[i]&isTime != 0:
			t = &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}
		}
		fields[i] = arrow.Field{Name: name, Type: t, Nullable: true}
	}
	return arrow.NewSchema(fields, nil), nil
}
