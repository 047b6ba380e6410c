// Package avroarrow decodes Avro data straight into Arrow record batches,
// for any Avro schema: the schema is compiled once into a plan of small
// decode steps that append to column buffers.
//
// The mapping: boolean → bool, int → int32, long → int64 (exact, 64-bit
// ids stay exact), float → float32, double → float64, string and enum →
// utf8, bytes → binary, fixed → fixed_size_binary, record → struct, array →
// list, map → map<utf8, V>, a union of null and one type → that type,
// nullable (either order, as ZTF's ["float", "null"] and LSST's ["null",
// "float"]), a union of one type → that type, timestamp-millis/micros longs
// → timestamp. The top-level record's fields are the batch's columns.
// Unions of several non-null types are not supported.
//
// A datum that does not decode (truncated, wrong for the schema) leaves
// the batch exactly as it was, so one bad message never corrupts a batch.
package avroarrow

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/hamba/avro/v2"
)

// Decoder appends schemaless Avro datums of one schema to an Arrow record
// batch under construction. It is not safe for concurrent use.
type Decoder struct {
	schema *arrow.Schema
	plan   []*node  // one per top-level field
	cols   []column // one per top-level field
	steps  []step   // append steps bound to cols
	skip   []bool   // per top-level field: not decoded (see Only)
	rows   int
	kept   [][]byte // the datums of the batch so far, to rebuild it
	mem    memory.Allocator
}

type kind int

const (
	kBool kind = iota
	kInt
	kLong
	kFloat
	kDouble
	kString
	kBytes
	kFixed
	kEnum
	kRecord
	kArray
	kMap
	kNullable
	kTimestampMillis
	kTimestampMicros
	kUnion1 // a union of one type
)

type node struct {
	kind     kind
	name     string
	nullable bool
	nullIdx  int64 // nullable: the union branch that is null
	child    *node // nullable inner, array items, map values
	fields   []*node
	size     int
	symbols  []string
}

// ErrCorrupt wraps every decode error of a datum.
var ErrCorrupt = errors.New("corrupt Avro datum")

// NewDecoder compiles a plan for a record schema.
func NewDecoder(schema avro.Schema, mem memory.Allocator) (*Decoder, error) {
	rec, ok := deref(schema).(*avro.RecordSchema)
	if !ok {
		return nil, fmt.Errorf("avroarrow: top-level schema is %s, want a record", schema.Type())
	}
	d := &Decoder{}
	var fields []arrow.Field
	for _, f := range rec.Fields() {
		n, err := compile(f.Name(), f.Type(), map[string]bool{})
		if err != nil {
			return nil, err
		}
		d.plan = append(d.plan, n)
		fields = append(fields, arrow.Field{Name: n.name, Type: arrowType(n), Nullable: n.kind == kNullable})
	}
	d.schema = arrow.NewSchema(fields, nil)
	if mem == nil {
		mem = memory.DefaultAllocator
	}
	d.mem = mem
	for _, n := range d.plan {
		c := newColumn(n, mem)
		d.cols = append(d.cols, c)
		d.steps = append(d.steps, bind(n, c))
	}
	d.skip = make([]bool, len(d.plan))
	return d, nil
}

// Only makes the decoder decode just the named top-level fields (all of
// them when names is nil): the others are stepped over, which is several
// times faster than decoding them, and come as all-null columns, so the
// schema stays the same. A stream calls it (through its source) with the
// columns its pipeline reads: a count of alerts by band need not decode
// each alert's history. It is an error between Append and NewRecord, or
// for a name the schema does not have.
func (d *Decoder) Only(names []string) error {
	if d.rows > 0 {
		return errors.New("avroarrow: Only in the middle of a batch")
	}
	keep := map[string]bool{}
	for _, name := range names {
		if d.schema.FieldIndices(name) == nil {
			return fmt.Errorf("avroarrow: Only: no field %q", name)
		}
		keep[name] = true
	}
	for i, n := range d.plan {
		d.skip[i] = names != nil && !keep[n.name]
		if d.skip[i] {
			d.steps[i] = skipStep(n)
		} else {
			d.steps[i] = bind(n, d.cols[i])
		}
	}
	return nil
}

