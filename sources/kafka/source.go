// Package kafka reads alert topics into Arrow record batches with
// segmentio/kafka-go: a consumer group with committed offsets, or chosen
// partitions from the earliest or latest offset, an offset or a time;
// messages batched by count and time; a message that does not decode is
// kept, with its partition, offset and error, in a dead-letter list and
// the stream goes on.
package kafka

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/apache/arrow/go/v17/arrow/memory"
	"github.com/fountain-go/fountain/internal/brokers"
	"github.com/fountain-go/fountain/sources/alert"
	"github.com/fountain-go/fountain/sources/avroarrow"
	"github.com/hamba/avro/v2"
	kafkago "github.com/segmentio/kafka-go"
)

// Brokers returns the broker list from KAFKA_BROKERS, or localhost:9092.
func Brokers() []string { return brokers.FromEnv() }

// Config says what to read.
type Config struct {
	Brokers      []string      // default Brokers()
	Topic        string        // required
	GroupID      string        // a consumer group: offsets are committed and resumed
	Partitions   []int         // without a group: these partitions (default all)
	From         string        // without a group: "earliest" (default), "latest", "offset:N" or a time (RFC 3339 or Unix ms)
	BatchRows    int           // rows per batch (default 4096)
	BatchTimeout time.Duration // longest wait for a batch (default 250 ms); one that has caught up with the topic goes sooner
	Schema       avro.Schema   // schemaless messages: their schema (default fountain's ZTF-style schema)
	// Registry, when set, means messages carry Confluent framing (a magic
	// byte and a schema id) and ids are resolved here; a batch holds one
	// schema, so a new id ends the batch before it.
	Registry alert.Registry
	// Flatten, when set, replaces nested struct columns by their fields
	// named parent + Flatten + child ("candidate.magpsf" with ".").
	Flatten string
	// ManualCommit, with a GroupID, leaves committing offsets to Commit: a
	// checkpointing stream (frames.Stream.Checkpoint) commits the position
	// of each checkpoint, so that the group and the saved state agree.
	ManualCommit bool
}

// Metadata columns appended after the decoded fields.
const (
	ColKey       = "kafka_key"
	ColPartition = "kafka_partition"
	ColOffset    = "kafka_offset"
	ColTimestamp = "kafka_timestamp"
)

// DeadLetter is a message that could not be decoded.
type DeadLetter struct {
	Partition int
	Offset    int64
	Err       error
	Value     []byte
}

// Source is an open topic.
type decoder struct {
	dec    *avroarrow.Decoder
	schema *arrow.Schema
}

// withMetadata appends the Kafka columns to a decoder's schema.
func withMetadata(s *arrow.Schema) *arrow.Schema {
	return arrow.NewSchema(append(s.Fields(),
		arrow.Field{Name: ColKey, Type: arrow.BinaryTypes.Binary, Nullable: true},
		arrow.Field{Name: ColPartition, Type: arrow.PrimitiveTypes.Int32},
		arrow.Field{Name: ColOffset, Type: arrow.PrimitiveTypes.Int64},
		arrow.Field{Name: ColTimestamp, Type: &arrow.TimestampType{Unit: arrow.Millisecond, TimeZone: "UTC"}}), nil)
}

