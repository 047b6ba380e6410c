package kafka

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/fountain-go/fountain/internal/brokers"
	"github.com/hamba/avro/v2"
	kafkago "github.com/segmentio/kafka-go"
)

// SinkConfig says where to write.
type SinkConfig struct {
	Brokers   []string // default Brokers()
	Topic     string   // required
	KeyColumn string   // a column whose text is the message key (default none)
}

// Sink writes record batches to a topic, one schemaless Avro datum per row,
// with an Avro schema derived from the batches' Arrow schema (see AvroSchema);
// the Kafka metadata columns (kafka_*) are left out. Rows of alerts read
// with Source and written back decode with the same alert schema.
type Sink struct {
	cfg    SinkConfig
	w      *kafkago.Writer
	arrow  *arrow.Schema
	schema avro.Schema
	cols   []int // the columns written, in order
	key    int   // index of KeyColumn, or -1
}

// NewSink connects to the brokers; an unreachable broker is an error within seconds.
func NewSink(cfg SinkConfig) (*Sink, error) {
	if cfg.Topic == "" {
		return nil, errors.New("kafka sink: no topic")
	}
	if len(cfg.Brokers) == 0 {
		cfg.Brokers = Brokers()
	}
	if err := brokers.Check(cfg.Brokers); err != nil {
		return nil, err
	}
	w := &kafkago.Writer{Addr: kafkago.TCP(cfg.Brokers...), Topic: cfg.Topic, Balancer: &kafkago.Hash{},
		BatchTimeout: 10 * time.Millisecond, AllowAutoTopicCreation: true}
	return &Sink{cfg: cfg, w: w, key: -1}, nil
}

// Schema is the Avro schema of the written messages (after the first Write).
func (s *Sink) Schema() avro.Schema { return s.schema }

// Write writes each row of rec as a message.
func (s *Sink) Write(ctx context.Context, rec arrow.Record) error {
	if s.schema == nil {
		if err := s.init(rec.Schema()); err != nil {
			return err
		}
	} else if !rec.Schema().Equal(s.arrow) {
		return errors.New("kafka sink: a batch with another schema than the first")
	}
	msgs := make([]kafkago.Message, rec.NumRows())
	for i := range msgs {
		row := make(map[string]any, len(s.cols))
		for _, c := range s.cols {
			row[rec.Schema().Field(c).Name] = value(rec.Column(c), i)
		}
		b, err := avro.Marshal(s.schema, wrapUnions(s.schema, row))
		if err != nil {
			return fmt.Errorf("kafka sink: row %d: %w", i, err)
		}
		msgs[i].Value = b
		if s.key >= 0 && !rec.Column(s.key).IsNull(i) {
			msgs[i].Key = []byte(fmt.Sprint(value(rec.Column(s.key), i)))
		}
	}
	if err := s.w.WriteMessages(ctx, msgs...); err != nil {
		return fmt.Errorf("kafka sink: %w", err)
	}
	return nil
}

func (s *Sink) init(schema *arrow.Schema) error {
	var fields []arrow.Field
	for i, f := range schema.Fields() {
		if f.Name == s.cfg.KeyColumn {
			s.key = i
		}
		if strings.HasPrefix(f.Name, "kafka_") {
			continue
		}
		s.cols = append(s.cols, i)
		fields = append(fields, f)
	}
	if s.cfg.KeyColumn != "" && s.key < 0 {
		return fmt.Errorf("kafka sink: no key column %q", s.cfg.KeyColumn)
	}
	as, err := AvroSchema(arrow.NewSchema(fields, nil))
	if err != nil {
		return err
	}
	s.schema, s.arrow = as, schema
	return nil
}

// Close flushes and closes the writer.
func (s *Sink) Close() error { return s.w.Close() }

// AvroSchema derives an Avro record schema from an Arrow schema: the
// inverse of avroarrow's mapping (nullable fields become ["null", T]).
func AvroSchema(s *arrow.Schema) (avro.Schema, error) {
	n := 0
	var fields []*avro.Field
	for _, f := range s.Fields() {
		af, err := avroField(f, &n)
		if err != nil {
			return nil, err
		}
		fields = append(fields, af)
	}
	return avro.NewRecordSchema("row", "fountain", fields)
}

func avroField(f arrow.Field, n *int) (*avro.Field, error) {
	t, err := avroType(f.Type, n)
	if err != nil {
		return nil, fmt.Errorf("column %s: %w", f.Name, err)
	}
	if f.Nullable {
		u, err := avro.NewUnionSchema([]avro.Schema{avro.NewPrimitiveSchema(avro.Null, nil), t})
		if err != nil {
			return nil, err
		}
		return avro.NewField(f.Name, u, avro.WithDefault(nil))
	}
	return avro.NewField(f.Name, t)
}