// skipStep steps over a value without decoding it: the compiled
// counterpart of skip, for the fields Only leaves out.
func skipStep(n *node) step {
	switch n.kind {
	case kBool:
		return func(r *reader) { mustTake(r, 1) }
	case kInt, kLong, kTimestampMillis, kTimestampMicros, kEnum:
		return func(r *reader) { mustLong(r) }
	case kFloat:
		return func(r *reader) { mustTake(r, 4) }
	case kDouble:
		return func(r *reader) { mustTake(r, 8) }
	case kString, kBytes:
		return func(r *reader) { mustTake(r, int(mustLong(r))) }
	case kFixed:
		return func(r *reader) { mustTake(r, n.size) }
	case kRecord:
		fields := make([]step, len(n.fields))
		for i, f := range n.fields {
			fields[i] = skipStep(f)
		}
		return func(r *reader) {
			for _, f := range fields {
				f(r)
			}
		}
	case kArray, kMap:
		item := skipStep(n.child)
		if n.kind == kMap {
			val := item
			item = func(r *reader) {
				mustTake(r, int(mustLong(r)))
				val(r)
			}
		}
		return func(r *reader) {
			for {
				count := mustLong(r)
				if count == 0 {
					return
				}
				if count < 0 {
					// The block's size in bytes is given: one jump.
					mustTake(r, int(mustLong(r)))
					continue
				}
				if count > int64(len(r.b)) {
					panic(fmt.Errorf("block of %d items in a %d-byte datum", count, len(r.b)))
				}
				for i := int64(0); i < count; i++ {
					item(r)
				}
			}
		}
	case kUnion1:
		inner := skipStep(n.child)
		return func(r *reader) {
			oneBranch(r)
			inner(r)
		}
	case kNullable:
		inner := skipStep(n.child)
		return func(r *reader) {
			if !isNull(r, n.nullIdx) {
				inner(r)
			}
		}
	}
	panic("unreachable")
}

func deref(s avro.Schema) avro.Schema {
	if r, ok := s.(*avro.RefSchema); ok {
		return r.Schema()
	}
	return s
}

func compile(name string, s avro.Schema, inProgress map[string]bool) (*node, error) {
	s = deref(s)
	n := &node{name: name}
	switch s := s.(type) {
	case *avro.PrimitiveSchema:
		switch s.Type() {
		case avro.Boolean:
			n.kind = kBool
		case avro.Int:
			n.kind = kInt
		case avro.Long:
			n.kind = kLong
			if l := s.Logical(); l != nil {
				switch l.Type() {
				case avro.TimestampMillis:
					n.kind = kTimestampMillis
				case avro.TimestampMicros:
					n.kind = kTimestampMicros
				}
			}
		case avro.Float:
			n.kind = kFloat
		case avro.Double:
			n.kind = kDouble
		case avro.String:
			n.kind = kString
		case avro.Bytes:
			n.kind = kBytes
		default:
			return nil, fmt.Errorf("avroarrow: field %s: type %s not supported", name, s.Type())
		}
	case *avro.FixedSchema:
		n.kind, n.size = kFixed, s.Size()
	case *avro.EnumSchema:
		n.kind, n.symbols = kEnum, s.Symbols()
	case *avro.RecordSchema:
		if inProgress[s.FullName()] {
			return nil, fmt.Errorf("avroarrow: field %s: recursive record %s not supported", name, s.FullName())
		}
		inProgress[s.FullName()] = true
		defer delete(inProgress, s.FullName())
		n.kind = kRecord
		for _, f := range s.Fields() {
			c, err := compile(f.Name(), f.Type(), inProgress)
			if err != nil {
				return nil, err
			}
			n.fields = append(n.fields, c)
		}
	case *avro.ArraySchema:
		c, err := compile("item", s.Items(), inProgress)
		if err != nil {
			return nil, err
		}
		n.kind, n.child = kArray, c
	case *avro.MapSchema:
		c, err := compile("value", s.Values(), inProgress)
		if err != nil {
			return nil, err
		}
		n.kind, n.child = kMap, c
	case *avro.UnionSchema:
		ts := s.Types()
		if len(ts) == 1 && ts[0].Type() != avro.Null {
			c, err := compile(name, ts[0], inProgress)
			if err != nil {
				return nil, err
			}
			n.kind, n.child = kUnion1, c
			return n, nil
		}
		if len(ts) != 2 || (ts[0].Type() != avro.Null && ts[1].Type() != avro.Null) {
			return nil, fmt.Errorf("avroarrow: field %s: only unions of null and one type are supported", name)
		}
		nullIdx, other := int64(0), ts[1]
		if ts[1].Type() == avro.Null {
			nullIdx, other = 1, ts[0]
		}
		c, err := compile(name, other, inProgress)
		if err != nil {
			return nil, err
		}
		n.kind, n.nullIdx, n.child = kNullable, nullIdx, c
	default:
		return nil, fmt.Errorf("avroarrow: field %s: type %s not supported", name, s.Type())
	}
	return n, nil
}

