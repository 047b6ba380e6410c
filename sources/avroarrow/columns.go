package avroarrow

import (
	"unsafe"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
)

// The decoder appends to its own column buffers rather than Arrow's
// builders: an Arrow builder checks capacity and sets a validity bit on
// every append, which was a third of decoding. Here values go into typed
// slices over allocator memory, nulls are noted by position (they are
// rare), and the validity bitmap is made once, when the batch is cut.

// column is one column under construction.
type column interface {
	appendNull()
	len() int
	// cut returns the column's rows as array data and starts it empty,
	// with room for as many rows as it had.
	cut() arrow.ArrayData
	// reset drops the rows without making an array.
	reset()
	release()
}

// buffer is a growable typed slice in allocator memory.
type buffer[T any] struct {
	mem  memory.Allocator
	buf  *memory.Buffer
	vals []T // over buf's bytes; len is the number of values
}

func newBuffer[T any](mem memory.Allocator, capacity int) buffer[T] {
	b := buffer[T]{mem: mem}
	b.alloc(max(capacity, 64))
	return b
}

func (b *buffer[T]) alloc(capacity int) {
	var zero T
	size := int(unsafe.Sizeof(zero))
	b.buf = memory.NewResizableBuffer(b.mem)
	b.buf.Reserve(capacity * size)
	b.vals = unsafe.Slice((*T)(unsafe.Pointer(unsafe.SliceData(b.buf.Buf()))), b.buf.Cap()/size)[:0]
}

func (b *buffer[T]) grow() {
	var zero T
	size := int(unsafe.Sizeof(zero))
	n := len(b.vals)
	b.buf.Reserve(2 * cap(b.vals) * size)
	b.vals = unsafe.Slice((*T)(unsafe.Pointer(unsafe.SliceData(b.buf.Buf()))), b.buf.Cap()/size)[:n]
}

func (b *buffer[T]) push(v T) {
	if len(b.vals) == cap(b.vals) {
		b.grow()
	}
	b.vals = append(b.vals, v)
}

// take hands the buffer over, sized to its values, and starts a new one
// as large.
func (b *buffer[T]) take() *memory.Buffer {
	var zero T
	out := b.buf
	out.Resize(len(b.vals) * int(unsafe.Sizeof(zero)))
	b.alloc(cap(b.vals))
	return out
}

func (b *buffer[T]) release() { b.buf.Release() }

// nulls notes null rows by position.
type nulls struct{ at []int }

// bitmap makes the validity bitmap of n rows (nil when none is null) and
// forgets the nulls.
func (ns *nulls) bitmap(mem memory.Allocator, n int) (*memory.Buffer, int) {
	count := len(ns.at)
	if count == 0 {
		return nil, 0
	}
	buf := memory.NewResizableBuffer(mem)
	buf.Resize((n + 7) / 8)
	bits := buf.Bytes()
	for i := range bits {
		bits[i] = 0xff
	}
	for _, i := range ns.at {
		bits[i>>3] &^= 1 << (i & 7)
	}
	ns.at = ns.at[:0]
	return buf, count
}

// fixedCol holds fixed-width values (ints, floats, timestamps).
type fixedCol[T int32 | int64 | float32 | float64] struct {
	typ  arrow.DataType
	mem  memory.Allocator
	vals buffer[T]
	nulls
}

func newFixed[T int32 | int64 | float32 | float64](typ arrow.DataType, mem memory.Allocator) *fixedCol[T] {
	return &fixedCol[T]{typ: typ, mem: mem, vals: newBuffer[T](mem, 0)}
}

func (c *fixedCol[T]) appendNull() {
	c.at = append(c.at, len(c.vals.vals))
	c.vals.push(0)
}
func (c *fixedCol[T]) len() int { return len(c.vals.vals) }
func (c *fixedCol[T]) reset()   { c.vals.vals, c.at = c.vals.vals[:0], c.at[:0] }
func (c *fixedCol[T]) release() { c.vals.release() }
func (c *fixedCol[T]) cut() arrow.ArrayData {
	n := c.len()
	valid, nn := c.bitmap(c.mem, n)
	return dataOf(c.typ, n, []*memory.Buffer{valid, c.vals.take()}, nil, nn)
}