func avroType(t arrow.DataType, n *int) (avro.Schema, error) {
	prim := func(p avro.Type) avro.Schema { return avro.NewPrimitiveSchema(p, nil) }
	switch t := t.(type) {
	case *arrow.BooleanType:
		return prim(avro.Boolean), nil
	case *arrow.Int8Type, *arrow.Int16Type, *arrow.Int32Type, *arrow.Uint8Type, *arrow.Uint16Type:
		return prim(avro.Int), nil
	case *arrow.Int64Type, *arrow.Uint32Type:
		return prim(avro.Long), nil
	case *arrow.Float32Type:
		return prim(avro.Float), nil
	case *arrow.Float64Type:
		return prim(avro.Double), nil
	case *arrow.StringType:
		return prim(avro.String), nil
	case *arrow.BinaryType:
		return prim(avro.Bytes), nil
	case *arrow.TimestampType:
		lt := avro.TimestampMicros
		if t.Unit == arrow.Millisecond || t.Unit == arrow.Second {
			lt = avro.TimestampMillis
		}
		return avro.NewPrimitiveSchema(avro.Long, avro.NewPrimitiveLogicalSchema(lt)), nil
	case *arrow.StructType:
		*n++
		var fields []*avro.Field
		for _, f := range t.Fields() {
			af, err := avroField(f, n)
			if err != nil {
				return nil, err
			}
			fields = append(fields, af)
		}
		return avro.NewRecordSchema(fmt.Sprintf("record%d", *n), "fountain", fields)
	case *arrow.ListType:
		item, err := avroType(t.Elem(), n)
		if err != nil {
			return nil, err
		}
		if t.ElemField().Nullable {
			if item, err = avro.NewUnionSchema([]avro.Schema{avro.NewPrimitiveSchema(avro.Null, nil), item}); err != nil {
				return nil, err
			}
		}
		return avro.NewArraySchema(item), nil
	}
	return nil, fmt.Errorf("type %s has no Avro counterpart here", t)
}

// wrapUnions names the branch of each nullable record value, as hamba's
// generic encoder needs ({"fountain.record1": {...}}): a bare map would be
// read as a union already named.
func wrapUnions(sch avro.Schema, v any) any {
	if v == nil {
		return nil
	}
	switch sch := sch.(type) {
	case *avro.UnionSchema:
		for _, t := range sch.Types() {
			if t.Type() == avro.Null {
				continue
			}
			w := wrapUnions(t, v)
			if r, ok := t.(*avro.RecordSchema); ok {
				return map[string]any{r.FullName(): w}
			}
			return w
		}
	case *avro.RecordSchema:
		m, ok := v.(map[string]any)
		if !ok {
			return v
		}
		for _, f := range sch.Fields() {
			m[f.Name()] = wrapUnions(f.Type(), m[f.Name()])
		}
		return m
	case *avro.ArraySchema:
		items, ok := v.([]any)
		if !ok {
			return v
		}
		for i, x := range items {
			items[i] = wrapUnions(sch.Items(), x)
		}
		return items
	}
	return v
}

// value reads row i of a column as a Go value for hamba's generic encoder.
func value(a arrow.Array, i int) any {
	if a.IsNull(i) {
		return nil
	}
	switch a := a.(type) {
	case *array.Boolean:
		return a.Value(i)
	case *array.Int8:
		return int(a.Value(i))
	case *array.Int16:
		return int(a.Value(i))
	case *array.Int32:
		return int(a.Value(i))
	case *array.Uint8:
		return int(a.Value(i))
	case *array.Uint16:
		return int(a.Value(i))
	case *array.Int64:
		return a.Value(i)
	case *array.Uint32:
		return int64(a.Value(i))
	case *array.Float32:
		return a.Value(i)
	case *array.Float64:
		return a.Value(i)
	case *array.String:
		return a.Value(i)
	case *array.Binary:
		return a.Value(i)
	case *array.Timestamp:
		u := a.DataType().(*arrow.TimestampType).Unit
		return a.Value(i).ToTime(u)
	case *array.Struct:
		st := a.DataType().(*arrow.StructType)
		m := make(map[string]any, st.NumFields())
		for j, f := range st.Fields() {
			m[f.Name] = value(a.Field(j), i)
		}
		return m
	case *array.List:
		start, end := a.ValueOffsets(i)
		vals := a.ListValues()
		out := make([]any, 0, end-start)
		for k := start; k < end; k++ {
			out = append(out, value(vals, int(k)))
		}
		return out
	}
	return nil
}