// Source reads a topic into Arrow record batches (see Open); it is a
// frames.BatchSource, resumable when it reads partitions.
type Source struct {
	cfg     Config
	readers []*kafkago.Reader
	direct  bool              // one reader, fetched from in Next; several have pumps
	in      *inbox            // where the pumps leave messages
	pending []kafkago.Message // taken from the inbox; those from at on are not in a batch yet
	at      int
	errs    chan error
	cancel  context.CancelFunc
	wg      sync.WaitGroup
	base    *avroarrow.Decoder // for schemaless messages
	dec     *avroarrow.Decoder // the current batch's decoder
	schema  *arrow.Schema      // its schema with the metadata columns
	byID    map[int32]*decoder // Confluent schema id -> decoder
	dec2    *avroarrow.Decoder // schemaless: a second decoder, for batches decoded in halves
	stash   *part              // the second half, for the next call
	unread  atomic.Int64       // taken from the inbox (or stashed) but not returned, for Lag
	msgs    []kafkago.Message  // gather's buffers, reused
	datums  [][]byte
	only    []string // the top-level fields decoded (nil: all; see Project)

	mu   sync.Mutex
	dead []DeadLetter
	good int64
	// toCommit is the position after the last batch returned, committed
	// when the next batch is asked for (group mode, without ManualCommit).
	toCommit map[int]int64
	next     map[int]int64 // per partition: the offset after the last message returned
	closed   sync.Once
	// commitReq asks the committer to commit toCommit: waiting for the
	// broker's answer in Next stalled reading for a round trip a batch.
	commitReq chan struct{}
	committer sync.WaitGroup
}

// Open connects and positions the readers. An unreachable broker is an
// error within seconds.
func Open(ctx context.Context, cfg Config) (*Source, error) {
	if cfg.Topic == "" {
		return nil, errors.New("kafka: no topic")
	}
	if len(cfg.Brokers) == 0 {
		cfg.Brokers = Brokers()
	}
	if cfg.BatchRows <= 0 {
		cfg.BatchRows = 4096
	}
	if cfg.BatchTimeout <= 0 {
		cfg.BatchTimeout = 250 * time.Millisecond
	}
	if cfg.Schema == nil {
		cfg.Schema = alert.ZTFSchema()
	}
	if err := brokers.Check(cfg.Brokers); err != nil {
		return nil, err
	}
	dec, err := avroarrow.NewDecoder(cfg.Schema, memory.DefaultAllocator)
	if err != nil {
		return nil, err
	}
	var dec2 *avroarrow.Decoder
	if cfg.Registry == nil {
		dec2, _ = avroarrow.NewDecoder(cfg.Schema, memory.DefaultAllocator) // the schema compiled above
	}
	s := &Source{cfg: cfg, base: dec, dec: dec, dec2: dec2, schema: withMetadata(dec.Schema()), byID: map[int32]*decoder{},
		in: newInbox(cfg.BatchRows), errs: make(chan error, 1)}
	if cfg.GroupID != "" {
		s.readers = []*kafkago.Reader{kafkago.NewReader(kafkago.ReaderConfig{
			Brokers: cfg.Brokers, Topic: cfg.Topic, GroupID: cfg.GroupID,
			StartOffset: kafkago.FirstOffset, MaxWait: 100 * time.Millisecond, MinBytes: 1, MaxBytes: 16 << 20,
			QueueCapacity: queueCapacity,
		})}
	} else {
		parts := cfg.Partitions
		if len(parts) == 0 {
			if parts, err = partitions(cfg.Brokers[0], cfg.Topic); err != nil {
				dec.Release()
				return nil, err
			}
		}
		for _, p := range parts {
			r := kafkago.NewReader(kafkago.ReaderConfig{Brokers: cfg.Brokers, Topic: cfg.Topic, Partition: p,
				MaxWait: 100 * time.Millisecond, MinBytes: 1, MaxBytes: 16 << 20, QueueCapacity: queueCapacity})
			if err := seek(ctx, r, cfg.From); err != nil {
				r.Close()
				s.closeReaders()
				dec.Release()
				return nil, err
			}
			s.readers = append(s.readers, r)
		}
	}
	rctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	s.startPumps(rctx)
	if cfg.GroupID != "" && !cfg.ManualCommit {
		s.commitReq = make(chan struct{}, 1)
		s.committer.Add(1)
		go s.commitLoop(rctx)
	}
	return s, nil
}

// commitLoop commits what Next returned, in the background. When the
// broker is away the offsets stay pending and are committed with the next
// batch's; reading goes on once it is back.
func (s *Source) commitLoop(ctx context.Context) {
	defer s.committer.Done()
	for {
		select {
		case <-s.commitReq:
		case <-ctx.Done():
			return
		}
		if err := s.commit(ctx); err != nil && ctx.Err() == nil {
			s.report(err)
		}
	}
}