// boolCol holds booleans, one byte each until cut packs them to bits.
type boolCol struct {
	mem  memory.Allocator
	vals []bool
	nulls
}

func (c *boolCol) appendNull() {
	c.at = append(c.at, len(c.vals))
	c.vals = append(c.vals, false)
}
func (c *boolCol) len() int { return len(c.vals) }
func (c *boolCol) reset()   { c.vals, c.at = c.vals[:0], c.at[:0] }
func (c *boolCol) release() {}
func (c *boolCol) cut() arrow.ArrayData {
	n := len(c.vals)
	valid, nn := c.bitmap(c.mem, n)
	bits := memory.NewResizableBuffer(c.mem)
	bits.Resize((n + 7) / 8)
	b := bits.Bytes()
	clear(b)
	for i, v := range c.vals {
		if v {
			b[i>>3] |= 1 << (i & 7)
		}
	}
	c.vals = c.vals[:0]
	return dataOf(arrow.FixedWidthTypes.Boolean, n, []*memory.Buffer{valid, bits}, nil, nn)
}

// binCol holds strings or bytes: int32 offsets and the bytes.
type binCol struct {
	typ     arrow.DataType
	mem     memory.Allocator
	offsets buffer[int32]
	data    buffer[byte]
	nulls
}

func newBin(typ arrow.DataType, mem memory.Allocator) *binCol {
	c := &binCol{typ: typ, mem: mem, offsets: newBuffer[int32](mem, 0), data: newBuffer[byte](mem, 0)}
	c.offsets.push(0)
	return c
}

func (c *binCol) add(p []byte) {
	for len(c.data.vals)+len(p) > cap(c.data.vals) {
		c.data.grow()
	}
	c.data.vals = append(c.data.vals, p...)
	c.offsets.push(int32(len(c.data.vals)))
}

func (c *binCol) appendNull() {
	c.at = append(c.at, c.len())
	c.offsets.push(int32(len(c.data.vals)))
}
func (c *binCol) len() int { return len(c.offsets.vals) - 1 }
func (c *binCol) reset() {
	c.offsets.vals, c.data.vals, c.at = c.offsets.vals[:1], c.data.vals[:0], c.at[:0]
}
func (c *binCol) release() { c.offsets.release(); c.data.release() }
func (c *binCol) cut() arrow.ArrayData {
	n := c.len()
	valid, nn := c.bitmap(c.mem, n)
	out := dataOf(c.typ, n, []*memory.Buffer{valid, c.offsets.take(), c.data.take()}, nil, nn)
	c.offsets.push(0)
	return out
}

// fixedBinCol holds Avro fixed values.
type fixedBinCol struct {
	typ  *arrow.FixedSizeBinaryType
	mem  memory.Allocator
	data buffer[byte]
	nulls
}

func (c *fixedBinCol) add(p []byte) {
	for len(c.data.vals)+len(p) > cap(c.data.vals) {
		c.data.grow()
	}
	c.data.vals = append(c.data.vals, p...)
}
func (c *fixedBinCol) appendNull() {
	c.at = append(c.at, c.len())
	c.add(make([]byte, c.typ.ByteWidth))
}
func (c *fixedBinCol) len() int { return len(c.data.vals) / c.typ.ByteWidth }
func (c *fixedBinCol) reset()   { c.data.vals, c.at = c.data.vals[:0], c.at[:0] }
func (c *fixedBinCol) release() { c.data.release() }
func (c *fixedBinCol) cut() arrow.ArrayData {
	n := c.len()
	valid, nn := c.bitmap(c.mem, n)
	return dataOf(c.typ, n, []*memory.Buffer{valid, c.data.take()}, nil, nn)
}

// structCol is a record: its fields' columns, and its own nulls.
type structCol struct {
	typ    arrow.DataType
	mem    memory.Allocator
	fields []column
	rows   int
	nulls
}