func arrowType(n *node) arrow.DataType {
	switch n.kind {
	case kBool:
		return arrow.FixedWidthTypes.Boolean
	case kInt:
		return arrow.PrimitiveTypes.Int32
	case kLong:
		return arrow.PrimitiveTypes.Int64
	case kFloat:
		return arrow.PrimitiveTypes.Float32
	case kDouble:
		return arrow.PrimitiveTypes.Float64
	case kString, kEnum:
		return arrow.BinaryTypes.String
	case kBytes:
		return arrow.BinaryTypes.Binary
	case kFixed:
		return &arrow.FixedSizeBinaryType{ByteWidth: n.size}
	case kTimestampMillis:
		return &arrow.TimestampType{Unit: arrow.Millisecond, TimeZone: "UTC"}
	case kTimestampMicros:
		return &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}
	case kRecord:
		fs := make([]arrow.Field, len(n.fields))
		for i, c := range n.fields {
			fs[i] = arrow.Field{Name: c.name, Type: arrowType(c), Nullable: c.kind == kNullable}
		}
		return arrow.StructOf(fs...)
	case kArray:
		return arrow.ListOfField(arrow.Field{Name: "item", Type: arrowType(n.child), Nullable: n.child.kind == kNullable})
	case kMap:
		return arrow.MapOf(arrow.BinaryTypes.String, arrowType(n.child))
	case kNullable, kUnion1:
		return arrowType(n.child)
	}
	panic("unreachable")
}

// Schema is the Arrow schema of the batches.
func (d *Decoder) Schema() *arrow.Schema { return d.schema }

// Len is the number of rows appended since the last NewRecord.
func (d *Decoder) Len() int { return d.rows }

// Append decodes one datum and appends it as a row. A datum that does not
// decode is reported (wrapping ErrCorrupt) and leaves the batch unchanged.
//
// Datums are decoded straight into the builders, without a checking pass
// first (a third of the work): the rare one that fails part-way makes the
// batch be built again from the datums before it, which the decoder keeps
// until NewRecord — so a datum must not change until then.
func (d *Decoder) Append(datum []byte) error {
	if err := d.decode(datum); err != nil {
		d.rebuild()
		return fmt.Errorf("%w: %v", ErrCorrupt, d.explain(datum, err))
	}
	d.kept = append(d.kept, datum)
	d.rows++
	return nil
}

// decode runs the append steps on datum, turning a panic of theirs (a
// datum that does not decode) into an error.
func (d *Decoder) decode(datum []byte) error {
	r := reader{b: datum}
	if err := d.run(&r); err != nil {
		return err
	}
	if r.off != len(r.b) {
		return fmt.Errorf("%d trailing bytes", len(r.b)-r.off)
	}
	return nil
}