// startPumps starts a goroutine per reader putting its messages in the
// inbox: fetching overlaps decoding, and several readers merge there.
func (s *Source) startPumps(ctx context.Context) {
	for _, r := range s.readers {
		s.wg.Add(1)
		go s.pump(ctx, r)
	}
}

// queueCapacity is each reader's internal queue: kafka-go's default (100)
// made its fetch goroutine stop and start again many times a batch.
const queueCapacity = 1024

// linger is how long Next waits for more messages once a batch has rows.
const linger = 5 * time.Millisecond

func partitions(broker, topic string) ([]int, error) {
	conn, err := (&kafkago.Dialer{Timeout: 5 * time.Second}).Dial("tcp", broker)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	ps, err := conn.ReadPartitions(topic)
	if err != nil {
		return nil, fmt.Errorf("kafka: partitions of %q: %w", topic, err)
	}
	out := make([]int, len(ps))
	for i, p := range ps {
		out[i] = p.ID
	}
	return out, nil
}

func seek(ctx context.Context, r *kafkago.Reader, from string) error {
	switch {
	case from == "" || from == "earliest":
		return r.SetOffset(kafkago.FirstOffset)
	case from == "latest":
		return r.SetOffset(kafkago.LastOffset)
	case strings.HasPrefix(from, "offset:"):
		o, err := strconv.ParseInt(strings.TrimPrefix(from, "offset:"), 10, 64)
		if err != nil {
			return fmt.Errorf("kafka: From %q: %w", from, err)
		}
		return r.SetOffset(o)
	}
	t, err := time.Parse(time.RFC3339, from)
	if err != nil {
		ms, perr := strconv.ParseInt(from, 10, 64)
		if perr != nil {
			return fmt.Errorf("kafka: From %q: want earliest, latest, offset:N, an RFC 3339 time or Unix milliseconds", from)
		}
		t = time.UnixMilli(ms)
	}
	return r.SetOffsetAt(ctx, t)
}

// pump fetches messages; kafka-go reconnects by itself when the broker
// goes away, so errors are only reported, never fatal.
func (s *Source) pump(ctx context.Context, r *kafkago.Reader) {
	defer s.wg.Done()
	for {
		m, err := r.FetchMessage(ctx)
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			s.report(err)
			time.Sleep(200 * time.Millisecond)
			continue
		}
		if !s.in.put(m, ctx.Done()) {
			return
		}
	}
}

// Schema is the schema of the batches: the decoded fields, then the Kafka
// key, partition, offset and timestamp.
func (s *Source) Schema() *arrow.Schema {
	if s.cfg.Flatten != "" {
		return avroarrow.FlattenSchema(s.schema, s.cfg.Flatten)
	}
	return s.schema
}

// Project makes the source decode only the named columns of its Schema:
// the others come as all-null columns (frames.Projector). A stream does
// it with the columns its pipeline reads, so a count by band does not
// decode each alert's history. Nil decodes every column again.
func (s *Source) Project(columns []string) error {
	if columns == nil {
		s.only = nil
	} else {
		// Top-level fields: a flattened "candidate.jd" is in "candidate".
		s.only = []string{}
		for _, f := range s.base.Schema().Fields() {
			for _, c := range columns {
				if c == f.Name || (s.cfg.Flatten != "" && strings.HasPrefix(c, f.Name+s.cfg.Flatten)) {
					s.only = append(s.only, f.Name)
					break
				}
			}
		}
	}
	if err := s.dec.Only(fieldsOf(s.dec, s.only)); err != nil {
		return fmt.Errorf("kafka: %w", err)
	}
	if s.dec2 != nil {
		if err := s.dec2.Only(s.only); err != nil {
			return fmt.Errorf("kafka: %w", err)
		}
	}
	for _, d := range s.byID {
		if d.dec != s.dec {
			if err := d.dec.Only(fieldsOf(d.dec, s.only)); err != nil {
				return fmt.Errorf("kafka: %w", err)
			}
		}
	}
	return nil
}

