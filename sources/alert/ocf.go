package alert

import (
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/hamba/avro/v2"
)

// ContainerReader reads an Avro object container file (.avro), such as the
// ZTF and LSST alert archives, record by record into generic values.
//
// It reads the file's own schema after relaxing what strict Avro libraries
// reject in real alert schemas: ZTF schemas up to 3.3 declare unions like
// ["float", "null"] with "default": null. Such defaults only matter when
// resolving one schema against another, never when decoding, so they are
// dropped; the union order, which the data's encoding depends on, is kept.
type ContainerReader struct {
	r      *bufio.Reader
	schema avro.Schema
	codec  string
	sync   [16]byte
	block  *bytes.Reader
	left   int64
}

// NewContainerReader reads the header of an object container file.
func NewContainerReader(r io.Reader) (*ContainerReader, error) {
	br := bufio.NewReader(r)
	magic := make([]byte, 4)
	if _, err := io.ReadFull(br, magic); err != nil || !bytes.Equal(magic, []byte("Obj\x01")) {
		return nil, errors.New("not an Avro object container file")
	}
	meta := map[string][]byte{}
	for {
		n, err := readLong(br)
		if err != nil {
			return nil, fmt.Errorf("avro header: %w", err)
		}
		if n == 0 {
			break
		}
		if n < 0 {
			n = -n
			if _, err := readLong(br); err != nil { // block size in bytes
				return nil, fmt.Errorf("avro header: %w", err)
			}
		}
		for i := int64(0); i < n; i++ {
			k, err := readBytes(br)
			if err != nil {
				return nil, fmt.Errorf("avro header: %w", err)
			}
			v, err := readBytes(br)
			if err != nil {
				return nil, fmt.Errorf("avro header: %w", err)
			}
			meta[string(k)] = v
		}
	}
	cr := &ContainerReader{r: br, codec: string(meta["avro.codec"])}
	if _, err := io.ReadFull(br, cr.sync[:]); err != nil {
		return nil, fmt.Errorf("avro header sync marker: %w", err)
	}
	switch cr.codec {
	case "", "null", "deflate":
	default:
		return nil, fmt.Errorf("avro codec %q is not supported (null and deflate are)", cr.codec)
	}
	s, err := ParseLenient(meta["avro.schema"])
	if err != nil {
		return nil, err
	}
	cr.schema = s
	return cr, nil
}

// Schema is the file's schema.
func (c *ContainerReader) Schema() avro.Schema { return c.schema }

// Next returns the next record as generic values (records as
// map[string]any, longs as int64), or io.EOF after the last.
func (c *ContainerReader) Next() (map[string]any, error) {
	for c.left == 0 {
		if err := c.nextBlock(); err != nil {
			return nil, err
		}
	}
	var v map[string]any
	dec := avro.NewDecoderForSchema(c.schema, c.block)
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("decode record: %w", err)
	}
	c.left--
	out, _ := plain(c.schema, v).(map[string]any)
	return out, nil
}

// plain turns hamba's generic union form ({"type name": value}) into the
// value itself, following the schema, so records read as plain nested maps.
func plain(s avro.Schema, v any) any {
	if r, ok := s.(*avro.RefSchema); ok {
		s = r.Schema()
	}
	switch s := s.(type) {
	case *avro.RecordSchema:
		m, ok := v.(map[string]any)
		if !ok {
			return v
		}
		for _, f := range s.Fields() {
			m[f.Name()] = plain(f.Type(), m[f.Name()])
		}
		return m
	case *avro.ArraySchema:
		if xs, ok := v.([]any); ok {
			for i := range xs {
				xs[i] = plain(s.Items(), xs[i])
			}
		}
		return v
	case *avro.MapSchema:
		if m, ok := v.(map[string]any); ok {
			for k := range m {
				m[k] = plain(s.Values(), m[k])
			}
		}
		return v
	case *avro.UnionSchema:
		m, ok := v.(map[string]any)
		if !ok || len(m) != 1 {
			return v
		}
		for name, inner := range m {
			for _, t := range s.Types() {
				if unionName(t) == name {
					return plain(t, inner)
				}
			}
		}
		return v
	}
	return v
}

// unionName is how hamba names a union branch in generic values.
func unionName(s avro.Schema) string {
	if r, ok := s.(*avro.RefSchema); ok {
		s = r.Schema()
	}
	if n, ok := s.(avro.NamedSchema); ok {
		return n.FullName()
	}
	return string(s.Type())
}

// NextBlock returns the next block's raw data, count datums written one
// after another, for decoders that read the encoding themselves (such as
// avroarrow). Do not mix with Next.
func (c *ContainerReader) NextBlock() (data []byte, count int64, err error) {
	if err := c.nextBlock(); err != nil {
		return nil, 0, err
	}
	rest := make([]byte, c.block.Len())
	c.block.Read(rest)
	count, c.left = c.left, 0
	return rest, count, nil
}

func (c *ContainerReader) nextBlock() error {
	count, err := readLong(c.r)
	if err == io.EOF {
		return io.EOF
	}
	if err != nil {
		return fmt.Errorf("avro block: %w", err)
	}
	data, err := readBytes(c.r)
	if err != nil {
		return fmt.Errorf("avro block: %w", err)
	}
	var sync [16]byte
	if _, err := io.ReadFull(c.r, sync[:]); err != nil || sync != c.sync {
		return errors.New("avro block: bad sync marker (corrupt file)")
	}
	if c.codec == "deflate" {
		if data, err = io.ReadAll(flate.NewReader(bytes.NewReader(data))); err != nil {
			return fmt.Errorf("avro block: inflate: %w", err)
		}
	}
	c.block, c.left = bytes.NewReader(data), count
	return nil
}

func readLong(r io.ByteReader) (int64, error) {
	var u uint64
	for shift := uint(0); shift < 64; shift += 7 {
		b, err := r.ReadByte()
		if err != nil {
			if shift > 0 && err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return 0, err
		}
		u |= uint64(b&0x7f) << shift
		if b < 0x80 {
			return int64(u>>1) ^ -int64(u&1), nil
		}
	}
	return 0, errors.New("varint too long")
}

func readBytes(r *bufio.Reader) ([]byte, error) {
	n, err := readLong(r)
	if err != nil {
		return nil, err
	}
	if n < 0 || n > 1<<30 {
		return nil, fmt.Errorf("bad length %d", n)
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(r, b); err != nil {
		return nil, err
	}
	return b, nil
}

// ParseLenient parses a schema, dropping "default": null from unions whose
// first branch is not null (invalid in Avro, present in ZTF schemas <= 3.3).
func ParseLenient(schema []byte) (avro.Schema, error) {
	var v any
	if err := json.Unmarshal(schema, &v); err != nil {
		return nil, fmt.Errorf("schema is not JSON: %w", err)
	}
	relax(v)
	fixed, _ := json.Marshal(v)
	s, err := avro.ParseBytes(fixed)
	if err != nil {
		return nil, fmt.Errorf("parse schema: %w", err)
	}
	return s, nil
}

func relax(v any) {
	switch x := v.(type) {
	case map[string]any:
		if u, ok := x["type"].([]any); ok && len(u) > 0 && u[0] != "null" {
			if d, has := x["default"]; has && d == nil {
				delete(x, "default")
			}
		}
		for _, c := range x {
			relax(c)
		}
	case []any:
		for _, c := range x {
			relax(c)
		}
	}
}