// run runs the append steps on the datum at r's offset.
func (d *Decoder) run(r *reader) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%v", p)
		}
	}()
	for _, s := range d.steps {
		s(r)
	}
	return nil
}

// rebuild starts the batch again from the datums that decoded (the
// columns hold part of a row, which no record can take).
func (d *Decoder) rebuild() {
	for _, c := range d.cols {
		c.reset()
	}
	for _, k := range d.kept {
		r := reader{b: k}
		for _, s := range d.steps {
			s(&r)
		}
	}
}

// explain finds which field of a bad datum is at fault, by the checking
// pass the fast path skips.
func (d *Decoder) explain(datum []byte, err error) error {
	r := reader{b: datum}
	for _, n := range d.plan {
		if e := skip(n, &r); e != nil {
			return fmt.Errorf("field %s: %v", n.name, e)
		}
	}
	return err
}

// AppendBlock appends count datums written one after another, as in a
// block of an Avro object container file. It stops at the first datum that
// does not decode, which leaves the batch with the datums before it.
func (d *Decoder) AppendBlock(data []byte, count int64) error {
	r := reader{b: data}
	for i := int64(0); i < count; i++ {
		start := r.off
		if err := d.run(&r); err != nil {
			d.rebuild()
			return fmt.Errorf("%w: datum %d: %v", ErrCorrupt, i, d.explain(data[start:], err))
		}
		d.kept = append(d.kept, data[start:r.off])
		d.rows++
	}
	return nil
}

// NewRecord returns the rows appended so far as a record batch and starts
// a new one. The caller releases the record.
func (d *Decoder) NewRecord() arrow.Record {
	n := d.rows
	d.rows = 0
	clear(d.kept)
	d.kept = d.kept[:0]
	cols := make([]arrow.Array, len(d.cols))
	for i, c := range d.cols {
		if d.skip[i] {
			cols[i] = array.MakeArrayOfNull(d.mem, d.schema.Field(i).Type, n)
			continue
		}
		data := c.cut()
		cols[i] = array.MakeFromData(data)
		data.Release()
	}
	rec := array.NewRecord(d.schema, cols, int64(n))
	for _, c := range cols {
		c.Release()
	}
	return rec
}

// Release frees the columns' buffers.
func (d *Decoder) Release() {
	for _, c := range d.cols {
		c.release()
	}
}

// reader is a cursor over one datum.
type reader struct {
	b   []byte
	off int
}

var errShort = errors.New("datum ends early")

// long reads a zigzag varint; most are one or two bytes, so the loop is
// written out rather than slicing for binary.Uvarint.
func (r *reader) long() (int64, error) {
	if r.off < len(r.b) && r.b[r.off] < 0x80 {
		u := uint64(r.b[r.off])
		r.off++
		return int64(u>>1) ^ -int64(u&1), nil
	}
	var u uint64
	for i, s := r.off, uint(0); i < len(r.b) && s < 64; i, s = i+1, s+7 {
		c := r.b[i]
		u |= uint64(c&0x7f) << s
		if c < 0x80 {
			r.off = i + 1
			return int64(u>>1) ^ -int64(u&1), nil
		}
	}
	return 0, errShort
}

func (r *reader) take(n int) ([]byte, error) {
	if n < 0 || r.off+n > len(r.b) {
		return nil, errShort
	}
	p := r.b[r.off : r.off+n]
	r.off += n
	return p, nil
}