// fieldsOf keeps the names dec's schema has (all of them for nil): a
// registry's schemas differ.
func fieldsOf(dec *avroarrow.Decoder, names []string) []string {
	if names == nil {
		return nil
	}
	out := []string{}
	for _, n := range names {
		if dec.Schema().FieldIndices(n) != nil {
			out = append(out, n)
		}
	}
	return out
}

// Next returns the next batch of up to BatchRows good rows: when it is
// full, when no message came for a few milliseconds after the first (the
// source has caught up), or at BatchTimeout (possibly empty). In group mode, the offsets of the
// previous batch are committed first: what Next returned is never read
// again after a restart, what it did not return is.
func (s *Source) Next(ctx context.Context) (arrow.Record, error) {
	select {
	case s.commitReq <- struct{}{}:
	default: // a commit is asked for already
	}
	defer s.noteUnread()
	if p := s.stash; p != nil {
		s.stash = nil
		s.returned(p)
		return p.rec, nil
	}
	reached := newMarks()
	msgs, datums := s.gather(ctx, reached)
	var first *part
	if n := len(msgs); n >= 2*parallelRows && s.dec2 != nil {
		// Two halves decoded at once, the second returned by the next
		// call: decoding alerts with their history is the costliest step
		// between the broker and the stream, and has a core to spare.
		h := n / 2
		done := make(chan *part, 1)
		go func() { done <- s.decode(s.dec2, s.schema, msgs[h:], datums[h:], newMarks()) }()
		first = s.decode(s.dec, s.schema, msgs[:h], datums[:h], reached)
		s.stash = <-done
	} else {
		first = s.decode(s.dec, s.schema, msgs, datums, reached)
	}
	clear(msgs)
	clear(datums)
	s.returned(first)
	if ctx.Err() != nil && first.rec.NumRows() == 0 {
		first.rec.Release()
		return nil, ctx.Err()
	}
	return first.rec, nil
}

func (s *Source) noteUnread() {
	n := int64(len(s.pending) - s.at)
	if s.stash != nil {
		n += s.stash.rec.NumRows()
	}
	s.unread.Store(n)
}

// parallelRows is the least rows a half must have for a batch to be
// decoded in two halves at once.
const parallelRows = 512

// part is a decoded batch and how far it reaches.
type part struct {
	rec     arrow.Record
	reached *marks
}

// returned notes that p goes to the caller: its position, what group mode
// commits next, the count of good rows.
func (s *Source) returned(p *part) {
	s.advance(p.reached)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cfg.GroupID != "" && !s.cfg.ManualCommit && len(s.next) > 0 {
		s.toCommit = maps.Clone(s.next) // committed when the next batch is asked for
	}
	s.good += p.rec.NumRows()
}

// gather takes up to BatchRows messages for one decoder (and its schema):
// until the batch is full, the source has caught up, or BatchTimeout.
// Messages whose schema id does not resolve go to the dead letters here.
func (s *Source) gather(ctx context.Context, reached *marks) ([]kafkago.Message, [][]byte) {
	bctx, cancel := context.WithTimeout(ctx, s.cfg.BatchTimeout)
	defer cancel()
	poll := time.NewTimer(linger)
	poll.Stop()
	defer poll.Stop()
	msgs, datums := s.msgs[:0], s.datums[:0]
	var taken map[int]int64 // group mode: per partition, the offset after the last message gathered
	if s.cfg.GroupID != "" {
		taken = map[int]int64{}
	}
	for len(msgs) < s.cfg.BatchRows {
		if s.at == len(s.pending) && !s.refill(bctx, poll, len(msgs)) {
			break // timed out or cancelled
		}
		m := s.pending[s.at]
		s.at++
		if s.cfg.GroupID != "" && s.returnedBefore(m, taken) {
			continue
		}
		datum := m.Value
		if s.cfg.Registry != nil {
			d, payload, err := s.decoderFor(m.Value)
			if err != nil {
				reached.note(m)
				s.deadLetter(m, err)
				continue
			}
			if d.dec != s.dec {
				if len(msgs) > 0 {
					s.at-- // another schema: it starts the next batch
					break
				}
				s.dec, s.schema = d.dec, d.schema
			}
			datum = payload
		}
		msgs, datums = append(msgs, m), append(datums, datum)
		if taken != nil {
			taken[m.Partition] = m.Offset + 1
		}
	}
	s.msgs, s.datums = msgs, datums
	return msgs, datums
}