// appendNull makes the row null, and its fields too, so that a flattened
// field is null wherever its parent is.
func (c *structCol) appendNull() {
	c.at = append(c.at, c.rows)
	c.rows++
	for _, f := range c.fields {
		f.appendNull()
	}
}
func (c *structCol) len() int { return c.rows }
func (c *structCol) reset() {
	c.rows, c.at = 0, c.at[:0]
	for _, f := range c.fields {
		f.reset()
	}
}
func (c *structCol) release() {
	for _, f := range c.fields {
		f.release()
	}
}
func (c *structCol) cut() arrow.ArrayData {
	n := c.rows
	valid, nn := c.bitmap(c.mem, n)
	children := make([]arrow.ArrayData, len(c.fields))
	for i, f := range c.fields {
		children[i] = f.cut()
	}
	c.rows = 0
	return dataOf(c.typ, n, []*memory.Buffer{valid}, children, nn)
}

// listCol is an Avro array or map: int32 offsets into its items' column
// (for a map, a struct of key and value).
type listCol struct {
	typ     arrow.DataType
	mem     memory.Allocator
	offsets buffer[int32]
	items   column
	nulls
}

func newList(typ arrow.DataType, items column, mem memory.Allocator) *listCol {
	c := &listCol{typ: typ, mem: mem, offsets: newBuffer[int32](mem, 0), items: items}
	c.offsets.push(0)
	return c
}

// end closes the current row after its items were appended.
func (c *listCol) end() { c.offsets.push(int32(c.items.len())) }
func (c *listCol) appendNull() {
	c.at = append(c.at, c.len())
	c.end()
}
func (c *listCol) len() int { return len(c.offsets.vals) - 1 }
func (c *listCol) reset() {
	c.offsets.vals, c.at = c.offsets.vals[:1], c.at[:0]
	c.items.reset()
}
func (c *listCol) release() { c.offsets.release(); c.items.release() }
func (c *listCol) cut() arrow.ArrayData {
	n := c.len()
	valid, nn := c.bitmap(c.mem, n)
	items := c.items.cut()
	out := dataOf(c.typ, n, []*memory.Buffer{valid, c.offsets.take()}, []arrow.ArrayData{items}, nn)
	c.offsets.push(0)
	return out
}

// dataOf makes array data owning its buffers and children.
func dataOf(typ arrow.DataType, n int, bufs []*memory.Buffer, children []arrow.ArrayData, nullCount int) arrow.ArrayData {
	d := array.NewData(typ, n, bufs, children, nullCount, 0)
	for _, b := range bufs {
		if b != nil {
			b.Release() // NewData took its own reference
		}
	}
	for _, c := range children {
		c.Release()
	}
	return d
}

// newColumn makes the column for a plan node.
func newColumn(n *node, mem memory.Allocator) column {
	typ := arrowType(n)
	switch n.kind {
	case kNullable, kUnion1:
		return newColumn(n.child, mem)
	case kBool:
		return &boolCol{mem: mem}
	case kInt:
		return newFixed[int32](typ, mem)
	case kLong, kTimestampMillis, kTimestampMicros:
		return newFixed[int64](typ, mem)
	case kFloat:
		return newFixed[float32](typ, mem)
	case kDouble:
		return newFixed[float64](typ, mem)
	case kString, kEnum, kBytes:
		return newBin(typ, mem)
	case kFixed:
		return &fixedBinCol{typ: typ.(*arrow.FixedSizeBinaryType), mem: mem, data: newBuffer[byte](mem, 0)}
	case kRecord:
		c := &structCol{typ: typ, mem: mem}
		for _, f := range n.fields {
			c.fields = append(c.fields, newColumn(f, mem))
		}
		return c
	case kArray:
		return newList(typ, newColumn(n.child, mem), mem)
	case kMap:
		entries := &structCol{typ: typ.(*arrow.MapType).Elem(), mem: mem,
			fields: []column{newBin(arrow.BinaryTypes.String, mem), newColumn(n.child, mem)}}
		return newList(typ, entries, mem)
	}
	panic("unreachable")
}