// skip checks one value's encoding and moves past it.
func skip(n *node, r *reader) error {
	switch n.kind {
	case kBool:
		_, err := r.take(1)
		return err
	case kInt, kLong, kTimestampMillis, kTimestampMicros:
		_, err := r.long()
		return err
	case kEnum:
		i, err := r.long()
		if err == nil && (i < 0 || i >= int64(len(n.symbols))) {
			err = fmt.Errorf("enum index %d out of range", i)
		}
		return err
	case kFloat:
		_, err := r.take(4)
		return err
	case kDouble:
		_, err := r.take(8)
		return err
	case kString, kBytes:
		l, err := r.long()
		if err != nil {
			return err
		}
		_, err = r.take(int(l))
		return err
	case kFixed:
		_, err := r.take(n.size)
		return err
	case kRecord:
		for _, c := range n.fields {
			if err := skip(c, r); err != nil {
				return fmt.Errorf("%s: %w", c.name, err)
			}
		}
		return nil
	case kArray, kMap:
		for {
			count, err := r.long()
			if err != nil {
				return err
			}
			if count == 0 {
				return nil
			}
			if count < 0 {
				count = -count
				if _, err := r.long(); err != nil { // block size in bytes
					return err
				}
			}
			if count > int64(len(r.b)) {
				return fmt.Errorf("block of %d items in a %d-byte datum", count, len(r.b))
			}
			for i := int64(0); i < count; i++ {
				if n.kind == kMap {
					if err := skip(&node{kind: kString}, r); err != nil {
						return err
					}
				}
				if err := skip(n.child, r); err != nil {
					return err
				}
			}
		}
	case kUnion1:
		i, err := r.long()
		if err != nil {
			return err
		}
		if i != 0 {
			return fmt.Errorf("union branch %d out of range", i)
		}
		return skip(n.child, r)
	case kNullable:
		i, err := r.long()
		if err != nil {
			return err
		}
		if i != 0 && i != 1 {
			return fmt.Errorf("union branch %d out of range", i)
		}
		if i == n.nullIdx {
			return nil
		}
		return skip(n.child, r)
	}
	return fmt.Errorf("unknown kind %d", n.kind)
}

// step appends one already-checked value; it cannot fail.
type step func(r *reader)

// mustLong and mustTake read for the append steps, which decode without
// checking first: a datum that does not decode panics out of them, and
// Append recovers.
func mustLong(r *reader) int64 {
	v, err := r.long()
	if err != nil {
		panic(err)
	}
	return v
}

func mustTake(r *reader, n int) []byte {
	p, err := r.take(n)
	if err != nil {
		panic(err)
	}
	return p
}

// bind builds the append step for n writing to c.
func bind(n *node, c column) step {
	switch n.kind {
	case kRecord, kArray, kMap:
		return bindNested(n, c)
	case kUnion1:
		inner := bind(n.child, c)
		return func(r *reader) {
			oneBranch(r)
			inner(r)
		}
	case kNullable:
		if k := n.child.kind; k == kRecord || k == kArray || k == kMap {
			inner := bindNested(n.child, c)
			return func(r *reader) {
				if isNull(r, n.nullIdx) {
					c.appendNull()
					return
				}
				inner(r)
			}
		}
		return bindValue(n.child, c, n.nullIdx)
	}
	return bindValue(n, c, -1)
}

// oneBranch reads the branch of a union of one type: 0.
func oneBranch(r *reader) {
	if i := mustLong(r); i != 0 {
		panic(fmt.Errorf("union branch %d out of range", i))
	}
}

// isNull reads a nullable value's union branch (none when nullIdx < 0)
// and says whether it is the null one.
func isNull(r *reader, nullIdx int64) bool {
	if nullIdx < 0 {
		return false
	}
	// Branches 0 and 1 are the bytes 0 and 2: no varint to read.
	if r.off < len(r.b) {
		if c := r.b[r.off]; c == 0 || c == 2 {
			r.off++
			return int64(c>>1) == nullIdx
		}
	}
	switch i := mustLong(r); {
	case i == nullIdx:
		return true
	case i == 0 || i == 1:
		return false
	default:
		panic(fmt.Errorf("union branch %d out of range", i))
	}
}