// returnedBefore says whether a consumer group's message was returned
// already (or gathered in the batch being made): a group starts reading a
// partition again from its committed offset, which lags what was returned
// (commits are asynchronous; a broker restart, a rebalance or a resumed
// checkpoint go back to it). A partition whose log now ends before the
// position was recreated: its messages are new.
func (s *Source) returnedBefore(m kafkago.Message, taken map[int]int64) bool {
	reached, ok := s.next[m.Partition] // only Next writes s.next: no lock needed here
	if t, inBatch := taken[m.Partition]; inBatch {
		reached, ok = max(reached, t), true
	}
	return ok && m.Offset < reached && m.HighWaterMark >= reached
}

// decode makes a batch of msgs (whose Avro datums are given) with dec:
// the decoded fields, then the Kafka columns; a datum that does not decode
// goes to the dead letters.
func (s *Source) decode(dec *avroarrow.Decoder, schema *arrow.Schema, msgs []kafkago.Message, datums [][]byte, reached *marks) *part {
	keys := make([][]byte, 0, len(msgs))
	parts := make([]int32, 0, len(msgs))
	offs := make([]int64, 0, len(msgs))
	ts := make([]arrow.Timestamp, 0, len(msgs))
	for i, m := range msgs {
		reached.note(m)
		if err := dec.Append(datums[i]); err != nil {
			s.deadLetter(m, err)
			continue
		}
		keys = append(keys, m.Key)
		parts = append(parts, int32(m.Partition))
		offs = append(offs, m.Offset)
		ts = append(ts, arrow.Timestamp(m.Time.UnixMilli()))
	}
	rec := dec.NewRecord()
	defer rec.Release()
	cols := append([]arrow.Array{}, rec.Columns()...)
	mem := memory.DefaultAllocator
	kb := array.NewBinaryBuilder(mem, arrow.BinaryTypes.Binary)
	pb := array.NewInt32Builder(mem)
	ob := array.NewInt64Builder(mem)
	tb := array.NewTimestampBuilder(mem, &arrow.TimestampType{Unit: arrow.Millisecond, TimeZone: "UTC"})
	for i := range keys {
		if keys[i] == nil {
			kb.AppendNull()
		} else {
			kb.Append(keys[i])
		}
	}
	pb.AppendValues(parts, nil)
	ob.AppendValues(offs, nil)
	tb.AppendValues(ts, nil)
	extra := []arrow.Array{kb.NewArray(), pb.NewArray(), ob.NewArray(), tb.NewArray()}
	for _, b := range []array.Builder{kb, pb, ob, tb} {
		b.Release()
	}
	cols = append(cols, extra...)
	out := array.NewRecord(schema, cols, rec.NumRows())
	for _, a := range extra {
		a.Release()
	}
	if s.cfg.Flatten != "" {
		flat := avroarrow.Flatten(out, s.cfg.Flatten)
		out.Release()
		out = flat
	}
	return &part{rec: out, reached: reached}
}

// refill gets the next messages into pending, waiting until the batch's
// context ends; it says whether there are any.
func (s *Source) refill(ctx context.Context, poll *time.Timer, have int) bool {
	s.at = 0
	for {
		if s.pending = s.in.take(s.pending); len(s.pending) > 0 {
			return true
		}
		if have == 0 {
			select {
			case <-s.in.ready:
				continue
			case <-ctx.Done():
				return false
			}
		}
		// The batch has rows: wait a little for more to pile up (not a
		// wake-up per message), and if none come, the source has caught up
		// and the batch goes now rather than at BatchTimeout.
		poll.Reset(linger)
		select {
		case <-poll.C:
			if s.pending = s.in.take(s.pending); len(s.pending) > 0 {
				return true
			}
			return false
		case <-ctx.Done():
			return false
		}
	}
}

// report keeps the latest connection or commit problem for Err.
func (s *Source) report(err error) {
	select {
	case s.errs <- err:
	default:
	}
}

func (s *Source) deadLetter(m kafkago.Message, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dead = append(s.dead, DeadLetter{Partition: m.Partition, Offset: m.Offset, Err: err, Value: m.Value})
}

// decoderFor resolves a Confluent-framed message's schema id.
func (s *Source) decoderFor(msg []byte) (*decoder, []byte, error) {
	id, payload, err := alert.Unframe(msg)
	if err != nil {
		return nil, nil, err
	}
	if d, ok := s.byID[id]; ok {
		return d, payload, nil
	}
	sc, err := s.cfg.Registry.Schema(id)
	if err != nil {
		return nil, nil, err
	}
	dec, err := avroarrow.NewDecoder(sc, memory.DefaultAllocator)
	if err != nil {
		return nil, nil, fmt.Errorf("schema %d: %w", id, err)
	}
	if err := dec.Only(fieldsOf(dec, s.only)); err != nil {
		dec.Release()
		return nil, nil, fmt.Errorf("schema %d: %w", id, err)
	}
	d := &decoder{dec: dec, schema: withMetadata(dec.Schema())}
	s.byID[id] = d
	return d, payload, nil
}

// commit commits, in group mode, what the batches returned so far reach;
// after an error the offsets stay to commit, with the next batch's.
func (s *Source) commit(ctx context.Context) error {
	s.mu.Lock()
	next := s.toCommit
	s.mu.Unlock()
	if next == nil {
		return nil
	}
	cctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if err := s.commitOffsets(cctx, next); err != nil {
		return err
	}
	s.mu.Lock()
	if maps.Equal(s.toCommit, next) {
		s.toCommit = nil
	}
	s.mu.Unlock()
	return nil
}

// commitOffsets commits, per partition, the offset of the next message to
// read.
func (s *Source) commitOffsets(ctx context.Context, next map[int]int64) error {
	msgs := make([]kafkago.Message, 0, len(next))
	for p, off := range next {
		// Committing a message commits the offset after it.
		msgs = append(msgs, kafkago.Message{Topic: s.cfg.Topic, Partition: p, Offset: off - 1})
	}
	if len(msgs) == 0 {
		return nil
	}
	if err := s.readers[0].CommitMessages(ctx, msgs...); err != nil {
		return fmt.Errorf("kafka: commit offsets: %w", err)
	}
	return nil
}

// Err returns the latest connection or commit problem, if any, without
// waiting; the source keeps retrying by itself.
func (s *Source) Err() error {
	select {
	case err := <-s.errs:
		return err
	default:
		return nil
	}
}

// DeadLetters returns the messages that did not decode so far.
func (s *Source) DeadLetters() []DeadLetter {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]DeadLetter(nil), s.dead...)
}

// Counts returns how many messages decoded and how many did not.
func (s *Source) Counts() (good, bad int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.good, int64(len(s.dead))
}

// dropStash forgets a decoded half not returned: it is read again.
func (s *Source) dropStash() {
	if s.stash != nil {
		s.stash.rec.Release()
		s.stash = nil
	}
}

// Lag is how many messages the source is behind the end of the topic
// (those fetched but not yet returned included), for status lines
// (frames.Lagger); -1 before it knows.
func (s *Source) Lag() int64 {
	total := int64(s.in.len()) + s.unread.Load()
	for _, r := range s.readers {
		l := r.Lag()
		if l < 0 {
			l = r.Stats().Lag // a group reader's gauge
		}
		if l < 0 {
			return -1
		}
		total += l
	}
	return total
}