// bindValue builds the step of a primitive value, reading its union
// branch first when nullIdx >= 0: one call per value, not two.
func bindValue(n *node, c column, nullIdx int64) step {
	switch n.kind {
	case kBool:
		bc := c.(*boolCol)
		return func(r *reader) {
			if isNull(r, nullIdx) {
				bc.appendNull()
				return
			}
			bc.vals = append(bc.vals, mustTake(r, 1)[0] != 0)
		}
	case kInt:
		fc := c.(*fixedCol[int32])
		return func(r *reader) {
			if isNull(r, nullIdx) {
				fc.appendNull()
				return
			}
			fc.vals.push(int32(mustLong(r)))
		}
	case kLong, kTimestampMillis, kTimestampMicros:
		fc := c.(*fixedCol[int64])
		return func(r *reader) {
			if isNull(r, nullIdx) {
				fc.appendNull()
				return
			}
			fc.vals.push(mustLong(r))
		}
	case kFloat:
		fc := c.(*fixedCol[float32])
		return func(r *reader) {
			if isNull(r, nullIdx) {
				fc.appendNull()
				return
			}
			fc.vals.push(math.Float32frombits(binary.LittleEndian.Uint32(mustTake(r, 4))))
		}
	case kDouble:
		fc := c.(*fixedCol[float64])
		return func(r *reader) {
			if isNull(r, nullIdx) {
				fc.appendNull()
				return
			}
			fc.vals.push(math.Float64frombits(binary.LittleEndian.Uint64(mustTake(r, 8))))
		}
	case kString, kBytes:
		bc := c.(*binCol)
		return func(r *reader) {
			if isNull(r, nullIdx) {
				bc.appendNull()
				return
			}
			bc.add(mustTake(r, int(mustLong(r))))
		}
	case kEnum:
		bc := c.(*binCol)
		symbols := make([][]byte, len(n.symbols))
		for i, s := range n.symbols {
			symbols[i] = []byte(s)
		}
		return func(r *reader) {
			if isNull(r, nullIdx) {
				bc.appendNull()
				return
			}
			i := mustLong(r)
			if i < 0 || i >= int64(len(symbols)) {
				panic(fmt.Errorf("enum index %d out of range", i))
			}
			bc.add(symbols[i])
		}
	case kFixed:
		fc := c.(*fixedBinCol)
		return func(r *reader) {
			if isNull(r, nullIdx) {
				fc.appendNull()
				return
			}
			fc.add(mustTake(r, n.size))
		}
	}
	panic("unreachable")
}

// bindNested builds the step of a record, array or map.
func bindNested(n *node, c column) step {
	switch n.kind {
	case kRecord:
		sc := c.(*structCol)
		steps := make([]step, len(n.fields))
		for i, f := range n.fields {
			steps[i] = bind(f, sc.fields[i])
		}
		return func(r *reader) {
			sc.rows++
			for _, s := range steps {
				s(r)
			}
		}
	case kArray:
		lc := c.(*listCol)
		item := bind(n.child, lc.items)
		return func(r *reader) {
			blocks(r, item)
			lc.end()
		}
	case kMap:
		lc := c.(*listCol)
		entries := lc.items.(*structCol)
		keys := entries.fields[0].(*binCol)
		val := bind(n.child, entries.fields[1])
		return func(r *reader) {
			blocks(r, func(r *reader) {
				keys.add(mustTake(r, int(mustLong(r))))
				val(r)
				entries.rows++
			})
			lc.end()
		}
	}
	panic("unreachable")
}

// blocks walks the blocks of an array or map, calling item for each entry.
func blocks(r *reader, item step) {
	for {
		count := mustLong(r)
		if count == 0 {
			return
		}
		if count < 0 {
			count = -count
			mustLong(r)
		}
		if count > int64(len(r.b)) {
			panic(fmt.Errorf("block of %d items in a %d-byte datum", count, len(r.b)))
		}
		for i := int64(0); i < count; i++ {
			item(r)
		}
	}
}