// Commit commits, in group mode, the offsets of a Position: what a
// checkpoint covers (frames calls it after saving one). Reading partitions
// (no GroupID), there is nothing to commit.
func (s *Source) Commit(pos []byte) error {
	if s.cfg.GroupID == "" {
		return nil
	}
	var next map[int]int64
	if err := json.Unmarshal(pos, &next); err != nil {
		return fmt.Errorf("kafka: position %q: %w", pos, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return s.commitOffsets(ctx, next)
}

// marks gathers, while a batch is made, the offset after the last message
// of each partition in it; messages come in runs of one partition, so a
// run costs one map write, not one per message. (Messages that fail at
// gathering are noted before the batch's others: a run keeps its highest.)
type marks struct {
	next map[int]int64
	part int
	off  int64 // of the current run; -1: none
}

func newMarks() *marks { return &marks{next: map[int]int64{}, off: -1} }

func (k *marks) note(m kafkago.Message) {
	if m.Partition != k.part {
		k.flush()
		k.part, k.off = m.Partition, -1
	}
	k.off = max(k.off, m.Offset+1)
}

// flush writes the current run to next.
func (k *marks) flush() {
	if k.off >= 0 {
		k.next[k.part] = max(k.next[k.part], k.off)
	}
}

// advance records that the batch's messages were returned.
func (s *Source) advance(k *marks) {
	k.flush()
	if len(k.next) == 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.next == nil {
		s.next = map[int]int64{}
	}
	maps.Copy(s.next, k.next)
}

// Position says how far the batches returned so far reach: per partition,
// the offset after the last message (good or dead). With Resume it lets a
// checkpointed stream go on where it stopped (frames.Resumable).
func (s *Source) Position() ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return json.Marshal(s.next)
}

// Resume makes reading go on from a Position: each partition there from
// its offset, the others from where the Config put them. A consumer group
// resumes from its committed offsets instead, so Resume needs a source
// reading partitions (no GroupID).
func (s *Source) Resume(pos []byte) error {
	var next map[int]int64
	if err := json.Unmarshal(pos, &next); err != nil {
		return fmt.Errorf("kafka: position %q: %w", pos, err)
	}
	if s.cfg.GroupID != "" {
		if !s.cfg.ManualCommit {
			return errors.New("kafka: a consumer group committing by itself cannot resume from a checkpoint: set ManualCommit, or read partitions (no GroupID)")
		}
		// The group resumes from its committed offsets, which a checkpoint
		// may be ahead of (it was saved, then the commit did not happen):
		// messages before the position were counted already, and Next
		// passes over them (returnedBefore).
		s.mu.Lock()
		s.next = next
		s.mu.Unlock()
		return nil
	}
	// Stop the pumps, forget what they fetched, move, start again.
	s.cancel()
	s.wg.Wait()
	s.in.take(nil)
	s.pending, s.at = nil, 0
	s.dropStash()
	// Fresh readers, placed before they start: moving a running kafka-go
	// reader races with its fetch goroutine.
	for i, r := range s.readers {
		cfg := r.Config()
		r.Close()
		nr := kafkago.NewReader(cfg)
		var err error
		if off, ok := next[cfg.Partition]; ok {
			err = nr.SetOffset(off)
		} else {
			err = seek(context.Background(), nr, s.cfg.From)
		}
		if err != nil {
			nr.Close()
			return fmt.Errorf("kafka: partition %d to %v: %w", cfg.Partition, next[cfg.Partition], err)
		}
		s.readers[i] = nr
	}
	s.mu.Lock()
	s.next = next
	s.mu.Unlock()
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	s.startPumps(ctx)
	return nil
}

// Close commits what was returned (unless ManualCommit) and stops reading;
// closing again does nothing.
func (s *Source) Close() error {
	var err error
	s.closed.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		s.cancel()
		s.wg.Wait()
		s.committer.Wait()
		err = s.commit(ctx)
		s.closeReaders()
		for _, d := range s.byID {
			d.dec.Release()
		}
		s.base.Release()
		if s.dec2 != nil {
			s.dec2.Release()
		}
		s.dropStash()
	})
	return err
}

func (s *Source) closeReaders() {
	for _, r := range s.readers {
		r.Close()
	}
}
